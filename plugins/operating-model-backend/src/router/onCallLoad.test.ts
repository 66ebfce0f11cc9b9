import {
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  OnCallCostRow,
  OnCallLoadRotaRow,
} from '@operating-model/backstage-plugin-operating-model-common';
import request from 'supertest';
import { operatingModelPlugin } from '../plugin';
import {
  LEADERS_WINDOW,
  leadersEvents,
  leadersTestConfig,
  leadersTestEntities,
} from '../leaders/leadersTestData';
import { quarterOf } from './costs';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const window = `from=${LEADERS_WINDOW.from}&to=${LEADERS_WINDOW.to}`;

describe.each(databases.eachSupportedId())('GET /on-call-load on %s', id => {
  async function start(allow = true) {
    const knex = await databases.init(id);
    const backend = await startTestBackend({
      features: [
        operatingModelPlugin,
        mockServices.rootConfig.factory({
          data: { operatingModel: leadersTestConfig },
        }),
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: leadersTestEntities() }),
        mockServices.permissions.factory({
          result: allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        }),
      ],
    });
    // A policy that denies everything denies writing events too; the refusal needs none.
    for (const [kind, items] of allow ? leadersEvents : []) {
      const response = await request(backend.server)
        .post(`/api/operating-model/events/${kind}`)
        .send({ items });
      expect({ kind, status: response.status }).toEqual({ kind, status: 200 });
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

  it('pays each person on a rota what the cost report charges for the rota', async () => {
    const [load, costs] = await Promise.all([
      request(server).get(`/api/operating-model/on-call-load?${window}`),
      request(server).get(`/api/operating-model/costs?${window}`),
    ]);
    expect(load.status).toBe(200);
    expect(load.body).toMatchObject({
      from: '2026-10-05T00:00:00.000Z',
      to: '2026-10-19T00:00:00.000Z',
      currency: 'GBP',
      flagAbove: 0.25,
    });
    const costRows: Record<string, OnCallCostRow> = Object.fromEntries(
      [...costs.body.teams, ...costs.body.domains].map((r: OnCallCostRow) => [
        r.entityRef,
        r,
      ]),
    );
    const rows: OnCallLoadRotaRow[] = load.body.rotas;
    // Rotas with shifts all through the window pay the standby and callouts the cost report
    // charges them, shared among the people who were on.
    for (const rota of [
      'domain:default/furnishing',
      'domain:default/cooking',
    ]) {
      const row = rows.find(r => r.rotaRef === rota)!;
      const pay = row.people.reduce((sum, p) => sum + p.totalPay, 0);
      expect({ rota, pay: Math.round(pay * 100) / 100 }).toEqual({
        rota,
        pay: costRows[rota].total,
      });
      const callouts = row.people.reduce((sum, p) => sum + p.callouts, 0);
      expect({ rota, callouts }).toEqual({
        rota,
        callouts: costRows[rota].calloutIncidents,
      });
      // A domain rota answers out of hours only.
      expect(row.people.every(p => p.hoursInHours === 0)).toBe(true);
    }
    // Every person named is on the rota's participants; the hours add up to the average times
    // the participants.
    for (const row of rows) {
      const hours = row.people.reduce(
        (sum, p) => sum + p.hoursInHours + p.hoursOutOfHours,
        0,
      );
      expect(hours).toBeCloseTo(
        row.averageHours * Math.max(row.people.length, 1),
        0,
      );
    }
  });

  it('answers the quarter holding now without a window', async () => {
    const response = await request(server).get(
      '/api/operating-model/on-call-load',
    );
    expect(response.status).toBe(200);
    const quarter = quarterOf(new Date(), 'Europe/London');
    expect([response.body.from, response.body.to]).toEqual([
      quarter.from.toISOString(),
      quarter.to.toISOString(),
    ]);
  });

  it('refuses a bad window with a 400 naming the parameter', async () => {
    const response = await request(server).get(
      '/api/operating-model/on-call-load?from=yesterday',
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^from: /);
  });

  it('needs the on-call-load permission', async () => {
    const denied = await start(false);
    try {
      const response = await request(denied.server).get(
        `/api/operating-model/on-call-load?${window}`,
      );
      expect(response.status).toBe(403);
      expect(response.body.error.message).toContain(
        'operating-model.on-call-load.read',
      );
    } finally {
      await denied.stop();
    }
  });
});

describe('quarterOf', () => {
  it.each([
    [
      '2026-11-15T12:00:00Z',
      'UTC',
      '2026-10-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ],
    // Midnight on 1 October in London is 23:00 UTC the day before (summer time).
    [
      '2026-10-01T00:30:00+01:00',
      'Europe/London',
      '2026-09-30T23:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ],
  ])('puts %s (%s) in its quarter', (at, zone, from, to) => {
    const q = quarterOf(new Date(at), zone);
    expect(q.from.toISOString()).toBe(from);
    expect(q.to.toISOString()).toBe(to);
  });
});
