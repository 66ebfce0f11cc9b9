import {
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { operatingModelPlugin } from '../plugin';
import {
  leadersTestConfig,
  leadersTestEntities,
} from '../leaders/leadersTestData';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'POST /incident-loss on %s',
  databaseId => {
    let server: Parameters<typeof request>[0];
    let stop: () => Promise<void>;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          operatingModelPlugin,
          mockServices.rootConfig.factory({
            data: { operatingModel: leadersTestConfig },
          }),
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: leadersTestEntities() }),
        ],
      });
      server = backend.server;
      stop = () => backend.stop();
    });

    afterAll(() => stop());

    const post = (body: unknown) =>
      request(server)
        .post('/api/operating-model/incident-loss')
        .send(body as object);

    it.each([
      [{ lossSoFar: 50_000 }, 'major', 'restore-immediately'],
      [{ lossSoFar: 49_999 }, 'minor', 'restore-next-working-day'],
      [{ lossPerHour: 5_000 }, 'minor', 'restore-next-working-day'],
      [{ lossPerHour: 4_999 }, 'minor', 'restore-when-possible'],
      [{ lossPerHour: '50K' }, 'major', 'restore-immediately'],
      [{ journey: 'blocked' }, 'major', 'restore-immediately'],
      [{ journey: 'degraded' }, 'minor', 'restore-next-working-day'],
      [{ security: true }, 'major', 'restore-immediately'],
    ])('categorises %p as %s: %s', async (facts, category, response) => {
      const answer = await post({ journey: 'ok', security: false, ...facts });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        category,
        response,
        currency: 'GBP',
        entityRef: null,
      });
      expect(answer.body.reasons.length).toBeGreaterThan(0);
    });

    it("takes a service's financial exposure as the loss rate, and works out the loss so far", async () => {
      const answer = await post({
        entityRef: 'component:default/bedroom',
        minutesSoFar: 30,
        journey: 'ok',
        security: false,
      });
      expect(answer.status).toBe(200);
      // The playbook's bedroom frontend: £200K an hour, half an hour down, £100K lost.
      expect(answer.body).toEqual({
        category: 'major',
        response: 'restore-immediately',
        reasons: [
          '£100K lost so far is at or above the major threshold of £50K',
          '£200K being lost per hour is at or above the major threshold of £50K',
        ],
        entityRef: 'component:default/bedroom',
        lossSoFar: 100_000,
        lossPerHour: 200_000,
        minutesSoFar: 30,
        lossPerHourSource: 'financial-exposure',
        currency: 'GBP',
      });
    });

    it('reads a short ref, and puts a small service in the minor band', async () => {
      const answer = await post({
        entityRef: 'appointments',
        minutesSoFar: 10,
        journey: 'ok',
        security: false,
      });
      expect(answer.body).toMatchObject({
        entityRef: 'component:default/appointments',
        lossPerHour: 6000,
        lossSoFar: 1000,
        category: 'minor',
        response: 'restore-next-working-day',
      });
    });

    it('prefers a given loss rate and loss so far to the exposure', async () => {
      const answer = await post({
        entityRef: 'component:default/bedroom',
        lossPerHour: 4000,
        minutesSoFar: 60,
        journey: 'ok',
        security: false,
      });
      expect(answer.body).toMatchObject({
        lossPerHour: 4000,
        lossPerHourSource: 'given',
        lossSoFar: 4000,
        response: 'restore-when-possible',
      });
      const given = await post({
        entityRef: 'component:default/bedroom',
        lossSoFar: 10,
        minutesSoFar: 60,
        journey: 'ok',
        security: false,
      });
      expect(given.body).toMatchObject({
        lossSoFar: 10,
        lossPerHour: 200_000,
        category: 'major',
      });
    });

    it('answers 404 for a service the catalog does not have', async () => {
      const answer = await post({
        entityRef: 'component:default/nowhere',
        journey: 'ok',
        security: false,
      });
      expect(answer.status).toBe(404);
      expect(answer.body.error.message).toContain(
        'No service component:default/nowhere',
      );
    });

    it.each([
      [
        { journey: 'stuck', security: false },
        'journey: expected one of blocked, degraded, ok',
      ],
      [{ security: false }, 'journey: expected one of blocked, degraded, ok'],
      [{ journey: 'ok' }, 'security: expected true or false'],
      [{ journey: 'ok', security: 'yes' }, 'security: expected true or false'],
      [
        { journey: 'ok', security: false, lossSoFar: -5 },
        'lossSoFar: expected a non-negative amount such as 12000, 12K or 1.5M',
      ],
      [
        { journey: 'ok', security: false, lossPerHour: 'lots' },
        'lossPerHour: expected a non-negative amount such as 12000, 12K or 1.5M',
      ],
      [
        { journey: 'ok', security: false, minutesSoFar: -1 },
        'minutesSoFar: expected a non-negative number of minutes',
      ],
      [
        {
          journey: 'ok',
          security: false,
          entityRef: 'group:default/bedroom-team',
        },
        'entityRef: expected a component entity ref such as component:default/bedroom',
      ],
      [
        { journey: 'ok', security: false, lossPerHr: 5 },
        'lossPerHr: is not a field of this request',
      ],
    ])('refuses %p with a 400 naming the field', async (body, message) => {
      const answer = await post(body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toMatch(
        new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      );
    });
  },
);
