import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { operatingModelEventSourcesExtensionPoint } from '@operating-model/backstage-plugin-operating-model-node';
import { GitHubDeploymentSource } from './GitHubDeploymentSource';

/**
 * An operating-model backend module that adds the `github` event source: production
 * deployments of every Component with `github.com/project-slug`, read from GitHub's
 * deployments API with the credentials of `integrations.github`. It runs only when
 * `operatingModel.sources.github` is configured; otherwise the Data sources panel lists it as
 * off.
 *
 * @public
 */
export const operatingModelModuleGitHub = createBackendModule({
  pluginId: 'operating-model',
  moduleId: 'github',
  register(env) {
    env.registerInit({
      deps: {
        sources: operatingModelEventSourcesExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ sources, config, logger, auth, catalog }) {
        // Reading the config here fails start-up on a bad value, naming the key.
        sources.addEventSource(
          new GitHubDeploymentSource({ config, logger, auth, catalog }),
        );
      },
    });
  },
});
