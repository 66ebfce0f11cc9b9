import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { PagerDutyStandIn } from './__testUtils__/pagerDutyStandIn';
import {
  component,
  sourceConfig,
  startBackend,
} from './__testUtils__/testBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The clock of the source and of the stand-in: the first sync runs at T0. */
const T0 = Date.parse('2026-11-02T12:00:00Z');
const at = (ms: number) => new Date(ms).toISOString();
/** A pass reads up to two minutes before it starts. */
const SETTLE = 2 * MINUTE;

const entities = [
  component('bedroom', 'PBED001'),
  component('beds-api', 'PBED001'),
  component('sofas', 'PSOF001'),
  component('ghost', 'PGHOST1'),
  component('lamps', 'not an id!'),
  component('no-pagerduty'),
];

describe('the PagerDuty source, run by the operating-model backend', () => {
  let standIn: PagerDutyStandIn;
  const clock = { now: T0 };

  beforeEach(async () => {
    clock.now = T0;
    standIn = await PagerDutyStandIn.start({ now: () => clock.now });
    standIn.addService('PBED001', 'Bedroom shop');
    standIn.addService('PSOF001', 'Sofa shop');
  });

  afterEach(() => standIn.stop());

  const start = (initialWindowDays = 365) =>
    startBackend({
      databases,
      entities,
      config: sourceConfig(),
      standIn,
      now: () => new Date(clock.now),
      initialWindowDays,
    });

  const windowsOf = (requests: PagerDutyStandIn['requests']) =>
    requests
      .filter(r => r.path === '/incidents')
      .map(r => ({
        since: r.query.get('since'),
        until: r.query.get('until'),
        services: r.query.getAll('service_ids[]'),
        offset: r.query.get('offset'),
        status: r.status,
      }));

  it('syncs a year of incidents, then only what is new, updating incidents resolved in between', async () => {
    standIn.addIncident({
      id: 'QA',
      serviceId: 'PBED001',
      title: 'Checkout is down',
      createdAt: at(T0 - 30 * DAY),
      priority: 'P1',
      acknowledgedAt: [at(T0 - 30 * DAY + 4 * MINUTE)],
      resolvedAt: at(T0 - 30 * DAY + 64 * MINUTE),
    });
    standIn.addIncident({
      id: 'QB',
      serviceId: 'PSOF001',
      title: 'Sofa images missing',
      createdAt: at(T0 - 200 * DAY),
      urgency: 'low',
      // Acknowledged twice: the first acknowledgement counts.
      acknowledgedAt: [
        at(T0 - 200 * DAY + 10 * MINUTE),
        at(T0 - 200 * DAY + 50 * MINUTE),
      ],
      resolvedAt: at(T0 - 200 * DAY + 2 * HOUR),
    });
    standIn.addIncident({
      id: 'QC',
      serviceId: 'PBED001',
      title: 'Slow search',
      createdAt: at(T0 - 2 * DAY),
      acknowledgedAt: [at(T0 - 2 * DAY + 5 * MINUTE)],
    });
    standIn.addIncident({
      id: 'QE',
      serviceId: 'PBED001',
      title: 'Basket errors',
      createdAt: at(T0 - DAY),
    });
    standIn.addIncident({
      id: 'QOLD',
      serviceId: 'PSOF001',
      title: 'Before the initial window',
      createdAt: at(T0 - 400 * DAY),
      resolvedAt: at(T0 - 400 * DAY + HOUR),
    });

    const backend = await start();

    // First sync (at start-up): the year before the pass, in windows PagerDuty accepts.
    const firstWindows = windowsOf(standIn.requests);
    expect(firstWindows.every(w => w.status === 200)).toBe(true);
    for (const w of firstWindows) {
      expect(Date.parse(w.until!) - Date.parse(w.since!)).toBeLessThanOrEqual(
        180 * DAY,
      );
      expect(w.services).toEqual(['PBED001', 'PSOF001']);
    }
    expect(firstWindows[0].since).toBe(at(T0 - SETTLE - 365 * DAY));
    expect(firstWindows[firstWindows.length - 1].until).toBe(at(T0 - SETTLE));
    expect(standIn.requests.every(r => r.status !== 400)).toBe(true);
    // The unknown service is asked about once; only the service ids PagerDuty knows are listed.
    expect(standIn.count('/services/PGHOST1')).toBe(1);

    expect(await backend.incidents()).toEqual([
      {
        id: 'QA',
        title: 'Checkout is down',
        severity: 'P1 high',
        services: ['component:default/bedroom', 'component:default/beds-api'],
        startedAt: at(T0 - 30 * DAY),
        acknowledgedAt: at(T0 - 30 * DAY + 4 * MINUTE),
        restoredAt: at(T0 - 30 * DAY + 64 * MINUTE),
      },
      {
        id: 'QB',
        title: 'Sofa images missing',
        severity: 'low',
        services: ['component:default/sofas'],
        startedAt: at(T0 - 200 * DAY),
        acknowledgedAt: at(T0 - 200 * DAY + 10 * MINUTE),
        restoredAt: at(T0 - 200 * DAY + 2 * HOUR),
      },
      {
        id: 'QC',
        title: 'Slow search',
        severity: 'high',
        services: ['component:default/bedroom', 'component:default/beds-api'],
        startedAt: at(T0 - 2 * DAY),
        acknowledgedAt: at(T0 - 2 * DAY + 5 * MINUTE),
        restoredAt: null,
      },
      {
        id: 'QE',
        title: 'Basket errors',
        severity: 'high',
        services: ['component:default/bedroom', 'component:default/beds-api'],
        startedAt: at(T0 - DAY),
        acknowledgedAt: null,
        restoredAt: null,
      },
    ]);
    const [first] = await backend.sources();
    expect(first).toMatchObject({
      id: 'pagerduty',
      kinds: ['incidents'],
      enabled: true,
      eventsWritten: 4,
      lastError: null,
      mapped: 3,
      unmapped: [
        {
          entityRef: 'component:default/ghost',
          reason: expect.stringContaining('PagerDuty has no service PGHOST1'),
        },
        {
          entityRef: 'component:default/lamps',
          reason: expect.stringContaining('is not a PagerDuty service id'),
        },
      ],
    });

    // Between the syncs: QC is resolved, QE acknowledged and resolved, QF opened and resolved.
    standIn.resolve('QC', at(T0 + 10 * MINUTE));
    standIn.acknowledge('QE', at(T0 + 15 * MINUTE));
    standIn.resolve('QE', at(T0 + 20 * MINUTE));
    standIn.addIncident({
      id: 'QF',
      serviceId: 'PBED001',
      title: 'Payments timing out',
      createdAt: at(T0 + 30 * MINUTE),
      acknowledgedAt: [at(T0 + 33 * MINUTE)],
      resolvedAt: at(T0 + 40 * MINUTE),
    });
    clock.now = T0 + HOUR;
    const before = standIn.requests.length;
    await backend.sync();

    const second = standIn.requests.slice(before);
    // Only what is new: one window from the end of the last pass, the open incidents by id.
    expect(windowsOf(second)).toEqual([
      {
        since: at(T0 - SETTLE),
        until: at(T0 + HOUR - SETTLE),
        services: ['PBED001', 'PSOF001'],
        offset: '0',
        status: 200,
      },
    ]);
    expect(
      second.filter(r => /^\/incidents\/Q[CE]$/.test(r.path)),
    ).toHaveLength(2);
    expect(second.filter(r => r.path.startsWith('/services/'))).toHaveLength(0);

    const incidents = await backend.incidents();
    expect(incidents.map(i => i.id)).toEqual(['QA', 'QB', 'QC', 'QE', 'QF']);
    expect(incidents.find(i => i.id === 'QC')).toMatchObject({
      acknowledgedAt: at(T0 - 2 * DAY + 5 * MINUTE),
      restoredAt: at(T0 + 10 * MINUTE),
    });
    expect(incidents.find(i => i.id === 'QE')).toMatchObject({
      acknowledgedAt: at(T0 + 15 * MINUTE),
      restoredAt: at(T0 + 20 * MINUTE),
    });
    expect(incidents.find(i => i.id === 'QF')).toMatchObject({
      acknowledgedAt: at(T0 + 33 * MINUTE),
      restoredAt: at(T0 + 40 * MINUTE),
    });
    expect((await backend.sources())[0]).toMatchObject({
      eventsWritten: 7,
      lastError: null,
      mapped: 3,
    });

    // The measures read what the source wrote: restored in 64 and 10 minutes, acknowledged in 4
    // and 3, over the window of QA and QF.
    const measures = await request(backend.server).get(
      `/api/operating-model/measures/component/default/bedroom?from=${at(
        T0 - 31 * DAY,
      )}&to=${at(T0 - 3 * DAY)}`,
    );
    expect(measures.status).toBe(200);
    expect(measures.body.timeToRestoreMinutes).toMatchObject({
      count: 1,
      median: 64,
    });
    expect(measures.body.timeToAcknowledgeMinutes).toMatchObject({ median: 4 });

    // A quiet run: one request per 50 services, nothing written.
    clock.now = T0 + 2 * HOUR;
    const quiet = standIn.requests.length;
    await backend.sync();
    expect(standIn.requests.slice(quiet).map(r => r.path)).toEqual([
      '/incidents',
    ]);
    expect((await backend.sources())[0].eventsWritten).toBe(7);
  });

  it('waits out a 429 for ratelimit-reset seconds, then reads on', async () => {
    standIn.addIncident({
      id: 'QA',
      serviceId: 'PSOF001',
      title: 'Sofa images missing',
      createdAt: at(T0 - 3 * DAY),
      resolvedAt: at(T0 - 3 * DAY + HOUR),
    });
    standIn.inject({
      status: 429,
      resetSeconds: 1,
      when: r => r.path === '/incidents',
    });

    const began = Date.now();
    const backend = await start(30);
    expect(Date.now() - began).toBeGreaterThanOrEqual(1000);

    expect(windowsOf(standIn.requests).map(w => w.status)).toEqual([429, 200]);
    expect((await backend.incidents()).map(i => i.id)).toEqual(['QA']);
    expect((await backend.sources())[0]).toMatchObject({
      lastError: null,
      eventsWritten: 1,
    });
  });

  it('fails a run on a 5xx that lasts, writing nothing of that page, and the next run goes on from it', async () => {
    for (let i = 0; i < 250; i++) {
      standIn.addIncident({
        serviceId: 'PBED001',
        title: `Alert ${i}`,
        createdAt: at(T0 - 10 * DAY + i * MINUTE),
      });
    }
    // The second page fails on every attempt of the first run.
    standIn.inject({
      status: 503,
      times: 4,
      when: r => r.path === '/incidents' && r.query.get('offset') === '100',
    });

    const backend = await start(30);
    expect(await backend.incidents()).toHaveLength(100);
    const [failed] = await backend.sources();
    expect(failed.lastError).toMatch(
      /^PagerDuty answered 503 to GET \/incidents 4 times/,
    );
    expect(failed.eventsWritten).toBe(100);
    expect(failed.lastSuccessAt).toBeNull();

    const before = standIn.requests.length;
    await backend.sync();
    // The next run starts at the page that failed, not at the beginning.
    expect(
      windowsOf(standIn.requests.slice(before)).map(w => w.offset),
    ).toEqual(['100', '200']);
    expect(await backend.incidents()).toHaveLength(250);
    const [recovered] = await backend.sources();
    expect(recovered).toMatchObject({ lastError: null, eventsWritten: 250 });
    expect(recovered.lastSuccessAt).not.toBeNull();
  });

  it('reports a Component whose service PagerDuty does not know, and syncs the others', async () => {
    standIn.addIncident({
      id: 'QA',
      serviceId: 'PBED001',
      title: 'Checkout is down',
      createdAt: at(T0 - DAY),
      resolvedAt: at(T0 - DAY + HOUR),
    });
    const backend = await start(30);
    const [status] = await backend.sources();
    expect(status).toMatchObject({
      lastError: null,
      mapped: 3,
      eventsWritten: 1,
    });
    expect(status.unmapped).toContainEqual({
      entityRef: 'component:default/ghost',
      reason:
        'PagerDuty has no service PGHOST1 (its pagerduty.com/service-id annotation): GET /services/PGHOST1 answered 404 Not Found',
    });
    // The unknown id is never sent to GET /incidents.
    expect(
      standIn.requests.some(r =>
        r.query.getAll('service_ids[]').includes('PGHOST1'),
      ),
    ).toBe(false);

    // Once PagerDuty has the service (and a day has passed), it is mapped and synced.
    standIn.addService('PGHOST1', 'Ghost');
    standIn.addIncident({
      id: 'QG',
      serviceId: 'PGHOST1',
      title: 'Haunted',
      createdAt: at(T0 - 2 * DAY),
    });
    clock.now = T0 + DAY + HOUR;
    await backend.sync();
    const [later] = await backend.sources();
    expect(later).toMatchObject({ lastError: null, mapped: 4 });
    expect(
      later.unmapped.map((u: { entityRef: string }) => u.entityRef),
    ).toEqual(['component:default/lamps']);
    expect((await backend.incidents()).map(i => i.id)).toEqual(['QA', 'QG']);
  });

  it('reads a window of more than 10,000 incidents by starting again at the last one read', async () => {
    for (let i = 0; i < 10_050; i++) {
      standIn.addIncident({
        serviceId: 'PBED001',
        title: `Flapping check ${i}`,
        createdAt: at(T0 - 10 * DAY + i * 30_000),
      });
    }
    const backend = await start(30);
    expect((await backend.sources())[0]).toMatchObject({ lastError: null });
    expect(await backend.incidents()).toHaveLength(10_050);
    expect(windowsOf(standIn.requests).every(w => w.status === 200)).toBe(true);
    const restarted = windowsOf(standIn.requests).filter(
      w => w.offset === '0' && w.since !== at(T0 - SETTLE - 30 * DAY),
    );
    expect(restarted).toHaveLength(1);
  });
});
