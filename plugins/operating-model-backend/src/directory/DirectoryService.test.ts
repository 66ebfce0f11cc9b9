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

function setUp(start: Date, domainShiftEnd = '2026-11-05T09:00:00.000Z') {
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
  const directory = new DirectoryService({
    assessments,
    rotas: { shiftsBetween } as unknown as RotaService,
    events,
    config,
    logger,
    now: () => now,
  });
  return {
    directory,
    shiftsBetween,
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

const flush = () => new Promise(resolve => setImmediate(resolve));

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

  it('works out who is on call at most once a minute, refreshing behind the answer', async () => {
    const { directory, shiftsBetween, setNow } = setUp(NOON);
    const first = await directory.current();
    const calls = shiftsBetween.mock.calls.length;

    setNow(new Date(NOON.getTime() + 30_000));
    expect(await directory.current()).toBe(first);
    await flush();
    expect(shiftsBetween.mock.calls.length).toBe(calls);

    setNow(new Date(NOON.getTime() + 61_000));
    expect(await directory.current()).toBe(first);
    await directory.refresh();
    expect(shiftsBetween.mock.calls.length).toBe(2 * calls);
    const next = await directory.current();
    expect(next).not.toBe(first);
    expect(next!.directory.onCallAt).toBe('2026-11-04T12:01:01.000Z');
  });

  it('works it out again as soon as a shift in force ends', async () => {
    const { directory, shiftsBetween, setNow } = setUp(
      NIGHT,
      '2026-11-04T22:00:20.000Z',
    );
    await directory.current();
    const calls = shiftsBetween.mock.calls.length;
    setNow(new Date(NIGHT.getTime() + 20_000));
    await directory.refresh();
    expect(shiftsBetween.mock.calls.length).toBe(2 * calls);
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
    const [window] = (events.deploymentTotals as jest.Mock).mock.calls[0];
    expect(window).toEqual({
      from: NOON.getTime() - 30 * 86_400_000,
      to: NOON.getTime(),
    });
  });

  it('rebuilds the rows from a new catalog snapshot without asking the rotas again', async () => {
    const { directory, shiftsBetween, assessments } = setUp(NOON);
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
    expect(JSON.parse(body.json)).toEqual(body.directory);
  });
});
