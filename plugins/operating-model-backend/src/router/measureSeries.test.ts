import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { measuresTestEntities } from '../measures/measuresTestData';
import { operatingModelPlugin } from '../plugin';
import { testOperatingModelConfig } from '../testEntities';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/*
 * The window runs from Thursday 1 October to Thursday 29 October 2026 (excluded). Its weeks start
 * on Mondays 28 September, 5, 12, 19 and 26 October. bedroom and living-room belong to the bedroom
 * team and the furnishing domain; kitchen to the kitchen team and the cooking domain.
 */
const WINDOW = 'from=2026-10-01T00:00:00Z&to=2026-10-29T00:00:00Z';

const deployment = (
  externalId: string,
  service: string,
  buildTime: string,
  deployTime: string,
  environment = 'production',
) => ({
  source: 'pipeline',
  externalId,
  service,
  environment,
  buildTime,
  deployTime,
});

const interval = (
  externalId: string,
  service: string,
  start: string,
  good: number,
  total: number,
) => ({
  source: 'prometheus',
  externalId,
  service,
  start,
  end: new Date(Date.parse(start) + 3_600_000).toISOString(),
  good,
  total,
});

const events: Array<[string, unknown[]]> = [
  [
    'deployments',
    [
      deployment(
        'before',
        'bedroom',
        '2026-09-29T00:00:00Z',
        '2026-09-30T23:00:00Z',
      ),
      deployment(
        'b1',
        'bedroom',
        '2026-09-30T10:00:00Z',
        '2026-10-01T10:00:00Z',
      ), // 1 day
      deployment(
        'b2',
        'bedroom',
        '2026-10-02T00:00:00Z',
        '2026-10-02T12:00:00Z',
      ), // 0.5 day
      deployment(
        'staged',
        'bedroom',
        '2026-10-12T00:00:00Z',
        '2026-10-12T01:00:00Z',
        'staging',
      ),
      deployment(
        'b3',
        'bedroom',
        '2026-10-17T00:00:00Z',
        '2026-10-20T00:00:00Z',
      ), // 3 days
      deployment(
        'at-end',
        'bedroom',
        '2026-10-28T00:00:00Z',
        '2026-10-29T00:00:00Z',
      ),
      deployment(
        'l1',
        'living-room',
        '2026-10-12T00:00:00Z',
        '2026-10-13T00:00:00Z',
      ), // 1 day
      deployment(
        'k1',
        'kitchen',
        '2026-10-12T00:00:00Z',
        '2026-10-13T00:00:00Z',
      ),
    ],
  ],
  [
    'availability',
    [
      interval('before', 'bedroom', '2026-09-30T23:00:00Z', 0, 1000),
      interval('a1', 'bedroom', '2026-10-01T10:00:00Z', 990, 1000),
      interval('a2', 'bedroom', '2026-10-01T11:00:00Z', 1000, 1000),
      interval('a3', 'bedroom', '2026-10-02T00:00:00Z', 500, 500),
      interval('a4', 'living-room', '2026-10-01T10:00:00Z', 90, 100),
      // The last week of the window, for the error budget.
      interval('w1', 'bedroom', '2026-10-26T00:00:00Z', 999, 1000),
      interval('w2', 'bedroom', '2026-10-27T00:00:00Z', 1000, 1000),
      interval('k1', 'kitchen', '2026-10-01T10:00:00Z', 0, 100),
    ],
  ],
  [
    'incidents',
    [
      {
        source: 'pagerduty',
        externalId: 'i0',
        services: ['bedroom'],
        startedAt: '2026-09-30T10:00:00Z',
        restoredAt: '2026-09-30T11:00:00Z',
      },
      {
        source: 'pagerduty',
        externalId: 'i1',
        title: 'Beds out of stock',
        services: ['living-room', 'bedroom'],
        startedAt: '2026-10-05T10:00:00Z',
        acknowledgedAt: '2026-10-05T10:05:00Z',
        restoredAt: '2026-10-05T10:30:00Z',
      },
      {
        source: 'pagerduty',
        externalId: 'i3',
        services: ['living-room'],
        startedAt: '2026-10-10T10:00:00Z',
        restoredAt: '2026-10-10T12:00:00Z',
      },
      {
        source: 'pagerduty',
        externalId: 'i2',
        services: ['kitchen', 'bedroom'],
        startedAt: '2026-10-20T08:00:00Z',
        reviewUrl: 'https://wiki.example/pir-2',
        url: 'https://hearth.pagerduty.example/incidents/i2',
      },
    ],
  ],
  [
    'reviews',
    [
      {
        source: 'confluence',
        externalId: 'PIR-1b',
        services: ['bedroom'],
        incidentSource: 'pagerduty',
        incidentExternalId: 'i1',
        url: 'https://wiki.example/pir-1b',
        publishedAt: '2026-10-09T00:00:00Z',
      },
      {
        source: 'confluence',
        externalId: 'PIR-1',
        services: ['bedroom', 'living-room'],
        incidentSource: 'pagerduty',
        incidentExternalId: 'i1',
        title: 'Beds out of stock',
        url: 'https://wiki.example/pir-1',
        publishedAt: '2026-10-07T00:00:00Z',
      },
      {
        source: 'confluence',
        externalId: 'PIR-draft',
        services: ['bedroom'],
        publishedAt: '2026-10-08T00:00:00Z',
      },
    ],
  ],
];

describe.each(databases.eachSupportedId())(
  'measure series and review reads on %s',
  databaseId => {
    async function start(id: TestDatabaseId) {
      const knex = await databases.init(id);
      const { server } = await startTestBackend({
        features: [
          operatingModelPlugin,
          mockServices.rootConfig.factory({
            data: { operatingModel: testOperatingModelConfig },
          }),
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: measuresTestEntities() }),
        ],
      });
      for (const [kind, items] of events) {
        const response = await request(server)
          .post(`/api/operating-model/events/${kind}`)
          .send({ items });
        expect({ kind, status: response.status }).toEqual({
          kind,
          status: 200,
        });
      }
      const series = (path: string, query = WINDOW) =>
        request(server).get(
          `/api/operating-model/measures/${path}/series${
            query ? `?${query}` : ''
          }`,
        );
      const read = (path: string, user: string) =>
        request(server)
          .post(`/api/operating-model/reviews/${path}/read`)
          .set(
            'Authorization',
            mockCredentials.user.header(`user:default/${user}`),
          );
      return { server, knex, series, read };
    }

    it("gives a service's series, its targets and this week's error budget", async () => {
      const { series } = await start(databaseId);
      const response = await series('component/default/bedroom');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        entityRef: 'component:default/bedroom',
        from: '2026-10-01T00:00:00.000Z',
        to: '2026-10-29T00:00:00.000Z',
        // Weeks between two with deployments are 0; the week of 26 October had none, so it is not given.
        deploymentsPerWeek: [
          { weekStart: '2026-09-28T00:00:00.000Z', count: 2 },
          { weekStart: '2026-10-05T00:00:00.000Z', count: 0 },
          { weekStart: '2026-10-12T00:00:00.000Z', count: 0 },
          { weekStart: '2026-10-19T00:00:00.000Z', count: 1 },
        ],
        availabilityPerDay: [
          { day: '2026-10-01', good: 1990, total: 2000, ratio: 0.995 },
          { day: '2026-10-02', good: 500, total: 500, ratio: 1 },
          { day: '2026-10-26', good: 999, total: 1000, ratio: 0.999 },
          { day: '2026-10-27', good: 1000, total: 1000, ratio: 1 },
        ],
        incidents: [
          {
            source: 'pagerduty',
            externalId: 'i1',
            title: 'Beds out of stock',
            service: 'component:default/bedroom',
            services: ['component:default/bedroom'],
            startedAt: '2026-10-05T10:00:00.000Z',
            acknowledgedAt: '2026-10-05T10:05:00.000Z',
            restoredAt: '2026-10-05T10:30:00.000Z',
            timeToRestoreMinutes: 30,
            // The earlier of its two reviews.
            review: {
              source: 'confluence',
              externalId: 'PIR-1',
              title: 'Beds out of stock',
              url: 'https://wiki.example/pir-1',
            },
            reviewUrl: null,
            url: null,
          },
          {
            source: 'pagerduty',
            externalId: 'i2',
            title: null,
            service: 'component:default/bedroom',
            services: ['component:default/bedroom'],
            startedAt: '2026-10-20T08:00:00.000Z',
            acknowledgedAt: null,
            restoredAt: null,
            timeToRestoreMinutes: null,
            review: null,
            reviewUrl: 'https://wiki.example/pir-2',
            url: 'https://hearth.pagerduty.example/incidents/i2',
          },
        ],
        leadTimes: [
          {
            service: 'component:default/bedroom',
            deployTime: '2026-10-01T10:00:00.000Z',
            leadTimeDays: 1,
          },
          {
            service: 'component:default/bedroom',
            deployTime: '2026-10-02T12:00:00.000Z',
            leadTimeDays: 0.5,
          },
          {
            service: 'component:default/bedroom',
            deployTime: '2026-10-20T00:00:00.000Z',
            leadTimeDays: 3,
          },
        ],
        // £200K an hour → 99.0%; very high demand → daily, 30 in 30 days → 7 a week.
        target: {
          availability: 99,
          deploymentsPerWeek: 7,
          tolerableUnavailabilitySecondsPerWeek: 6048,
        },
        // Monday 26 to Thursday 29 October: 3 days gone, 1 request in 2,000 failed →
        // 259,200 s × 0.0005 = 129.6 s of the week's 6,048 used.
        errorBudget: {
          weekStart: '2026-10-26T00:00:00.000Z',
          until: '2026-10-29T00:00:00.000Z',
          allowedSeconds: 6048,
          usedSeconds: expect.closeTo(129.6, 6),
          leftSeconds: expect.closeTo(5918.4, 6),
          count: 2,
        },
      });
    });

    it("adds up a team's and a domain's services, without targets of their own", async () => {
      const { series } = await start(databaseId);
      for (const path of [
        'group/default/bedroom-team',
        'domain/default/furnishing',
      ]) {
        const response = await series(path);
        expect(response.status).toBe(200);
        expect(response.body.deploymentsPerWeek).toEqual([
          { weekStart: '2026-09-28T00:00:00.000Z', count: 2 },
          { weekStart: '2026-10-05T00:00:00.000Z', count: 0 },
          { weekStart: '2026-10-12T00:00:00.000Z', count: 1 },
          { weekStart: '2026-10-19T00:00:00.000Z', count: 1 },
        ]);
        expect(response.body.availabilityPerDay[0]).toEqual({
          day: '2026-10-01',
          good: 2080,
          total: 2100,
          ratio: 2080 / 2100,
        });
        expect(
          response.body.incidents.map(
            (i: { externalId: string; services: string[] }) => [
              i.externalId,
              i.services,
            ],
          ),
        ).toEqual([
          [
            'i1',
            ['component:default/bedroom', 'component:default/living-room'],
          ],
          ['i3', ['component:default/living-room']],
          ['i2', ['component:default/bedroom']],
        ]);
        expect(response.body.incidents[1].timeToRestoreMinutes).toBe(120);
        expect(
          response.body.leadTimes.map(
            (l: { leadTimeDays: number }) => l.leadTimeDays,
          ),
        ).toEqual([1, 0.5, 1, 3]);
        expect(response.body.target).toBeNull();
        expect(response.body.errorBudget).toBeNull();
      }
    });

    it('answers empty series, not zeros, where nothing was sent', async () => {
      const { series } = await start(databaseId);
      const response = await series(
        'component/default/kitchen',
        'from=2026-08-01T00:00:00Z&to=2026-09-01T00:00:00Z',
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        deploymentsPerWeek: [],
        availabilityPerDay: [],
        incidents: [],
        leadTimes: [],
        target: { availability: 99.9 },
        errorBudget: {
          usedSeconds: null,
          leftSeconds: null,
          count: 0,
          allowedSeconds: 604.8,
        },
      });
    });

    it('defaults to the last 90 days and refuses other kinds and bad windows', async () => {
      const { series } = await start(databaseId);
      const defaulted = await series('component/default/bedroom', '');
      expect(defaulted.status).toBe(200);
      expect(
        Date.parse(defaulted.body.to) - Date.parse(defaulted.body.from),
      ).toBe(90 * 86_400_000);

      const system = await series('system/default/room-shops');
      expect(system.status).toBe(400);
      expect(system.body.error.message).toContain(
        'path: expected an entity ref of kind component or group or domain',
      );

      const bad = await series('component/default/bedroom', 'from=yesterday');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain(
        'from: expected an ISO 8601 instant',
      );
    });

    it('records a reader once per person however often they read, and answers the url', async () => {
      const { read, knex, server } = await start(databaseId);
      for (const user of ['alice', 'alice', 'Bob']) {
        const response = await read('confluence/PIR-1', user);
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ url: 'https://wiki.example/pir-1' });
      }
      const rows = await knex('review_reads')
        .where({ review_source: 'confluence', review_external_id: 'PIR-1' })
        .orderBy('person');
      expect(rows.map(r => [r.person, r.source])).toEqual([
        ['user:default/alice', 'backstage'],
        ['user:default/bob', 'backstage'],
      ]);

      // The reads count in the measures, once per person.
      const measures = await request(server).get(
        `/api/operating-model/measures/component/default/bedroom?${WINDOW}`,
      );
      expect(measures.body.postIncidentReviewReaders).toEqual({
        count: 2,
        reviews: 3,
      });
    });

    it('answers 404 for a review it does not know or cannot open, and records nothing', async () => {
      const { read, knex, server } = await start(databaseId);
      const unknown = await read('confluence/PIR-404', 'alice');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toContain('PIR-404');
      const draft = await read('confluence/PIR-draft', 'alice');
      expect(draft.status).toBe(404);
      expect(draft.body.error.message).toContain('without a url');
      const service = await request(server)
        .post('/api/operating-model/reviews/confluence/PIR-1/read')
        .set('Authorization', mockCredentials.service.header());
      expect(service.status).toBe(403);
      expect(Number((await knex('review_reads').count({ n: '*' }))[0].n)).toBe(
        0,
      );
    });
  },
);
