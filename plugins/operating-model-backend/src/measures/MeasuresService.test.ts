import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { operatingModelPlugin } from '../plugin';
import { testOperatingModelConfig } from '../testEntities';
import {
  WINDOW,
  allEvents,
  deployments,
  measuresTestEntities,
} from './measuresTestData';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const TABLES = [
  'deployments',
  'incidents',
  'incident_services',
  'availability_intervals',
  'reviews',
  'review_services',
  'review_reads',
  'improvement_actions',
  'chaos_days',
  'rework_items',
];

/** Non-integers are compared to ten decimal places; everything else exactly. */
function approx(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isInteger(value))
    return expect.closeTo(value, 10);
  if (Array.isArray(value)) return value.map(approx);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, approx(v)]),
    );
  }
  return value;
}

const EMPTY = {
  deploymentFrequency: {
    perWeek: null,
    per30Days: null,
    targetMet: null,
    count: 0,
  },
  leadTimeDays: { median: null, p90: null, count: 0 },
  looseCoupling: { ratio: null, count: 0 },
  preApprovedChanges: { ratio: null, count: 0 },
  availability: { ratio: null, targetMet: null, count: 0 },
  timeToRestoreMinutes: { median: null, p90: null, count: 0 },
  timeToAcknowledgeMinutes: { median: null, count: 0 },
  financialLossProtection: {
    projected: null,
    actual: null,
    protected: null,
    effectiveness: null,
    count: 0,
  },
  postIncidentReviewReaders: { count: 0, reviews: 0 },
  chaosDays: { count: 0, daysBetween: null },
  improvementActionLeadTimeDays: { median: null, count: 0 },
  improvementActionIntervalDays: { median: null, count: 0 },
  reworkRate: { ratio: null, count: 0, weeks: 0 },
};

// Worked by hand from measuresTestData.ts; the window is 28 days, so 4 weeks.
const BEDROOM = {
  entityRef: 'component:default/bedroom',
  deploymentFrequency: {
    perWeek: 1,
    per30Days: 30 / 7,
    target: 'daily',
    targetMet: false,
    count: 4,
  },
  // 1, 3, 0.5, 2 days: median 1.5; p90 at rank 2.7 of 0.5, 1, 2, 3.
  leadTimeDays: { median: 1.5, p90: 2.7, count: 4 },
  // d1 shares R1 with living-room's l1, d2 shares CHG-7 with l2.
  looseCoupling: { ratio: 0.5, count: 4 },
  preApprovedChanges: { ratio: 0.75, count: 4 },
  availability: { ratio: 0.995, target: 99, targetMet: true, count: 2 },
  // i1 30 min and i2 120 min; i5 is open, i4 started before the window.
  timeToRestoreMinutes: { median: 75, p90: 111, count: 2 },
  timeToAcknowledgeMinutes: { median: 5, count: 3 },
  // i1: 336K projected, 100K lost. i2: 336K projected, 40K of its 88K is bedroom's share.
  financialLossProtection: {
    projected: 672_000,
    actual: 140_000,
    protected: 532_000,
    effectiveness: 532 / 672,
    count: 2,
  },
  postIncidentReviewReaders: { count: 3, reviews: 2 },
  chaosDays: { count: 2, daysBetween: 14 },
  improvementActionLeadTimeDays: { median: 6, count: 2 },
  improvementActionIntervalDays: { median: 8, count: 2 },
  // The owning team's: 15 h + 30 h of 2 × 150 h.
  reworkRate: { ratio: 0.15, count: 2, weeks: 2 },
  // d1 (deployed 2 Oct) is followed by i1 (5 Oct, 30 min) before d2; d3 (10 Oct 12:00) by i2,
  // which starts at that instant (120 min); d2 and d4 by none, i5 being before d4.
  changeFailureRate: { ratio: 0.5, count: 4 },
  failedDeploymentRecoveryMinutes: { median: 75, p90: 111, count: 2 },
  // Once a week is not more than once a week: medium; 1.5 days: high; 50% is nearest low's 40%;
  // a median recovery of 75 minutes: high.
  dora: {
    reportYear: 2024,
    deploymentFrequency: 'medium',
    leadTime: 'high',
    changeFailureRate: 'low',
    failedDeploymentRecovery: 'high',
  },
  sources: {
    deployments: ['pipeline'],
    incidents: ['pagerduty'],
    availability: ['prometheus'],
  },
};

const LIVING_ROOM = {
  entityRef: 'component:default/living-room',
  deploymentFrequency: {
    perWeek: 1.5,
    per30Days: 45 / 7,
    target: 'weekly',
    targetMet: true,
    count: 6,
  },
  // 1, 2, 1, 4, 0.25, 0.25 days.
  leadTimeDays: { median: 1, p90: 3, count: 6 },
  // l1, l2 and l3 (whose partner d0 deployed before the window); l4's partner is not production.
  looseCoupling: { ratio: 0.5, count: 6 },
  preApprovedChanges: { ratio: 1 / 6, count: 6 },
  availability: { ratio: 0.98, target: 99, targetMet: false, count: 1 },
  // i3 started in the window and ended after it: counted whole.
  timeToRestoreMinutes: { median: 120, p90: 120, count: 2 },
  timeToAcknowledgeMinutes: { median: 15, count: 2 },
  // £240K/h × 1.68 h = 403.2K projected for each; 48K share of i2, 24K recorded for i3.
  financialLossProtection: {
    projected: 806_400,
    actual: 72_000,
    protected: 734_400,
    effectiveness: 734_400 / 806_400,
    count: 2,
  },
  postIncidentReviewReaders: { count: 2, reviews: 1 },
  chaosDays: { count: 1, daysBetween: null },
  improvementActionLeadTimeDays: { median: 1, count: 1 },
  improvementActionIntervalDays: { median: null, count: 1 },
  reworkRate: { ratio: 0.15, count: 2, weeks: 2 },
};

const BEDROOM_TEAM = {
  deploymentFrequency: {
    perWeek: 2.5,
    per30Days: 75 / 7,
    target: null,
    targetMet: null,
    count: 10,
  },
  leadTimeDays: { median: 1, p90: 3.1, count: 10 },
  looseCoupling: { ratio: 0.5, count: 10 },
  preApprovedChanges: { ratio: 0.4, count: 10 },
  availability: {
    ratio: 11_790 / 12_000,
    target: null,
    targetMet: null,
    count: 3,
  },
  timeToRestoreMinutes: { median: 120, p90: 120, count: 3 },
  timeToAcknowledgeMinutes: { median: 7.5, count: 4 },
  financialLossProtection: {
    projected: 1_478_400,
    actual: 212_000,
    protected: 1_266_400,
    effectiveness: 1_266_400 / 1_478_400,
    count: 3,
  },
  postIncidentReviewReaders: { count: 3, reviews: 2 },
  chaosDays: { count: 2, daysBetween: 14 },
  improvementActionLeadTimeDays: { median: 2, count: 3 },
  improvementActionIntervalDays: { median: 4, count: 3 },
  reworkRate: { ratio: 0.15, count: 2, weeks: 2 },
  services: [
    {
      entityRef: 'component:default/bedroom',
      deploymentTarget: 'daily',
      deploymentTargetMet: false,
      availabilityTarget: 99,
      availabilityTargetMet: true,
    },
    {
      entityRef: 'component:default/living-room',
      deploymentTarget: 'weekly',
      deploymentTargetMet: true,
      availabilityTarget: 99,
      availabilityTargetMet: false,
    },
  ],
  targets: {
    deploymentFrequency: { withTarget: 2, met: 1, notMet: 1 },
    availability: { withTarget: 2, met: 1, notMet: 1 },
  },
};

const KITCHEN = {
  ...EMPTY,
  entityRef: 'component:default/kitchen',
  deploymentFrequency: {
    perWeek: null,
    per30Days: null,
    target: 'monthly',
    targetMet: null,
    count: 0,
  },
  availability: { ratio: null, target: 99.9, targetMet: null, count: 0 },
  timeToRestoreMinutes: { median: 5, p90: 5, count: 1 },
  // No recorded loss: £810K/h × 5 min = £67.5K; projected £810K/h × 0.168 h.
  financialLossProtection: {
    projected: 136_080,
    actual: 67_500,
    protected: 68_580,
    effectiveness: 68_580 / 136_080,
    count: 1,
  },
  reworkRate: { ratio: 0.1, count: 1, weeks: 1 },
};

describe.each(databases.eachSupportedId())(
  'events and measures on %s',
  databaseId => {
    async function start(
      id: TestDatabaseId,
      options: { denyUsers?: boolean } = {},
    ) {
      const knex = await databases.init(id);
      const { server } = await startTestBackend({
        features: [
          operatingModelPlugin,
          mockServices.rootConfig.factory({
            data: { operatingModel: testOperatingModelConfig },
          }),
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: measuresTestEntities() }),
          ...(options.denyUsers
            ? [
                mockServices.permissions.mock({
                  authorize: async (requests, { credentials }) =>
                    requests.map(() => ({
                      result:
                        credentials.principal &&
                        (credentials.principal as { type?: string }).type ===
                          'user'
                          ? AuthorizeResult.DENY
                          : AuthorizeResult.ALLOW,
                    })),
                }).factory,
              ]
            : []),
        ],
      });
      const post = (kind: string, items: unknown[]) =>
        request(server)
          .post(`/api/operating-model/events/${kind}`)
          .send({ items });
      const get = (
        path: string,
        window: { from?: string; to?: string } = WINDOW,
      ) => {
        const query = new URLSearchParams(
          window as Record<string, string>,
        ).toString();
        return request(server).get(
          `/api/operating-model/measures${path}${
            query ? `${path.includes('?') ? '&' : '?'}${query}` : ''
          }`,
        );
      };
      const ingestAll = async () => {
        for (const [kind, items] of allEvents) {
          const response = await post(kind, items);
          expect({
            kind,
            status: response.status,
            body: response.body,
          }).toMatchObject({ kind, status: 200 });
        }
      };
      const rowCounts = async () =>
        Object.fromEntries(
          await Promise.all(
            TABLES.map(async table => [
              table,
              Number((await knex(table).count({ n: '*' }))[0].n),
            ]),
          ),
        );
      return { server, knex, post, get, ingestAll, rowCounts };
    }

    it('computes every measure of a service from hand-worked events', async () => {
      const { get, ingestAll } = await start(databaseId);
      await ingestAll();
      const bedroom = await get('/component/default/bedroom');
      expect(bedroom.status).toBe(200);
      expect(bedroom.body).toMatchObject(
        approx({
          ...BEDROOM,
          from: '2026-10-01T00:00:00.000Z',
          to: '2026-10-29T00:00:00.000Z',
          targets: {
            deploymentFrequency: { withTarget: 1, met: 0, notMet: 1 },
            availability: { withTarget: 1, met: 1, notMet: 0 },
          },
        }) as object,
      );
      const livingRoom = await get('/component/default/living-room');
      expect(livingRoom.body).toMatchObject(approx(LIVING_ROOM) as object);
    });

    it('works the playbook example out of a single incident', async () => {
      const { post, get } = await start(databaseId);
      const [playbook] = allEvents.find(
        ([kind]) => kind === 'incidents',
      )![1] as object[];
      expect((await post('incidents', [playbook])).status).toBe(200);
      const response = await get('/component/default/bedroom');
      expect(response.body.financialLossProtection).toEqual({
        projected: 336_000,
        actual: 100_000,
        protected: 236_000,
        effectiveness: expect.closeTo(0.7024, 4),
        count: 1,
      });
    });

    it('puts the events of a service without a recorded loss or deployments in the right places', async () => {
      const { get, ingestAll } = await start(databaseId);
      await ingestAll();
      const response = await get('/component/default/kitchen');
      expect(response.body).toMatchObject(approx(KITCHEN) as object);
    });

    it("measures a team's and a domain's services together", async () => {
      const { get, ingestAll } = await start(databaseId);
      await ingestAll();
      const team = await get('/group/default/bedroom-team');
      expect(team.status).toBe(200);
      expect(team.body).toMatchObject(
        approx({
          ...BEDROOM_TEAM,
          entityRef: 'group:default/bedroom-team',
          title: 'Bedroom team',
        }) as object,
      );
      const domain = await get('/domain/default/furnishing');
      expect(domain.body).toMatchObject(
        approx({
          ...BEDROOM_TEAM,
          entityRef: 'domain:default/furnishing',
          title: 'Furnishing',
        }) as object,
      );
    });

    it('answers null, never zero, for a window without events', async () => {
      const { get, ingestAll } = await start(databaseId);
      await ingestAll();
      const window = {
        from: '2025-01-01T00:00:00Z',
        to: '2025-02-01T00:00:00Z',
      };
      for (const path of [
        '/component/default/bedroom',
        '/group/default/bedroom-team',
        '/domain/default/cooking',
      ]) {
        const response = await get(path, window);
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject(EMPTY);
      }
    });

    it('defaults the window to the last 90 days', async () => {
      const { get } = await start(databaseId);
      const response = await get('/component/default/bedroom', {});
      expect(response.status).toBe(200);
      expect(
        Date.parse(response.body.to) - Date.parse(response.body.from),
      ).toBe(90 * 86_400_000);
      expect(Math.abs(Date.parse(response.body.to) - Date.now())).toBeLessThan(
        60_000,
      );
    });

    it('gives leaders every team and every domain with how many services meet their targets', async () => {
      const { get, ingestAll } = await start(databaseId);
      await ingestAll();
      const teams = await get('?groupBy=team');
      expect(teams.status).toBe(200);
      expect(teams.body.groupBy).toBe('team');
      expect(
        teams.body.items.map((i: { entityRef: string }) => i.entityRef),
      ).toEqual(['group:default/bedroom-team', 'group:default/kitchen-team']);
      expect(teams.body.items[0]).toMatchObject(approx(BEDROOM_TEAM) as object);
      expect(teams.body.items[1]).toMatchObject(
        approx({
          title: 'Kitchen team',
          financialLossProtection: KITCHEN.financialLossProtection,
          reworkRate: KITCHEN.reworkRate,
          deploymentFrequency: { perWeek: null, count: 0 },
          targets: {
            deploymentFrequency: { withTarget: 1, met: 0, notMet: 0 },
            availability: { withTarget: 1, met: 0, notMet: 0 },
          },
        }) as object,
      );
      expect(teams.body.organisation).toMatchObject(
        approx({
          entityRef: 'organisation',
          deploymentFrequency: { count: 10 },
          financialLossProtection: {
            projected: 1_478_400 + 136_080,
            actual: 212_000 + 67_500,
            protected: 1_266_400 + 68_580,
            count: 4,
          },
          reworkRate: { ratio: 55 / 400, count: 3, weeks: 3 },
          targets: {
            deploymentFrequency: { withTarget: 3, met: 1, notMet: 1 },
            availability: { withTarget: 3, met: 1, notMet: 1 },
          },
        }) as object,
      );

      const domains = await get('?groupBy=domain');
      expect(
        domains.body.items.map((i: { entityRef: string; title: string }) => [
          i.entityRef,
          i.title,
        ]),
      ).toEqual([
        ['domain:default/cooking', 'Cooking'],
        ['domain:default/furnishing', 'Furnishing'],
      ]);
      expect(domains.body.items[1]).toMatchObject(
        approx(BEDROOM_TEAM) as object,
      );
    });

    it('writes the same events twice without duplicating them', async () => {
      const { get, ingestAll, rowCounts, post } = await start(databaseId);
      await ingestAll();
      const counts = await rowCounts();
      const first = await get('/group/default/bedroom-team');
      await ingestAll();
      expect(await rowCounts()).toEqual(counts);
      expect(counts).toMatchObject({
        deployments: 14,
        incidents: 6,
        incident_services: 7,
        review_reads: 5,
      });
      const second = await get('/group/default/bedroom-team');
      expect(second.body).toEqual(first.body);

      // A later write of the same record updates it.
      // d3 now took 4 days instead of half a day: 1, 3, 4, 2.
      const moved = await post('deployments', [
        { ...deployments[3], deployTime: '2026-10-14T00:00:00Z' },
      ]);
      expect(moved.body.written).toBe(1);
      const third = await get('/component/default/bedroom');
      expect(third.body.leadTimeDays).toEqual({
        count: 4,
        median: 2.5,
        p90: expect.closeTo(3.7, 10),
      });
      expect(await rowCounts()).toEqual(counts);
    });

    it('writes a batch of thousands of items in one go (SQLite caps one insert at 500 rows)', async () => {
      const { post, rowCounts } = await start(databaseId);
      const items = Array.from({ length: 2500 }, (_, i) => ({
        ...deployments[1],
        externalId: `bulk-${i}`,
        deployTime: new Date(
          Date.parse('2026-10-01T00:00:00Z') + i * 60000,
        ).toISOString(),
      }));
      const response = await post('deployments', items);
      expect(response.status).toBe(200);
      expect(response.body.written).toBe(2500);
      expect((await rowCounts()).deployments).toBe(2500);
    });

    it('sums request counts past 2^63 without failing, on every database', async () => {
      const { post, get, server } = await start(databaseId);
      const huge = Number.MAX_SAFE_INTEGER;
      const items = Array.from({ length: 1100 }, (_, i) => ({
        source: 'probe',
        externalId: `huge-${i}`,
        service: 'bedroom',
        start: new Date(
          Date.parse('2026-10-01T00:00:00Z') + i * 60_000,
        ).toISOString(),
        end: new Date(
          Date.parse('2026-10-01T00:00:00Z') + (i + 1) * 60_000,
        ).toISOString(),
        good: huge,
        total: huge,
      }));
      expect((await post('availability', items)).status).toBe(200);
      const window = {
        from: '2026-09-30T00:00:00Z',
        to: '2026-10-02T00:00:00Z',
      };
      const measures = await get('/component/default/bedroom', window);
      expect(measures.status).toBe(200);
      const series = await request(server).get(
        `/api/operating-model/measures/component/default/bedroom/series?from=${window.from}&to=${window.to}`,
      );
      expect(series.status).toBe(200);
    });

    it('rejects a batch with one bad item, naming it, and writes none of it', async () => {
      const { post, rowCounts } = await start(databaseId);
      const items = deployments.slice(1, 7).map(d => ({ ...d }));
      items[5] = { ...items[5], deployTime: 'next Tuesday' };
      const response = await post('deployments', items);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(
        'items[5].deployTime: expected an ISO 8601 instant',
      );
      expect((await rowCounts()).deployments).toBe(0);
    });

    it.each([
      [
        { ...deployments[1], deployTime: '2026-09-01T00:00:00Z' },
        'items[0].deployTime: must not be before buildTime',
      ],
      [
        { ...deployments[1], service: 'system:default/shop' },
        'items[0].service: expected a component entity ref',
      ],
      [
        { ...deployments[1], releaseID: 'R1' },
        'items[0].releaseID: is not a field',
      ],
      [
        { ...deployments[1], standardChange: 'yes' },
        'items[0].standardChange: expected boolean, got string',
      ],
      [
        { ...deployments[1], externalId: undefined },
        'items[0].externalId: is required',
      ],
    ])('names the field of a bad deployment %#', async (item, message) => {
      const { post } = await start(databaseId);
      const response = await post('deployments', [item]);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(message);
    });

    it('refuses a batch over 10,000 items and a kind it does not know', async () => {
      const { post, server } = await start(databaseId);
      const big = await post(
        'deployments',
        Array.from({ length: 10_001 }, () => deployments[1]),
      );
      expect(big.status).toBe(400);
      expect(big.body.error.message).toContain('items: at most 10000 items');
      const unknown = await post('builds', []);
      expect(unknown.status).toBe(404);
      const noItems = await request(server)
        .post('/api/operating-model/events/deployments')
        .send({});
      expect(noItems.status).toBe(400);
      expect(noItems.body.error.message).toContain('items: is required');
    });

    it('denies writing events to a user without the permission, and allows a service', async () => {
      const { post, server } = await start(databaseId, { denyUsers: true });
      const denied = await post('deployments', [deployments[1]]);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toContain(
        'operating-model.events.write',
      );
      const allowed = await request(server)
        .post('/api/operating-model/events/deployments')
        .set('Authorization', mockCredentials.service.header())
        .send({ items: [deployments[1]] });
      expect(allowed.status).toBe(200);
      expect(allowed.body).toEqual({ written: 1, unknownEntities: [] });
    });

    it('keeps events for entities the catalog does not know, and says which', async () => {
      const { post, get } = await start(databaseId);
      const response = await post('deployments', [
        {
          ...deployments[1],
          externalId: 'g1',
          service: 'component:default/Ghost',
        },
        deployments[1],
      ]);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        written: 2,
        unknownEntities: ['component:default/ghost'],
      });
      const rework = await post('rework', [
        {
          source: 'jira',
          externalId: 'x',
          team: 'phantoms',
          week: '2026-10-05',
          hours: 1,
          members: 2,
        },
      ]);
      expect(rework.body.unknownEntities).toEqual(['group:default/phantoms']);
      const ghost = await get('/component/default/ghost');
      expect(ghost.body).toMatchObject({
        deploymentFrequency: { count: 1, target: null, targetMet: null },
        services: [
          { entityRef: 'component:default/ghost', deploymentTarget: null },
        ],
      });
    });

    it.each([
      [
        '/component/default/bedroom?from=yesterday',
        'from: expected an ISO 8601 instant',
      ],
      [
        '/component/default/bedroom?to=2026-13-01',
        'to: expected an ISO 8601 instant',
      ],
      [
        '/component/default/bedroom?to=2026-10-01T00:00:00%2B25:00',
        'to: expected an ISO 8601 instant',
      ],
      [
        '/component/default/bedroom?from=2026-10-02T00:00:00Z&to=2026-10-01T00:00:00Z',
        'to: must be after from',
      ],
      [
        '/component/default/bedroom?from=1970-01-01T00:00:00Z&to=9999-01-01T00:00:00Z',
        'to: the window may be at most 731 days',
      ],
      [`/component/default/${'x'.repeat(300)}`, 'path: at most 255 characters'],
      ['?groupBy=person', 'groupBy: expected team or domain'],
      ['', 'groupBy: expected team or domain'],
      [
        '/system/default/room-shops',
        'path: expected an entity ref of kind component or group or domain',
      ],
    ])('answers 400 for GET /measures%s', async (path, message) => {
      const { server } = await start(databaseId);
      const response = await request(server).get(
        `/api/operating-model/measures${path}`,
      );
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(message);
    });
  },
);
