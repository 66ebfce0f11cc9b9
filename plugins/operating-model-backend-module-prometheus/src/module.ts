import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { operatingModelEventSourcesExtensionPoint } from '@operating-model/backstage-plugin-operating-model-node';
import { PrometheusSource, readPrometheusSettings } from './PrometheusSource';

/**
 * An operating-model module that adds the `prometheus` event source: each Component's good and
 * total requests per step, as availability events. Off unless `operatingModel.sources.prometheus`
 * is configured.
 *
 * @public
 */
export const operatingModelModulePrometheus = createBackendModule({
  pluginId: 'operating-model',
  moduleId: 'prometheus',
  register(env) {
    env.registerInit({
      deps: {
        sources: operatingModelEventSourcesExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ sources, config, catalog, auth, logger }) {
        // Fails start-up naming the key of a bad value, rather than reading nothing.
        const settings = readPrometheusSettings(config);
        if (settings) {
          sources.addEventSource(
            new PrometheusSource({ settings, catalog, auth, logger }),
          );
          return;
        }
        // Listed as off on the Data sources panel; the backend runs no source it has no config for.
        logger.info(
          'The prometheus source is off: operatingModel.sources.prometheus is not configured',
        );
        sources.addEventSource({
          id: 'prometheus',
          kinds: ['availability'],
          async read() {
            throw new Error(
              'operatingModel.sources.prometheus is not configured',
            );
          },
        });
      },
    });
  },
});
