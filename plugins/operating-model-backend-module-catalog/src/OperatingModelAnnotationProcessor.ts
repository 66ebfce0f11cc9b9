import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  OperatingModelConfig,
  annotationProblems,
  isOperatingModelService,
} from '@operating-model/backstage-plugin-operating-model-common';

/**
 * Reports unreadable operating-model annotations as catalog processing errors, so they show
 * where Backstage users already look for broken catalog-info files. The text is the same as the
 * `problems` entry of the service's assessment, because both come from `annotationProblems`.
 *
 * Only with `operatingModel.catalog.annotationProblems: error`: the catalog refuses an entity
 * with processing errors (a new one never appears, an existing one freezes on its last good
 * version), so by default the problems are only shown by the plugin's own views.
 *
 * @public
 */
export class OperatingModelAnnotationProcessor implements CatalogProcessor {
  constructor(private readonly config: OperatingModelConfig) {}

  getProcessorName(): string {
    return 'OperatingModelAnnotationProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (this.config.catalog.annotationProblems !== 'error') return entity;
    if (!isOperatingModelService(entity)) return entity;
    const problems = annotationProblems(
      {
        entityRef: stringifyEntityRef(entity),
        owner: null,
        system: null,
        domain: null,
        annotations: entity.metadata.annotations ?? {},
        links: [],
      },
      this.config,
    );
    for (const problem of problems) {
      emit(processingResult.inputError(location, problem.message));
    }
    return entity;
  }
}
