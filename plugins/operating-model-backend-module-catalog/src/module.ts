import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readOperatingModelConfig } from '@operating-model/backstage-plugin-operating-model-common';
import { OperatingModelAnnotationProcessor } from './OperatingModelAnnotationProcessor';

/**
 * A catalog module that, with `operatingModel.catalog.annotationProblems: error`, reports
 * unreadable `operating-model.io/` annotations as processing errors. The catalog then keeps the
 * last good version of such an entity (and does not add a new one until it is fixed), as it does
 * for any invalid entity; with the default `warn` the module reports nothing and the problems
 * show on the card, in the directory and in the problems view.
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
          new OperatingModelAnnotationProcessor(
            readOperatingModelConfig(config),
          ),
        );
      },
    });
  },
});
