import { assessService } from './assess';
import { readOperatingModelConfigFromObject } from './config';
import { whoIsPaged } from './paging';
import { rotaShifts, Shift, shiftAt } from './rota';
import { OutOfHoursLevel } from './types';
import { parseHandoff, parseRotation } from './workingHours';

const config = readOperatingModelConfigFromObject({
  holidays: ['2026-12-25', '2026-12-28'],
  peakEvents: [
    {
      name: 'Black Friday',
      start: '2026-11-26T00:00:00Z',
      end: '2026-12-01T00:00:00Z',
    },
  ],
});
const weekly = {
  rotation: parseRotation('1w')!,
  handoff: parseHandoff('Mon 09:00')!,
  timezone: 'Europe/London',
};
const user = (name: string) => `user:default/${name}`;
const from = new Date('2026-11-02T00:00:00Z');
const to = new Date('2027-01-04T00:00:00Z');
// The bedroom team's own rota, and the furnishing domain's out-of-hours rota.
const teamShifts = rotaShifts({
  participants: ['alice', 'bob', 'carol'].map(user),
  settings: weekly,
  history: [],
  from,
  to,
});
const domainShifts = rotaShifts({
  participants: ['erin', 'frank', 'grace', 'heidi'].map(user),
  settings: weekly,
  history: [],
  from,
  to,
});

function paged(at: string, outOfHours: OutOfHoursLevel | null, more = {}) {
  return whoIsPaged({
    at: new Date(at),
    workingHours: config.workingHours,
    holidays: config.holidays,
    outOfHours,
    teamShifts,
    domainShifts,
    ...more,
  });
}

describe('whoIsPaged', () => {
  it.each([
    [
      'working hours: the team shift, whatever the out-of-hours level',
      '2026-11-10T10:00:00Z',
      'domain',
      {
        period: 'working-hours',
        schedule: 'team',
        person: user('carol'),
        shiftEnd: '2026-11-16T09:00:00.000Z',
        periodEnd: '2026-11-10T17:30:00.000Z',
        next: null,
      },
    ],
    [
      'working hours with no out-of-hours cover',
      '2026-11-10T10:00:00Z',
      'none',
      {
        period: 'working-hours',
        schedule: 'team',
        person: user('carol'),
        shiftEnd: '2026-11-16T09:00:00.000Z',
        periodEnd: '2026-11-10T17:30:00.000Z',
        next: null,
      },
    ],
    [
      'out of hours, domain level: the domain shift',
      '2026-11-10T22:00:00Z',
      'domain',
      {
        period: 'out-of-hours',
        schedule: 'domain',
        person: user('frank'),
        shiftEnd: '2026-11-16T09:00:00.000Z',
        periodEnd: '2026-11-11T09:00:00.000Z',
        next: null,
      },
    ],
    [
      'out of hours, team level: the team shift',
      '2026-11-10T22:00:00Z',
      'team',
      {
        period: 'out-of-hours',
        schedule: 'team',
        person: user('carol'),
        shiftEnd: '2026-11-16T09:00:00.000Z',
        periodEnd: '2026-11-11T09:00:00.000Z',
        next: null,
      },
    ],
    [
      'the weekend, team level',
      '2026-11-14T12:00:00Z',
      'team',
      {
        period: 'out-of-hours',
        schedule: 'team',
        person: user('carol'),
        shiftEnd: '2026-11-16T09:00:00.000Z',
        periodEnd: '2026-11-16T09:00:00.000Z',
        next: null,
      },
    ],
    [
      'out of hours, level none: nobody until tomorrow morning',
      '2026-11-10T22:00:00Z',
      'none',
      {
        period: 'out-of-hours',
        schedule: 'none',
        person: null,
        shiftEnd: null,
        periodEnd: '2026-11-11T09:00:00.000Z',
        next: { person: user('carol'), at: '2026-11-11T09:00:00.000Z' },
      },
    ],
    [
      'Friday evening, level none: the person on the new shift on Monday morning',
      '2026-11-13T18:00:00Z',
      'none',
      {
        period: 'out-of-hours',
        schedule: 'none',
        person: null,
        shiftEnd: null,
        periodEnd: '2026-11-16T09:00:00.000Z',
        next: { person: user('alice'), at: '2026-11-16T09:00:00.000Z' },
      },
    ],
    [
      'no level known is answered as none',
      '2026-11-10T22:00:00Z',
      null,
      {
        period: 'out-of-hours',
        schedule: 'none',
        person: null,
        shiftEnd: null,
        periodEnd: '2026-11-11T09:00:00.000Z',
        next: { person: user('carol'), at: '2026-11-11T09:00:00.000Z' },
      },
    ],
    [
      'Christmas Day at noon is out of hours',
      '2026-12-25T12:00:00Z',
      'domain',
      {
        period: 'out-of-hours',
        schedule: 'domain',
        person: user('heidi'),
        shiftEnd: '2026-12-28T09:00:00.000Z',
        periodEnd: '2026-12-29T09:00:00.000Z',
        next: null,
      },
    ],
    [
      'Christmas Day, level none: nobody until after the bank holiday',
      '2026-12-25T12:00:00Z',
      'none',
      {
        period: 'out-of-hours',
        schedule: 'none',
        person: null,
        shiftEnd: null,
        periodEnd: '2026-12-29T09:00:00.000Z',
        next: { person: user('alice'), at: '2026-12-29T09:00:00.000Z' },
      },
    ],
  ])('%s', (_name, at, level, expected) => {
    expect(paged(at, level as OutOfHoursLevel | null)).toEqual(expected);
  });

  it('waits for working hours when the schedule has nobody on it', () => {
    expect(
      paged('2026-11-10T22:00:00Z', 'domain', { domainShifts: [] }),
    ).toEqual({
      period: 'out-of-hours',
      schedule: 'domain',
      person: null,
      shiftEnd: null,
      periodEnd: '2026-11-11T09:00:00.000Z',
      next: { person: user('carol'), at: '2026-11-11T09:00:00.000Z' },
    });
  });

  it.each([
    [
      'asks shiftsAfter when the team shifts given stop short',
      true,
      user('alice'),
    ],
    ['has nobody to name without it', false, null],
  ])('%s', (_name, withLookup, person) => {
    const thisWeek = teamShifts.filter(
      shift => shift.start === '2026-11-09T09:00:00.000Z',
    );
    const answer = paged('2026-11-13T18:00:00Z', 'none', {
      teamShifts: thisWeek,
      shiftsAfter: withLookup
        ? (at: Date): Shift | null => shiftAt(teamShifts, at)
        : undefined,
    });
    expect(answer.next).toEqual({ person, at: '2026-11-16T09:00:00.000Z' });
  });

  describe('peak events', () => {
    const bedroom = {
      entityRef: 'component:default/bedroom',
      owner: 'group:default/bedroom-team',
      system: null,
      domain: 'domain:default/furnishing',
      annotations: {
        'operating-model.io/financial-exposure': '200K',
        'operating-model.io/peak-financial-exposure': '500K',
        'operating-model.io/feature-demand': 'very-high',
      },
      links: [],
    };

    it.each([
      [
        'the Friday night before Black Friday: the domain shift',
        '2026-11-20T22:00:00Z',
        'domain',
        'domain',
        user('grace'),
      ],
      [
        'Black Friday night: upgraded to the team shift',
        '2026-11-27T22:00:00Z',
        'team',
        'team',
        user('bob'),
      ],
      [
        'the Friday night after: back to the domain shift',
        '2026-12-04T22:00:00Z',
        'domain',
        'domain',
        user('erin'),
      ],
    ])('%s', (_name, at, level, schedule, person) => {
      const instant = new Date(at);
      const outOfHours = assessService(bedroom, config, instant).onCall
        .outOfHours;
      expect(outOfHours).toBe(level);
      const answer = whoIsPaged({
        at: instant,
        workingHours: config.workingHours,
        holidays: config.holidays,
        outOfHours,
        teamShifts,
        domainShifts,
      });
      expect(answer).toMatchObject({
        period: 'out-of-hours',
        schedule,
        person,
      });
    });
  });
});
