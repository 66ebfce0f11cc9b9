import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { operatingModelEventSourcesExtensionPoint } from '@operating-model/backstage-plugin-operating-model-node';
import { PagerDutyClient } from './PagerDutyClient';
import { PagerDutyEventSource } from './PagerDutyEventSource';
import { readPagerDutyConfig } from './readPagerDutyConfig';

/**
 * An operating-model backend module that reads the incidents of every Component annotated with
 * `pagerduty.com/service-id` from PagerDuty's REST API v2, for the measures. It adds the event
 * source `pagerduty` only when `operatingModel.sources.pagerduty.token` is set; the backend
 * runs it on `operatingModel.sources.pagerduty.schedule`.
 *
 * @public
 */
export const operatingModelModulePagerDuty = createBackendModule({
  pluginId: 'operating-model',
  moduleId: 'pagerduty',
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
        const settings = readPagerDutyConfig(config);
        if ('off' in settings) {
          logger.info(settings.off);
          // Listed as off on the Data sources panel. The backend runs no source without its
          // config section; with a section but no token, each run fails saying so.
          const reason = settings.off;
          sources.addEventSource({
            id: 'pagerduty',
            kinds: ['incidents'],
            async read() {
              throw new Error(reason);
            },
          });
          return;
        }
        sources.addEventSource(
          new PagerDutyEventSource({
            client: new PagerDutyClient(settings),
            catalog,
            auth,
            logger,
            initialWindowDays: settings.initialWindowDays,
          }),
        );
      },
    });
  },
});
