import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readOperatingModelConfig } from '@internal/plugin-operating-model-common';
import { ServiceAssessments } from './assessments/ServiceAssessments';
import { SnapshotRefresher } from './assessments/SnapshotRefresher';
import { readOrgSnapshot } from './catalog/readOrgSnapshot';
import { SnapshotStore } from './catalog/SnapshotStore';
import { createRouter } from './router';

/**
 * The operating-model backend plugin: assesses every service in the catalog and serves the
 * assessments at `/api/operating-model`.
 *
 * @public
 */
export const operatingModelPlugin = createBackendPlugin({
  pluginId: 'operating-model',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        database: coreServices.database,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init({
        logger,
        database,
        config,
        auth,
        httpAuth,
        httpRouter,
        scheduler,
        catalog,
      }) {
        // Fails start-up with a message naming the bad key, rather than serving wrong targets.
        const operatingModelConfig = readOperatingModelConfig(config);
        const assessments = new ServiceAssessments(operatingModelConfig, logger);
        const refresher = new SnapshotRefresher({
          read: () => readOrgSnapshot(catalog, auth),
          assessments,
          store: await SnapshotStore.create(database),
          logger,
        });
        await refresher.restore();

        await scheduler.scheduleTask({
          id: 'operating-model-catalog-refresh',
          frequency: {
            seconds:
              config.getOptionalNumber('operatingModel.refreshIntervalSeconds') ?? 30,
          },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 1 },
          scope: 'local',
          fn: () => refresher.refresh(),
        });

        httpRouter.use(
          createRouter({
            assessments,
            httpAuth,
            now: () => new Date(),
            ready: () => refresher.ready(),
          }),
        );
      },
    });
  },
});
