import {
  BackendFeature,
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the tests run the module in the plugin it extends
import operatingModelPlugin from '@operating-model/backstage-plugin-operating-model-backend';
import { operatingModelEventSourcesExtensionPoint } from '@operating-model/backstage-plugin-operating-model-node';
import { Server } from 'node:http';
import request from 'supertest';
import { PagerDutyClient } from '../PagerDutyClient';
import { PagerDutyEventSource } from '../PagerDutyEventSource';
import { SERVICE_ID_ANNOTATION } from '../readPagerDutyComponents';
import { PagerDutyStandIn } from './pagerDutyStandIn';

/** The scheduler task the operating-model backend runs the source in. */
export const SOURCE_TASK = 'operating-model-source-pagerduty';

/** A production service of the example organisation, optionally naming a PagerDuty service. */
export function component(name: string, serviceId?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'operating-model.io/financial-exposure': '200K',
        ...(serviceId === undefined
          ? {}
          : { [SERVICE_ID_ANNOTATION]: serviceId }),
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'bedroom-team' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/bedroom-team' }],
  };
}

type Knex = Awaited<ReturnType<TestDatabases['init']>>;

/** Config data, as the mock root config takes it. */
export type ConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig>[0]
>['data'];

/** A started test backend, with what the tests read of it. */
export interface TestBackend {
  knex: Knex;
  server: Server;
  /** Runs the source once more, as its schedule would. */
  sync(): Promise<void>;
  /** `GET /api/operating-model/sources`. */
  sources(): Promise<Array<Record<string, any>>>;
  incidents(): ReturnType<typeof storedIncidents>;
}

const iso = (value: Date | number | string | null) =>
  value === null ? null : new Date(value).toISOString();

/** The PagerDuty incidents the backend stored, with their services. */
export async function storedIncidents(knex: Knex) {
  const rows = await knex('incidents')
    .where({ source: 'pagerduty' })
    .orderBy('external_id');
  const services = await knex('incident_services').select(
    'incident_id',
    'service_ref',
  );
  return rows.map(row => ({
    id: row.external_id as string,
    title: row.title as string | null,
    severity: row.severity as string | null,
    services: services
      .filter(s => s.incident_id === row.id)
      .map(s => s.service_ref as string)
      .sort(),
    startedAt: iso(row.started_at),
    acknowledgedAt: iso(row.acknowledged_at),
    restoredAt: iso(row.restored_at),
  }));
}

/**
 * A backend with the real operating-model plugin (its SourceRunner and EventStore) on SQLite,
 * the catalog's `entities`, and either the module itself or — for tests that need a clock and
 * short retry delays — the same source built with them. Every task runs once at start-up, the
 * first sync included; `sync()` runs the source again.
 */
export async function startBackend(options: {
  databases: TestDatabases;
  entities: Entity[];
  config: ConfigData;
  module?: BackendFeature;
  standIn?: PagerDutyStandIn;
  now?: () => Date;
  initialWindowDays?: number;
}): Promise<TestBackend> {
  const knex = await options.databases.init('SQLITE_3');
  const { standIn } = options;
  let scheduler: SchedulerService | undefined;
  const schedulerOf = createBackendModule({
    pluginId: 'operating-model',
    moduleId: 'test-scheduler',
    register(env) {
      env.registerInit({
        deps: { plugin: coreServices.scheduler },
        async init({ plugin }) {
          scheduler = plugin;
        },
      });
    },
  });
  const sourceUnderTest = createBackendModule({
    pluginId: 'operating-model',
    moduleId: 'pagerduty-under-test',
    register(env) {
      env.registerInit({
        deps: {
          sources: operatingModelEventSourcesExtensionPoint,
          catalog: catalogServiceRef,
          auth: coreServices.auth,
          logger: coreServices.logger,
        },
        async init({ sources, catalog, auth, logger }) {
          sources.addEventSource(
            new PagerDutyEventSource({
              client: new PagerDutyClient({
                baseUrl: standIn!.url,
                token: standIn!.token,
                retryDelayMs: 5,
              }),
              catalog,
              auth,
              logger,
              initialWindowDays: options.initialWindowDays ?? 365,
              now: options.now,
            }),
          );
        },
      });
    },
  });
  const { server } = await startTestBackend({
    features: [
      operatingModelPlugin,
      schedulerOf,
      options.module ?? sourceUnderTest,
      mockServices.rootConfig.factory({ data: options.config }),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.database.factory({ knex }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
    ],
  });
  return {
    knex,
    server,
    sync: () => scheduler!.triggerTask(SOURCE_TASK),
    sources: async () =>
      (await request(server).get('/api/operating-model/sources')).body
        .items as Array<Record<string, any>>,
    incidents: () => storedIncidents(knex),
  };
}

/** The source's config, as the backend reads its schedule; the test scheduler runs it on demand. */
export const sourceConfig = (extra: ConfigData = {}): ConfigData => ({
  operatingModel: {
    sources: {
      pagerduty: {
        schedule: {
          frequency: { minutes: 15 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 30 },
        },
        ...extra,
      },
    },
  },
});
