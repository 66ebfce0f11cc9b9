import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readOperatingModelConfig } from '@internal/plugin-operating-model-common';
import { OperatingModelAnnotationProcessor } from './catalog/OperatingModelAnnotationProcessor';

/**
 * A catalog module that reports unreadable `operating-model.io/` annotations as processing
 * errors. Note that the catalog keeps the last good version of an entity with processing
 * errors (and does not add a new entity until it is fixed), as it does for any invalid entity.
 *
 * @public
 */
export const catalogModuleOperatingModelAnnotations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'operating-model-annotations',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ catalog, config }) {
        catalog.addProcessor(
          new OperatingModelAnnotationProcessor(readOperatingModelConfig(config)),
        );
      },
    });
  },
});
