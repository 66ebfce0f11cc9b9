import {
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { OnCallCostRow } from '@operating-model/backstage-plugin-operating-model-common';
import request from 'supertest';
import { operatingModelPlugin } from '../plugin';
import {
  LEADERS_WINDOW,
  leadersEvents,
  leadersTestConfig,
  leadersTestEntities,
} from '../leaders/leadersTestData';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const window = `from=${LEADERS_WINDOW.from}&to=${LEADERS_WINDOW.to}`;

describe.each(databases.eachSupportedId())(
  'leaders’ costs and pitfalls on %s',
  databaseId => {
    async function start(config: JsonObject = {}) {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          operatingModelPlugin,
          mockServices.rootConfig.factory({
            data: { operatingModel: { ...leadersTestConfig, ...config } },
          }),
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: leadersTestEntities() }),
        ],
      });
      for (const [kind, items] of leadersEvents) {
        const response = await request(backend.server)
          .post(`/api/operating-model/events/${kind}`)
          .send({ items });
        expect({ kind, status: response.status }).toEqual({
          kind,
          status: 200,
        });
      }
      return backend;
    }

    let server: Parameters<typeof request>[0];
    let stop: () => Promise<void>;
    beforeAll(async () => {
      const backend = await start();
      server = backend.server;
      stop = () => backend.stop();
    });
    afterAll(() => stop());

    describe('GET /costs', () => {
      it('charges standby per out-of-hours rota and callout per out-of-hours incident, with who funds it', async () => {
        const response = await request(server).get(
          `/api/operating-model/costs?${window}`,
        );
        expect(response.status).toBe(200);
        const body = response.body;
        expect(body).toMatchObject({
          from: '2026-10-05T00:00:00.000Z',
          to: '2026-10-19T00:00:00.000Z',
          currency: 'GBP',
          weeks: 2,
          remuneration: {
            model: 'standby-and-callout',
            standbyPerWeek: 350,
            calloutPerHour: 60,
          },
          totals: { standby: 3500, callout: 330, total: 3830 },
        });
        const rows: Record<string, OnCallCostRow> = Object.fromEntries(
          [...body.teams, ...body.domains].map((r: OnCallCostRow) => [
            r.entityRef,
            r,
          ]),
        );
        expect(Object.keys(rows).sort()).toEqual([
          'domain:default/cooking',
          'domain:default/furnishing',
          'group:default/appointments-team',
          'group:default/bedroom-team',
          'group:default/kitchen-team',
          'group:default/operations',
          'group:default/payments-team',
        ]);
        expect(rows['domain:default/furnishing']).toMatchObject({
          title: 'Furnishing',
          participants: 3,
          services: [
            'component:default/bedroom',
            'component:default/living-room',
          ],
          standbyCost: 700,
          calloutIncidents: 1,
          calloutHours: 2,
          calloutCost: 120,
          total: 820,
          funding: {
            group: 'group:default/bedroom-team',
            budgetHolder: 'head-of-product',
            source: 'annotation',
          },
        });
        expect(rows['domain:default/cooking']).toMatchObject({
          participants: 2,
          standbyCost: 700,
          calloutHours: 0.5,
          calloutCost: 30,
          funding: {
            group: 'group:default/operations',
            budgetHolder: 'head-of-operations',
          },
        });
        expect(rows['group:default/operations']).toMatchObject({
          outOfHoursRota: true,
          standbyCost: 700,
          calloutCost: 120,
        });
        expect(rows['group:default/payments-team']).toMatchObject({
          standbyCost: 700,
          calloutIncidents: 1,
          calloutCost: 60,
        });
        expect(rows['group:default/appointments-team']).toMatchObject({
          outOfHoursRota: true,
          coveredOutOfHours: ['component:default/gift-list'],
          standbyCost: 700,
          calloutCost: 0,
        });
        expect(rows['group:default/bedroom-team']).toMatchObject({
          title: 'Bedroom team',
          outOfHoursRota: false,
          total: 0,
        });
        expect(rows['group:default/kitchen-team'].funding).toEqual({
          group: 'group:default/kitchen-team',
          budgetHolder: 'head-of-delivery',
          source: 'config',
        });
        expect(body.whatIf).toMatchObject({
          weeks: 2,
          linear: { rotas: 5, perWeek: 1750, standbyCost: 3500 },
          bands: {
            rotas: 5,
            teamRotas: [
              'group:default/appointments-team',
              'group:default/operations',
              'group:default/payments-team',
            ],
            domainRotas: [
              'domain:default/cooking',
              'domain:default/furnishing',
            ],
          },
          difference: 0,
        });
      });

      it('defaults to the last 90 days', async () => {
        const response = await request(server).get(
          '/api/operating-model/costs',
        );
        expect(response.status).toBe(200);
        expect(
          Date.parse(response.body.to) - Date.parse(response.body.from),
        ).toBe(90 * 86_400_000);
      });

      it.each([
        ['from=yesterday', 'from: expected an ISO 8601 instant'],
        ['to=2026-13-01', 'to: expected an ISO 8601 instant'],
        [
          `from=${LEADERS_WINDOW.to}&to=${LEADERS_WINDOW.from}`,
          'to: must be after from',
        ],
      ])(
        'refuses ?%s with a 400 naming the parameter',
        async (query, message) => {
          const response = await request(server).get(
            `/api/operating-model/costs?${query}`,
          );
          expect(response.status).toBe(400);
          expect(response.body.error.message.startsWith(message)).toBe(true);
        },
      );
    });

    describe('GET /pitfalls', () => {
      it('finds each pitfall in the organisation, with its evidence and the practice', async () => {
        const response = await request(server).get(
          `/api/operating-model/pitfalls?${window}`,
        );
        expect(response.status).toBe(200);
        const byCode = Object.fromEntries(
          response.body.pitfalls.map((p: { pitfall: string }) => [
            p.pitfall,
            p,
          ]),
        );
        expect(Object.keys(byCode)).toEqual([
          'linear-run-cost',
          'responsible-but-unaccountable',
          'limited-on-call-schedule',
          'excessive-bau',
          'change-management-treacle',
          'bands-not-reviewed',
          'losses-above-exposure',
          'shared-database',
        ]);
        for (const p of response.body.pitfalls) {
          expect(p.title).toEqual(expect.any(String));
          expect(p.practice.length).toBeGreaterThan(40);
        }
        expect(byCode['linear-run-cost'].findings).toEqual([
          {
            team: 'group:default/appointments-team',
            evidence: expect.stringContaining(
              'component:default/gift-list needs a domain rota but has no Domain',
            ),
          },
        ]);
        expect(byCode['responsible-but-unaccountable'].findings).toEqual([
          {
            service: 'component:default/kitchen-planner',
            team: 'group:default/kitchen-team',
            evidence: expect.stringContaining(
              'funded by the Head of Operations through group:default/operations',
            ),
          },
          {
            service: 'component:default/checkout',
            team: 'group:default/payments-team',
            evidence: expect.stringMatching(
              /^Inflated target: the worst of its 2 incidents with a recorded loss lost £30K an hour/,
            ),
          },
        ]);
        expect(byCode['limited-on-call-schedule'].findings).toEqual([
          {
            team: 'group:default/kitchen-team',
            evidence: expect.stringContaining('2 people on the team rota'),
          },
          {
            domain: 'domain:default/cooking',
            evidence: expect.stringContaining(
              '2 people on the domain rota, fewer than the 3 a sustainable schedule needs, and it covers services out of hours',
            ),
          },
        ]);
        expect(byCode['excessive-bau'].findings).toEqual([
          {
            team: 'group:default/bedroom-team',
            evidence: expect.stringMatching(/^44% of the team's time/),
          },
        ]);
        expect(byCode['change-management-treacle'].findings).toEqual([
          {
            team: 'group:default/bedroom-team',
            evidence: expect.stringMatching(
              /^Under their deployment target: component:default\/bedroom \(target daily\); none of the team's 2 production deployments/,
            ),
          },
        ]);
        expect(byCode['bands-not-reviewed'].findings).toEqual([
          {
            evidence:
              'The bands were last reviewed on 2020-01-01; the quarterly review was due on 2020-04-01',
          },
        ]);
        expect(byCode['losses-above-exposure'].findings).toEqual([
          {
            service: 'component:default/kitchen-planner',
            team: 'group:default/kitchen-team',
            evidence: expect.stringContaining(
              'lost £400K an hour, above its declared exposure of £150K an hour',
            ),
          },
        ]);
        expect(byCode['shared-database'].findings).toEqual([
          {
            resource: 'resource:default/shop-db',
            evidence:
              '2 services depend on this database: component:default/bedroom, component:default/living-room',
          },
        ]);
        expect(response.body.reflection).toMatchObject({
          bandsLastReviewed: '2020-01-01',
          reviewDue: '2020-04-01',
          overdue: true,
        });
        expect(
          response.body.reflection.services.map(
            (s: { entityRef: string }) => s.entityRef,
          ),
        ).toEqual([
          'component:default/bedroom',
          'component:default/checkout',
          'component:default/kitchen-planner',
        ]);
        expect(response.body.reflection.services[2]).toMatchObject({
          exposurePerHour: 150_000,
          availabilityTarget: 99,
          incidents: 1,
          worstLossPerHour: 400_000,
          bandForLosses: { availability: 99.9, outOfHours: 'team' },
          exceedsExposure: true,
        });
      });

      it.each([
        ['from=last-week', 'from: expected an ISO 8601 instant'],
        [
          'from=0000-01-01T00:00:00Z&to=9999-12-31T00:00:00Z',
          'from: expected an ISO 8601 instant',
        ],
        [
          'from=1970-01-01T00:00:00Z&to=9999-12-31T00:00:00Z',
          'to: the window may be at most 731 days',
        ],
        [
          `from=${LEADERS_WINDOW.from}&to=${LEADERS_WINDOW.from}`,
          'to: must be after from',
        ],
      ])(
        'refuses ?%s with a 400 naming the parameter',
        async (query, message) => {
          const response = await request(server).get(
            `/api/operating-model/pitfalls?${query}`,
          );
          expect(response.status).toBe(400);
          expect(response.body.error.message.startsWith(message)).toBe(true);
        },
      );
    });

    it('pays no callout under standby-only, and finds bands reviewed recently in time', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const backend = await start({
        onCall: {
          budgetHolder: 'head-of-delivery',
          remuneration: { model: 'standby-only' },
        },
        bandsLastReviewed: today,
      });
      try {
        const costs = await request(backend.server).get(
          `/api/operating-model/costs?${window}`,
        );
        expect(costs.body.totals).toEqual({
          standby: 3500,
          callout: 0,
          total: 3500,
        });
        const pitfalls = await request(backend.server).get(
          `/api/operating-model/pitfalls?${window}`,
        );
        const bands = pitfalls.body.pitfalls.find(
          (p: { pitfall: string }) => p.pitfall === 'bands-not-reviewed',
        );
        expect(bands.findings).toEqual([]);
        expect(pitfalls.body.reflection.overdue).toBe(false);
      } finally {
        await backend.stop();
      }
    });
  },
);
