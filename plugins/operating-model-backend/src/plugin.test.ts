import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { operatingModelPlugin } from './plugin';
import { testEntities, testOperatingModelConfig } from './testEntities';
import { postgresMissing, testDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = testDatabases(['POSTGRES_15', 'SQLITE_3']);

it('runs against a real PostgreSQL server where the test command provides one', () => {
  expect(postgresMissing(databases)).toBe(false);
});

describe.each(databases.eachSupportedId())(
  'operating-model backend on %s',
  databaseId => {
    async function start(
      id: TestDatabaseId,
      options: {
        catalog?: ReturnType<typeof catalogServiceMock.factory>;
        credentials?: 'none';
      } = {},
    ) {
      const knex = await databases.init(id);
      const { server } = await startTestBackend({
        features: [
          operatingModelPlugin,
          mockServices.rootConfig.factory({
            data: { operatingModel: testOperatingModelConfig },
          }),
          mockServices.database.factory({ knex }),
          options.catalog ??
            catalogServiceMock.factory({ entities: testEntities() }),
          ...(options.credentials === 'none'
            ? [
                mockServices.httpAuth.factory({
                  defaultCredentials: mockCredentials.none(),
                }),
              ]
            : []),
        ],
      });
      return { server, knex };
    }

    it('answers GET /services/{kind}/{namespace}/{name} in the shape the SPEC gives', async () => {
      const { server } = await start(databaseId);
      const response = await request(server).get(
        '/api/operating-model/services/component/default/bedroom?at=2026-11-02T12:00:00Z',
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        entityRef: 'component:default/bedroom',
        serviceClass: 'digital-service',
        owner: 'group:default/bedroom-team',
        domain: 'domain:default/furnishing',
        financialExposurePerHour: 200000,
        availabilityTarget: 99.0,
        tolerableUnavailabilitySecondsPerWeek: 6048,
        deploymentTarget: 'daily',
        operatingModel: {
          recommended: 'you-build-it-you-run-it',
          declared: null,
          trafficLight: 'green',
        },
        onCall: { workingHours: 'team', outOfHours: 'domain' },
        problems: [],
        links: {
          runbook: 'https://wiki.example/runbooks/bedroom',
          incidentChannel: 'https://chat.example/inc-bedroom',
        },
        titles: {
          service: 'bedroom',
          owner: 'Bedroom team',
          domain: 'Furnishing',
        },
        at: '2026-11-02T12:00:00.000Z',
      });
    });

    it('lists every service, and only services', async () => {
      const { server } = await start(databaseId);
      const response = await request(server).get(
        '/api/operating-model/services',
      );
      expect(response.status).toBe(200);
      expect(
        response.body.items.map((s: { entityRef: string }) => s.entityRef),
      ).toEqual([
        'component:default/appointments',
        'component:default/bedroom',
        'component:default/delivery-tracking',
        'component:default/ecommerce-platform',
        'component:default/kitchen-planner',
        'component:default/living-room',
      ]);
    });

    it('upgrades the target during a peak event and falls back after it', async () => {
      const { server } = await start(databaseId);
      const get = (at: string) =>
        request(server).get(
          `/api/operating-model/services/component/default/living-room?at=${at}`,
        );
      const before = await get('2026-11-25T23:59:59Z');
      const during = await get('2026-11-27T12:00:00Z');
      const after = await get('2026-12-01T00:00:00Z');
      expect(before.body.availabilityTarget).toBe(99.0);
      expect(before.body.onCall.outOfHours).toBe('domain');
      expect(during.body.availabilityTarget).toBe(99.9);
      expect(during.body.onCall.outOfHours).toBe('team');
      expect(during.body.peak).toMatchObject({
        active: true,
        event: { name: 'Black Friday' },
      });
      expect(after.body.availabilityTarget).toBe(99.0);
    });

    it('reports unreadable annotations as problems, never as a 500', async () => {
      const { server } = await start(databaseId);
      const response = await request(server).get(
        '/api/operating-model/services/component/default/delivery-tracking',
      );
      expect(response.status).toBe(200);
      expect(response.body.availabilityTarget).toBeNull();
      expect(response.body.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            annotation: 'operating-model.io/financial-exposure',
            value: 'lots',
          }),
          expect.objectContaining({
            annotation: 'operating-model.io/feature-demand',
            value: 'huge',
          }),
        ]),
      );
    });

    it('answers 404 for a service the catalog does not have', async () => {
      const { server } = await start(databaseId);
      const response = await request(server).get(
        '/api/operating-model/services/component/default/no-such-service',
      );
      expect(response.status).toBe(404);
      expect(response.body.error.message).toContain(
        'component:default/no-such-service',
      );
    });

    it('answers 400 naming the parameter for a bad instant', async () => {
      const { server } = await start(databaseId);
      const response = await request(server).get(
        '/api/operating-model/services?at=yesterday',
      );
      expect(response.status).toBe(400);
      expect(response.body.error.message.startsWith('at: ')).toBe(true);
      expect(response.body.error.message).toContain('yesterday');
    });

    it('refuses callers without credentials', async () => {
      const { server } = await start(databaseId, { credentials: 'none' });
      const response = await request(server).get(
        '/api/operating-model/services',
      );
      expect(response.status).toBe(401);
    });

    it('answers from the stored snapshot after a restart while the catalog cannot be read', async () => {
      const knex = await databases.init(databaseId);
      const config = mockServices.rootConfig.factory({
        data: { operatingModel: testOperatingModelConfig },
      });
      const first = await startTestBackend({
        features: [
          operatingModelPlugin,
          config,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: testEntities() }),
        ],
      });
      await request(first.server)
        .get('/api/operating-model/services')
        .expect(200);
      await first.stop();

      const second = await startTestBackend({
        features: [
          operatingModelPlugin,
          config,
          mockServices.database.factory({ knex }),
          catalogServiceMock.mock({
            streamEntities: () => {
              throw new Error('catalog is down');
            },
          }).factory,
        ],
      });
      const response = await request(second.server).get(
        '/api/operating-model/services/component/default/bedroom',
      );
      expect(response.status).toBe(200);
      expect(response.body.availabilityTarget).toBe(99.0);
      await second.stop();
    });
  },
);
