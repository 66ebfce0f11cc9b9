import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { OperatingModelCollatorFactory } from './OperatingModelCollatorFactory';

/** Who is on call changes at a shift's end, so the index is refreshed every few minutes. */
const DEFAULT_SCHEDULE = {
  frequency: { minutes: 5 },
  timeout: { minutes: 3 },
  initialDelay: { seconds: 15 },
};

/**
 * A search module that indexes each service's owner, who is on call for it now, its operating
 * model and targets, so the search bar answers "who owns payments" and "who is on call for
 * payments". Schedule: `search.collators.operatingModel.schedule` (default every 5 minutes).
 *
 * @public
 */
export const searchModuleOperatingModelCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'operating-model-collator',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        config,
        logger,
        discovery,
        auth,
        scheduler,
        indexRegistry,
      }) {
        const scheduleConfig = config.getOptionalConfig(
          'search.collators.operatingModel.schedule',
        );
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : DEFAULT_SCHEDULE;
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: new OperatingModelCollatorFactory({
            discovery,
            auth,
            logger,
            locationTemplate: config.getOptionalString(
              'search.collators.operatingModel.locationTemplate',
            ),
          }),
        });
      },
    });
  },
});
