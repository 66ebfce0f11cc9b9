import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { readOperatingModelConfig } from '@operating-model/backstage-plugin-operating-model-common';
import { createCatalogInfoAction } from './actions/catalogInfoAction';

/**
 * Adds the `operating-model:catalog-info` action to the Scaffolder, so a software template
 * can onboard a service with the same questions and rules as the operating-model page's form.
 *
 * @public
 */
export const scaffolderModuleOperatingModel = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'operating-model',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createCatalogInfoAction({ config: readOperatingModelConfig(config) }),
        );
      },
    });
  },
});
