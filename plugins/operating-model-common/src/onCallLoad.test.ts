import type { WorkingHoursConfig } from './config';
import { OnCallLoadRota, onCallLoad } from './onCallLoad';
import { workingTimeWithin } from './workingTime';

const UTC_HOURS: WorkingHoursConfig = {
  timezone: 'UTC',
  days: 'Mon-Fri',
  weekdays: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '17:00',
};
const at = (iso: string) => Date.parse(`${iso}Z`);
const shift = (person: string, start: string, end: string) => ({
  person: `user:default/${person}`,
  start: new Date(at(start)).toISOString(),
  end: new Date(at(end)).toISOString(),
  override: false,
});

describe('workingTimeWithin', () => {
  const london: WorkingHoursConfig = {
    ...UTC_HOURS,
    timezone: 'Europe/London',
    end: '17:30',
  };
  it.each([
    [
      'a whole week from Monday 09:00',
      '2026-06-01T09:00',
      '2026-06-08T09:00',
      UTC_HOURS,
      [],
      40,
    ],
    ['a weekend', '2026-06-06T00:00', '2026-06-08T00:00', UTC_HOURS, [], 0],
    ['part of a day', '2026-06-01T12:00', '2026-06-01T20:00', UTC_HOURS, [], 5],
    ['a night', '2026-06-01T17:00', '2026-06-02T09:00', UTC_HOURS, [], 0],
    [
      'a week with a holiday',
      '2026-06-01T00:00',
      '2026-06-08T00:00',
      UTC_HOURS,
      ['2026-06-03'],
      32,
    ],
    // British Summer Time: 09:00-17:30 in London is 08:00-16:30 UTC.
    [
      'a London day in summer, in UTC',
      '2026-06-01T08:00',
      '2026-06-01T12:00',
      london,
      [],
      4,
    ],
    [
      'the hour before London opens',
      '2026-06-01T07:00',
      '2026-06-01T08:00',
      london,
      [],
      0,
    ],
    ['an empty span', '2026-06-01T12:00', '2026-06-01T12:00', UTC_HOURS, [], 0],
  ])(
    'counts the working hours of %s',
    (_, from, to, hours, holidays, expected) => {
      expect(
        workingTimeWithin(
          new Date(at(from)),
          new Date(at(to)),
          hours,
          holidays,
        ) / 3_600_000,
      ).toBe(expected);
    },
  );
});

describe('onCallLoad', () => {
  // A worked example over two weeks, Monday 1 June to Monday 15 June 2026, in UTC working hours
  // of 09:00-17:00 on weekdays (40 hours a week).
  const window = {
    from: new Date(at('2026-06-01T00:00')),
    to: new Date(at('2026-06-15T00:00')),
  };
  const team: OnCallLoadRota = {
    rotaRef: 'group:default/payments',
    kind: 'team',
    title: 'Payments',
    participants: ['ana', 'ben', 'cai'].map(p => `user:default/${p}`),
    optedOutCount: 1,
    shifts: [
      // Cai's shift began the week before: only its last 9 hours (Monday 00:00-09:00) count.
      shift('cai', '2026-05-25T09:00', '2026-06-01T09:00'),
      // Ana: a whole week, 40 hours in hours and 128 out of hours.
      shift('ana', '2026-06-01T09:00', '2026-06-08T09:00'),
      // Ben: to the end of the window, 159 hours: 40 in hours, 119 out.
      shift('ben', '2026-06-08T09:00', '2026-06-15T09:00'),
    ],
    workingHours: UTC_HOURS,
    pagesOutOfHours: true,
    outOfHoursServices: [
      { entityRef: 'component:default/checkout', workingHours: UTC_HOURS },
    ],
  };
  const domain: OnCallLoadRota = {
    rotaRef: 'domain:default/shopping',
    kind: 'domain',
    participants: ['eve', 'fay'].map(p => `user:default/${p}`),
    optedOutCount: 0,
    shifts: [
      shift('eve', '2026-06-01T00:00', '2026-06-08T00:00'),
      shift('fay', '2026-06-08T00:00', '2026-06-15T00:00'),
    ],
    workingHours: UTC_HOURS,
    pagesOutOfHours: true,
    outOfHoursServices: [
      { entityRef: 'component:default/basket', workingHours: UTC_HOURS },
    ],
  };
  const daytime: OnCallLoadRota = {
    rotaRef: 'group:default/reports',
    kind: 'team',
    participants: ['gus'].map(p => `user:default/${p}`),
    optedOutCount: 0,
    shifts: [shift('gus', '2026-06-01T09:00', '2026-06-15T09:00')],
    workingHours: UTC_HOURS,
    pagesOutOfHours: false,
    outOfHoursServices: [],
  };
  const incidents = [
    // Tuesday 22:00 on checkout, 90 minutes: Ana's callout.
    {
      id: 'night',
      startedAt: at('2026-06-02T22:00'),
      restoredAt: at('2026-06-02T23:30'),
      services: ['component:default/checkout'],
    },
    // Wednesday 10:00: in working hours, not a callout.
    {
      id: 'day',
      startedAt: at('2026-06-03T10:00'),
      restoredAt: at('2026-06-03T12:00'),
      services: ['component:default/checkout'],
    },
    // Saturday 03:00, not restored yet: Ben's callout, no hours yet.
    {
      id: 'open',
      startedAt: at('2026-06-13T03:00'),
      restoredAt: null,
      services: ['component:default/checkout'],
    },
    // Out of hours on a service no rota here covers out of hours.
    {
      id: 'elsewhere',
      startedAt: at('2026-06-02T23:00'),
      restoredAt: at('2026-06-03T01:00'),
      services: ['component:default/reports-ui'],
    },
    // Out of hours on the domain's service: Eve's, two hours.
    {
      id: 'domain',
      startedAt: at('2026-06-06T04:00'),
      restoredAt: at('2026-06-06T06:00'),
      services: ['component:default/basket'],
    },
    // Before the window.
    {
      id: 'earlier',
      startedAt: at('2026-05-31T23:00'),
      restoredAt: at('2026-06-01T01:00'),
      services: ['component:default/checkout'],
    },
  ];
  const report = (model: 'standby-and-callout' | 'standby-only') =>
    onCallLoad({
      window,
      rotas: [team, domain, daytime],
      incidents,
      onCall: {
        remuneration: { model, standbyPerWeek: 350, calloutPerHour: 60 },
      },
      currency: 'GBP',
      holidays: [],
      flagAbove: 0.25,
    });
  const row = (
    model: 'standby-and-callout' | 'standby-only',
    rota: string,
    person: string,
  ) =>
    report(model)
      .rotas.find(r => r.rotaRef === rota)!
      .people.find(p => p.person === `user:default/${person}`)!;

  it.each([
    // person, in hours, out of hours, callouts, callout hours, standby, callout pay, from average, flagged
    ['ana', 40, 128, 1, 1.5, 350, 90, 0.5, true],
    ['ben', 40, 119, 1, 0, 331.25, 0, 0.42, true],
    ['cai', 0, 9, 0, 0, 18.75, 0, -0.92, false],
  ] as const)(
    'works out %s on the team rota',
    (
      person,
      inHours,
      outOfHours,
      callouts,
      calloutHours,
      standby,
      calloutPay,
      fromAverage,
      flagged,
    ) => {
      const p = row('standby-and-callout', 'group:default/payments', person);
      expect(p).toEqual({
        person: `user:default/${person}`,
        hoursInHours: inHours,
        hoursOutOfHours: outOfHours,
        callouts,
        calloutHours,
        standbyPay: standby,
        calloutPay,
        totalPay: standby + calloutPay,
        fromAverage: expect.closeTo(fromAverage, 2),
        flagged,
      });
    },
  );

  it('averages the team rota over its participants and counts the opted-out without naming them', () => {
    const payments = report('standby-and-callout').rotas.find(
      r => r.rotaRef === 'group:default/payments',
    )!;
    // 168 + 159 + 9 hours among three people.
    expect(payments.averageHours).toBe(112);
    expect(payments.optedOutCount).toBe(1);
    expect(payments.people.map(p => p.person)).toEqual([
      'user:default/ana',
      'user:default/ben',
      'user:default/cai',
    ]);
  });

  it('counts a domain rota out of hours only, with its callouts', () => {
    const eve = row('standby-and-callout', 'domain:default/shopping', 'eve');
    expect(eve).toMatchObject({
      hoursInHours: 0,
      hoursOutOfHours: 128,
      callouts: 1,
      calloutHours: 2,
      standbyPay: 350,
      calloutPay: 120,
      fromAverage: 0,
      flagged: false,
    });
  });

  it('pays no standby on a rota that pages in working hours only', () => {
    expect(
      row('standby-and-callout', 'group:default/reports', 'gus'),
    ).toMatchObject({
      hoursInHours: 80,
      hoursOutOfHours: 0,
      callouts: 0,
      standbyPay: 0,
      totalPay: 0,
    });
  });

  it('pays no callouts under standby-only', () => {
    expect(row('standby-only', 'group:default/payments', 'ana')).toMatchObject({
      callouts: 1,
      calloutHours: 1.5,
      calloutPay: 0,
      totalPay: 350,
    });
  });

  it('lists a participant with no shift in the window at nothing', () => {
    const quiet = onCallLoad({
      window,
      rotas: [
        { ...team, participants: [...team.participants, 'user:default/dee'] },
      ],
      incidents: [],
      onCall: {
        remuneration: {
          model: 'standby-and-callout',
          standbyPerWeek: 350,
          calloutPerHour: 60,
        },
      },
      currency: 'GBP',
      holidays: [],
      flagAbove: 0.25,
    }).rotas[0];
    expect(quiet.averageHours).toBe(84);
    expect(quiet.people.at(-1)).toMatchObject({
      person: 'user:default/dee',
      hoursInHours: 0,
      hoursOutOfHours: 0,
      fromAverage: -1,
      flagged: false,
    });
  });
});
