import { mockServices } from '@backstage/backend-test-utils';
import {
  Shift,
  readOperatingModelConfigFromObject,
} from '@operating-model/backstage-plugin-operating-model-common';
import { ServiceAssessments } from '../assessments/ServiceAssessments';
import { buildOrgSnapshot } from '../catalog/readOrgSnapshot';
import { RotaService } from '../rotas/RotaService';
import { testEntities, testOperatingModelConfig } from '../testEntities';
import { DirectoryEventTotals, DirectoryService } from './DirectoryService';

const config = readOperatingModelConfigFromObject(testOperatingModelConfig);
const logger = mockServices.logger.mock();

/** Wednesday 4 November 2026, 12:00 in London: working hours. */
const NOON = new Date('2026-11-04T12:00:00Z');
/** The same day at 22:00: out of hours. */
const NIGHT = new Date('2026-11-04T22:00:00Z');

function setUp(
  start: Date,
  domainShiftEnd = '2026-11-05T09:00:00.000Z',
  onCallMaxAgeMs?: number,
) {
  let now = start;
  const assessments = new ServiceAssessments(config, logger);
  assessments.replaceSnapshot(
    buildOrgSnapshot(testEntities(), new Date('2026-11-02T12:00:00Z')),
  );
  const week = (person: string): Shift => ({
    person,
    start: '2026-11-02T09:00:00.000Z',
    end: '2026-11-09T09:00:00.000Z',
    override: false,
  });
  const firstMember: Record<string, string> = {
    'group:default/bedroom-team': 'user:default/alice',
    'group:default/kitchen-team': 'user:default/dan',
    'group:default/appointments-team': 'user:default/gina',
    'group:default/operations': 'user:default/olga',
  };
  const shiftsBetween = jest.fn(async (rotaRef: string) => {
    if (rotaRef.startsWith('domain:')) {
      return [
        {
          person: 'user:default/erin',
          start: '2026-11-04T17:30:00.000Z',
          end: domainShiftEnd,
          override: true,
        },
      ];
    }
    return firstMember[rotaRef] ? [week(firstMember[rotaRef])] : undefined;
  });
  const events: DirectoryEventTotals = {
    deploymentTotals: jest.fn(async () => [
      { service: 'component:default/bedroom', count: 12 },
    ]),
    availabilityTotals: jest.fn(async () => [
      {
        service: 'component:default/bedroom',
        good: 995,
        total: 1000,
        count: 4,
      },
    ]),
  };
  // The directory reads a rota again after a new snapshot only when its definition changed.
  const definitions: Record<string, object> = {};
  const definition = jest.fn(
    (rotaRef: string) => definitions[rotaRef] ?? { rotaRef },
  );
  const directory = new DirectoryService({
    assessments,
    rotas: { shiftsBetween, definition } as unknown as RotaService,
    events,
    config,
    logger,
    now: () => now,
    onCallMaxAgeMs,
  });
  return {
    directory,
    shiftsBetween,
    definitions,
    events,
    assessments,
    setNow: (next: Date) => {
      now = next;
    },
  };
}

async function rowsOf(directory: DirectoryService) {
  const body = await directory.current();
  return new Map(body!.directory.services.map(s => [s.ref.split('/')[1], s]));
}

describe('DirectoryService', () => {
  it('in working hours, names the owning team’s shift for every service', async () => {
    const { directory } = setUp(NOON);
    const rows = await rowsOf(directory);
    expect(rows.get('bedroom')!.onCall).toEqual({
      period: 'working-hours',
      schedule: 'team',
      person: { ref: 'user:default/alice', title: 'Alice', email: null },
      rota: 'group:default/bedroom-team',
      shiftEnd: '2026-11-09T09:00:00.000Z',
      periodEnd: '2026-11-04T17:30:00.000Z',
      timezone: 'Europe/London',
      next: null,
    });
    expect(rows.get('appointments')!.onCall!.person!.title).toBe('Gina');
    expect(rows.get('ecommerce-platform')!.onCall!.person!.title).toBe('Olga');
  });

  it.each([
    ['bedroom', 'domain', 'Erin', 'domain:default/furnishing'],
    ['kitchen-planner', 'domain', 'Erin', 'domain:default/furnishing'],
    ['ecommerce-platform', 'team', 'Olga', 'group:default/operations'],
  ])(
    'out of hours, %s is covered by its %s schedule',
    async (name, schedule, person, rota) => {
      const { directory } = setUp(NIGHT);
      const row = (await rowsOf(directory)).get(name)!;
      expect(row.onCall).toMatchObject({
        period: 'out-of-hours',
        schedule,
        rota,
        next: null,
      });
      expect(row.onCall!.person!.title).toBe(person);
    },
  );

  it('out of hours with level none, says who is paged at the next working-hours start', async () => {
    const { directory } = setUp(NIGHT);
    const row = (await rowsOf(directory)).get('appointments')!;
    expect(row.outOfHours).toBe('none');
    expect(row.onCall).toMatchObject({
      period: 'out-of-hours',
      schedule: 'none',
      person: null,
      next: {
        person: { ref: 'user:default/gina', title: 'Gina' },
        at: '2026-11-05T09:00:00.000Z',
      },
    });
  });

  it('looks at each rota once, not once per service', async () => {
    const { directory, shiftsBetween } = setUp(NIGHT);
    const rows = await rowsOf(directory);
    expect(rows.size).toBe(6);
    expect(shiftsBetween.mock.calls.map(c => c[0]).sort()).toEqual([
      'domain:default/furnishing',
      'group:default/appointments-team',
      'group:default/bedroom-team',
      'group:default/kitchen-team',
      'group:default/operations',
    ]);
  });

  it('reads again only the rotas whose answers can have changed, refreshing behind the answer', async () => {
    const { directory, shiftsBetween, setNow } = setUp(NOON);
    const first = await directory.current();
    const calls = shiftsBetween.mock.calls.length;

    // A minute on, every shift in force still is: nothing is read again, the answer stands.
    setNow(new Date(NOON.getTime() + 61_000));
    expect(await directory.current()).toBe(first);
    await directory.refresh();
    expect(shiftsBetween.mock.calls.length).toBe(calls);
    const next = await directory.current();
    expect(next!.directory.services).toBe(first!.directory.services);
    expect(next!.directory.onCallAt).toBe('2026-11-04T12:01:01.000Z');

    // A rota changed here (an override) is read again, and only that one.
    directory.rotaChanged('group:default/Kitchen-Team');
    await directory.refresh();
    expect(shiftsBetween.mock.calls.slice(calls).map(c => c[0])).toEqual([
      'group:default/kitchen-team',
    ]);
  });

  it('reads a rota again as soon as its shift in force ends, and no other', async () => {
    const { directory, shiftsBetween, setNow } = setUp(
      NIGHT,
      '2026-11-04T22:00:20.000Z',
    );
    await directory.current();
    const calls = shiftsBetween.mock.calls.length;
    setNow(new Date(NIGHT.getTime() + 20_000));
    await directory.refresh();
    expect(shiftsBetween.mock.calls.slice(calls).map(c => c[0])).toEqual([
      'domain:default/furnishing',
    ]);
  });

  it('reads the team rotas again when working hours start, where their window ends', async () => {
    const { directory, shiftsBetween, setNow } = setUp(NIGHT);
    await directory.current();
    const calls = shiftsBetween.mock.calls.length;
    setNow(new Date('2026-11-05T09:00:00Z'));
    await directory.refresh();
    const again = shiftsBetween.mock.calls.slice(calls).map(c => c[0]);
    // The domain's shift ends then too.
    expect(again.sort()).toEqual([
      'domain:default/furnishing',
      'group:default/appointments-team',
      'group:default/bedroom-team',
      'group:default/kitchen-team',
      'group:default/operations',
    ]);
    const rows = await rowsOf(directory);
    expect(rows.get('appointments')!.onCall).toMatchObject({
      period: 'working-hours',
      person: { title: 'Gina' },
    });
  });

  it('turns the answers at the end of working hours without reading a rota', async () => {
    const { directory, shiftsBetween, setNow } = setUp(
      NOON,
      undefined,
      24 * 3_600_000,
    );
    await directory.current();
    const calls = shiftsBetween.mock.calls.length;
    setNow(new Date('2026-11-04T18:00:00Z'));
    await directory.refresh();
    expect(shiftsBetween.mock.calls.length).toBe(calls);
    const rows = await rowsOf(directory);
    expect(rows.get('ecommerce-platform')!.onCall).toMatchObject({
      period: 'out-of-hours',
      schedule: 'team',
      person: { title: 'Olga' },
    });
    expect(rows.get('appointments')!.onCall).toMatchObject({
      period: 'out-of-hours',
      person: null,
      next: { person: { title: 'Gina' }, at: '2026-11-05T09:00:00.000Z' },
    });
  });

  it('answers the rows before every rota is worked out on a cold start, then who is on call', async () => {
    const { directory, shiftsBetween } = setUp(NOON);
    let release = () => {};
    const held = new Promise<void>(resolve => {
      release = resolve;
    });
    const original = shiftsBetween.getMockImplementation()!;
    shiftsBetween.mockImplementation(async (...args) => {
      await held;
      return original(...args);
    });
    const early = await directory.rows();
    expect(early!.directory.onCallAt).toBeNull();
    expect(early!.directory.services.every(s => s.onCall === null)).toBe(true);
    expect(early!.directory.services.length).toBe(6);
    release();
    const rows = await rowsOf(directory);
    expect(rows.get('bedroom')!.onCall!.person!.title).toBe('Alice');
  });

  it('shows the measures at a glance against the service’s targets', async () => {
    const { directory, events } = setUp(NOON);
    const rows = await rowsOf(directory);
    expect(rows.get('bedroom')!.measures).toEqual({
      deploymentFrequency: { per30Days: 12, target: 'daily', status: 'missed' },
      availability: { ratio: 0.995, target: 99, status: 'met' },
    });
    expect(rows.get('living-room')!.measures.availability.status).toBe(
      'no-data',
    );
    const [window, services] = (events.deploymentTotals as jest.Mock).mock
      .calls[0];
    expect(window).toEqual({
      from: NOON.getTime() - 30 * 86_400_000,
      to: NOON.getTime(),
    });
    // Asked for the services in the directory, by lower-case ref.
    expect(services).toEqual(
      expect.arrayContaining([
        'component:default/bedroom',
        'component:default/living-room',
      ]),
    );
  });

  it('rebuilds the rows from a new catalog snapshot, asking again only the rotas whose definition changed', async () => {
    const { directory, shiftsBetween, assessments, definitions } = setUp(NOON);
    await directory.current();
    const calls = shiftsBetween.mock.calls.length;
    const entities = testEntities().filter(
      e => e.metadata.name !== 'living-room',
    );
    assessments.replaceSnapshot(
      buildOrgSnapshot(entities, new Date('2026-11-04T11:59:00Z')),
    );
    expect((await rowsOf(directory)).has('living-room')).toBe(true);
    await directory.refresh();
    const rows = await rowsOf(directory);
    expect(rows.has('living-room')).toBe(false);
    expect(rows.get('bedroom')!.onCall!.person!.title).toBe('Alice');
    expect(shiftsBetween.mock.calls.length).toBe(calls);

    definitions['group:default/bedroom-team'] = { members: ['someone new'] };
    assessments.replaceSnapshot(
      buildOrgSnapshot(entities, new Date('2026-11-04T11:59:30Z')),
    );
    await directory.refresh();
    expect(shiftsBetween.mock.calls.slice(calls).map(c => c[0])).toEqual([
      'group:default/bedroom-team',
    ]);
  });

  it('answers a page of the rows matching a query, with the counts', async () => {
    const { directory } = setUp(NOON);
    await directory.current();
    const page = await directory.query({ query: 'alice', limit: 1 });
    expect(page).toMatchObject({
      total: 6,
      onCallAt: NOON.toISOString(),
      offset: 0,
    });
    expect(page!.matched).toBeGreaterThan(1);
    expect(page!.items).toHaveLength(1);
    const next = await directory.query({ query: 'Alice ', offset: 1 });
    expect(next!.items).toHaveLength(page!.matched - 1);
    const byDomain = await directory.query({ groupBy: 'domain' });
    expect(byDomain!.items[0]).toMatchObject({
      kind: 'domain',
      title: 'Furnishing',
    });
    expect(byDomain!.itemCount).toBe(byDomain!.matched + 2);
  });

  it('lists teams with their people and domains, and domains with their teams', async () => {
    const { directory } = setUp(NOON);
    const body = (await directory.current())!;
    const team = body.directory.teams.find(
      t => t.ref === 'group:default/kitchen-team',
    )!;
    expect(team).toMatchObject({
      title: 'Kitchen team',
      type: 'team',
      domains: ['domain:default/furnishing'],
      services: ['component:default/kitchen-planner'],
    });
    expect(team.people.map(p => p.ref)).toEqual([
      'user:default/dan',
      'user:default/erin',
    ]);
    expect(body.directory.domains).toEqual([
      {
        ref: 'domain:default/furnishing',
        title: 'Furnishing',
        teams: ['group:default/bedroom-team', 'group:default/kitchen-team'],
        serviceCount: 3,
      },
    ]);
    const facets = JSON.parse((await directory.facets())!.json);
    expect(facets.domains).toEqual([
      { ref: 'domain:default/furnishing', title: 'Furnishing' },
    ]);
    expect(facets.teams).toContainEqual({
      ref: 'group:default/kitchen-team',
      title: 'Kitchen team',
    });
  });
});
