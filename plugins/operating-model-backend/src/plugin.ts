import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  operatingModelPermissions,
  readDefaultBudgetHolder,
  readOperatingModelConfig,
} from '@operating-model/backstage-plugin-operating-model-common';
import { ServiceAssessments } from './assessments/ServiceAssessments';
import { SnapshotRefresher } from './assessments/SnapshotRefresher';
import { readOrgSnapshot } from './catalog/readOrgSnapshot';
import { SnapshotStore } from './catalog/SnapshotStore';
import { createRouter } from './router';
import { RotaService } from './rotas/RotaService';
import { RotaStore } from './rotas/RotaStore';
import { openDatabase } from './database';
import { EventStore } from './events/EventStore';
import { MeasuresService } from './measures/MeasuresService';
import { DirectoryService } from './directory/DirectoryService';
import { MeasureSeries } from './measures/MeasureSeries';
import { ReviewReads } from './reviews/ReviewReads';
import { OnCallCosts } from './leaders/OnCallCosts';
import { OnCallLoad } from './rotas/OnCallLoad';
import { PitfallSignals } from './leaders/PitfallSignals';
import {
  OperatingModelEventSource,
  operatingModelEventSourcesExtensionPoint,
  rotaPermissionResourceRef,
  rotaPermissionRules,
} from '@operating-model/backstage-plugin-operating-model-node';
import { SourceRunner } from './sources/SourceRunner';
import { SourceStore } from './sources/SourceStore';

/**
 * The operating-model backend plugin: assesses every service in the catalog and serves the
 * assessments at `/api/operating-model`.
 *
 * @public
 */
export const operatingModelPlugin = createBackendPlugin({
  pluginId: 'operating-model',
  register(env) {
    const eventSources: OperatingModelEventSource[] = [];
    env.registerExtensionPoint(operatingModelEventSourcesExtensionPoint, {
      addEventSource(...sources) {
        eventSources.push(...sources);
      },
    });
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        database: coreServices.database,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
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
        permissions,
        permissionsRegistry,
        auditor,
        catalog,
      }) {
        // Fails start-up with a message naming the bad key, rather than serving wrong targets.
        const operatingModelConfig = readOperatingModelConfig(config);
        const knex = await openDatabase(database);
        const assessments = new ServiceAssessments(
          operatingModelConfig,
          logger,
        );
        const rotas = new RotaService(
          assessments,
          new RotaStore(knex),
          operatingModelConfig,
        );
        permissionsRegistry.addPermissions(operatingModelPermissions);
        const eventStore = new EventStore(knex);
        const measures = new MeasuresService({
          store: eventStore,
          assessments,
          config: operatingModelConfig,
          now: () => new Date(),
        });
        const measureSeries = new MeasureSeries({
          knex,
          assessments,
          config: operatingModelConfig,
          now: () => new Date(),
        });
        const reviewReads = new ReviewReads({ knex, eventStore });
        const directory = new DirectoryService({
          assessments,
          rotas,
          events: eventStore,
          config: operatingModelConfig,
          logger,
          now: () => new Date(),
        });
        const leadersSources = {
          assessments,
          rotas,
          eventStore,
          config: operatingModelConfig,
          defaultBudgetHolder: readDefaultBudgetHolder(config),
          now: () => new Date(),
        };
        const onCallCosts = new OnCallCosts(leadersSources);
        const onCallLoad = new OnCallLoad(leadersSources);
        const pitfallSignals = new PitfallSignals({
          ...leadersSources,
          measures,
        });
        const refresher = new SnapshotRefresher({
          read: () => readOrgSnapshot(catalog, auth),
          assessments,
          store: new SnapshotStore(knex),
          logger,
        });
        // Lets the permission framework decide conditional rota permissions for the frontend too.
        permissionsRegistry.addResourceType({
          resourceRef: rotaPermissionResourceRef,
          permissions: operatingModelPermissions.filter(
            p => p.type === 'resource',
          ),
          rules: Object.values(rotaPermissionRules),
          getResources: async refs => {
            await refresher.ready();
            return refs.map(ref => rotas.resource(ref, new Date()));
          },
        });
        await refresher.restore();

        await scheduler.scheduleTask({
          id: 'operating-model-catalog-refresh',
          frequency: {
            seconds:
              config.getOptionalNumber(
                'operatingModel.refreshIntervalSeconds',
              ) ?? 30,
          },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 1 },
          scope: 'local',
          fn: () => refresher.refresh(),
        });

        // Records each rota's current shift even when nobody is looking, so that a membership
        // change between two reads cannot rewrite a shift that has already started.
        await scheduler.scheduleTask({
          id: 'operating-model-record-shifts',
          frequency: { minutes: 5 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 30 },
          scope: 'global',
          fn: () => rotas.recordCurrentShifts(new Date()),
        });

        // Keeps the directory's answer prepared, so the discoverability view never waits on the rotas.
        await scheduler.scheduleTask({
          id: 'operating-model-directory-refresh',
          frequency: { seconds: 10 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 5 },
          scope: 'local',
          fn: () => directory.refresh(),
        });

        // Event sources that backend modules add run on their configured schedule.
        const sourceRunner = new SourceRunner({
          knex,
          eventStore,
          store: new SourceStore(knex),
          config,
          logger,
          onEventsWritten: () => directory.measuresChanged(),
        });
        eventSources.forEach(source => sourceRunner.add(source));
        await sourceRunner.schedule(scheduler);

        httpRouter.use(
          createRouter({
            assessments,
            rotas,
            eventStore,
            measures,
            directory,
            measureSeries,
            reviewReads,
            operatingModelConfig,
            onCallCosts,
            onCallLoad,
            pitfallSignals,
            sourceRunner,
            httpAuth,
            permissions,
            auditor,
            now: () => new Date(),
            ready: () => refresher.ready(),
            onEventsWritten: () => directory.measuresChanged(),
            onRotaChanged: rotaRef => directory.rotaChanged(rotaRef),
          }),
        );
        // Calendar feed links carry their own signature, so phones can subscribe to them.
        httpRouter.addAuthPolicy({ path: '/feeds', allow: 'unauthenticated' });
      },
    });
  },
});
