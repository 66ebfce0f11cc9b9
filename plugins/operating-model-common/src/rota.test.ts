import { DateTime } from 'luxon';
import {
  applyOverrides,
  handoffsBetween,
  interleaveByTeam,
  Override,
  RecordedShift,
  rotaShifts,
  Shift,
  shiftAt,
  shiftsToRecord,
} from './rota';
import { parseHandoff, parseRotation } from './workingHours';
import type { RotaSettings } from './workingTime';

const HOUR = 3600 * 1000;

function settings(
  rotation: string,
  handoff: string,
  timezone = 'Europe/London',
): RotaSettings {
  return {
    rotation: parseRotation(rotation)!,
    handoff: parseHandoff(handoff)!,
    timezone,
  };
}

const weekly = settings('1w', 'Mon 09:00');

const alice = 'user:default/alice';
const bob = 'user:default/bob';
const carol = 'user:default/carol';
const dave = 'user:default/dave';
const erin = 'user:default/erin';
const team = [alice, bob, carol, dave];

function hours(shift: { start: string; end: string }): number {
  return (Date.parse(shift.end) - Date.parse(shift.start)) / HOUR;
}

function local(instant: string | Date, timezone: string): string {
  const date =
    typeof instant === 'string'
      ? DateTime.fromISO(instant, { zone: timezone })
      : DateTime.fromJSDate(instant, { zone: timezone });
  return date.toFormat('ccc HH:mm');
}

// Every shift ends where the next begins, and together they cover [from, to).
function expectContiguous(shifts: Shift[], from: Date, to: Date) {
  expect(shifts.length).toBeGreaterThan(0);
  expect(Date.parse(shifts[0].start)).toBeLessThanOrEqual(from.getTime());
  expect(Date.parse(shifts[shifts.length - 1].end)).toBeGreaterThanOrEqual(
    to.getTime(),
  );
  shifts.forEach((shift, i) => {
    expect(Date.parse(shift.start)).toBeLessThan(Date.parse(shift.end));
    if (i > 0) {
      expect(shift.start).toBe(shifts[i - 1].end);
    }
  });
}

describe('handoffsBetween', () => {
  it.each([
    [
      'London, clocks go forward on Sunday 29 March',
      'Europe/London',
      '2026-03-29T12:00:00Z',
      '2026-03-23T09:00:00.000Z',
      '2026-03-30T08:00:00.000Z',
      167,
    ],
    [
      'London, clocks go back on Sunday 25 October',
      'Europe/London',
      '2026-10-25T12:00:00Z',
      '2026-10-19T08:00:00.000Z',
      '2026-10-26T09:00:00.000Z',
      169,
    ],
    [
      'New York, clocks go forward on Sunday 8 March',
      'America/New_York',
      '2026-03-08T12:00:00Z',
      '2026-03-02T14:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
      167,
    ],
    [
      'New York, clocks go back on Sunday 1 November',
      'America/New_York',
      '2026-11-01T12:00:00Z',
      '2026-10-26T13:00:00.000Z',
      '2026-11-02T14:00:00.000Z',
      169,
    ],
    [
      'London, a week with no change',
      'Europe/London',
      '2026-06-10T12:00:00Z',
      '2026-06-08T08:00:00.000Z',
      '2026-06-15T08:00:00.000Z',
      168,
    ],
  ])(
    '%s: a weekly shift runs Monday 09:00 to Monday 09:00 local',
    (_name, timezone, during, start, end, length) => {
      const rota = settings('1w', 'Mon 09:00', timezone);
      const instant = new Date(during);
      const handoffs = handoffsBetween(
        rota,
        instant,
        new Date(instant.getTime() + 1),
      );
      expect(handoffs.map(h => h.toISOString())).toEqual([start, end]);
      expect(handoffs.map(h => local(h, timezone))).toEqual([
        'Mon 09:00',
        'Mon 09:00',
      ]);
      expect((handoffs[1].getTime() - handoffs[0].getTime()) / HOUR).toBe(
        length,
      );

      const [shift] = rotaShifts({
        participants: team,
        settings: rota,
        history: [],
        from: instant,
        to: new Date(instant.getTime() + 1),
      });
      expect([shift.start, shift.end]).toEqual([start, end]);
      expect(hours(shift)).toBe(length);
    },
  );

  it.each([
    [
      '12h shifts hand over at 09:00 and 21:00 local in summer and winter',
      settings('12h', '09:00'),
      '2026-03-27T00:00:00Z',
      '2026-04-01T00:00:00Z',
      ['21:00', '09:00'],
    ],
    [
      '3d shifts hand over at 08:00 local across the spring change',
      settings('3d', 'Wed 08:00'),
      '2026-03-20T00:00:00Z',
      '2026-04-10T00:00:00Z',
      ['08:00'],
    ],
    [
      'daily shifts hand over at 18:00 local across the autumn change',
      settings('1d', '18:00', 'America/New_York'),
      '2026-10-28T00:00:00Z',
      '2026-11-05T00:00:00Z',
      ['18:00'],
    ],
    [
      'fortnightly shifts keep their day and time',
      settings('2w', 'Thu 10:30'),
      '2026-01-01T00:00:00Z',
      '2026-12-31T00:00:00Z',
      ['10:30'],
    ],
  ])('%s', (_name, rota, from, to, times) => {
    const handoffs = handoffsBetween(rota, new Date(from), new Date(to));
    expect(handoffs.length).toBeGreaterThan(2);
    for (const handoff of handoffs) {
      const time = DateTime.fromJSDate(handoff, {
        zone: rota.timezone,
      }).toFormat('HH:mm');
      expect(times).toContain(time);
    }
  });

  it('steps other hour lengths in elapsed hours', () => {
    const handoffs = handoffsBetween(
      settings('5h', 'Mon 09:00'),
      new Date('2026-03-28T00:00:00Z'),
      new Date('2026-03-31T00:00:00Z'),
    );
    for (let i = 1; i < handoffs.length; i++) {
      expect((handoffs[i].getTime() - handoffs[i - 1].getTime()) / HOUR).toBe(
        5,
      );
    }
  });

  it.each([
    [
      'a window starting on a handoff',
      '2026-06-08T08:00:00Z',
      '2026-06-10T00:00:00Z',
      ['2026-06-08T08:00:00.000Z', '2026-06-15T08:00:00.000Z'],
    ],
    [
      'a window ending on a handoff',
      '2026-06-10T00:00:00Z',
      '2026-06-15T08:00:00Z',
      ['2026-06-08T08:00:00.000Z', '2026-06-15T08:00:00.000Z'],
    ],
    ['an empty window', '2026-06-10T00:00:00Z', '2026-06-10T00:00:00Z', []],
    [
      'a window before the anchor',
      '2023-12-20T00:00:00Z',
      '2023-12-27T00:00:00Z',
      [
        '2023-12-18T09:00:00.000Z',
        '2023-12-25T09:00:00.000Z',
        '2024-01-01T09:00:00.000Z',
      ],
    ],
  ])('%s', (_name, from, to, expected) => {
    expect(
      handoffsBetween(weekly, new Date(from), new Date(to)).map(h =>
        h.toISOString(),
      ),
    ).toEqual(expected);
  });

  it('gives the same boundaries whatever window is asked for', () => {
    const wide = handoffsBetween(
      weekly,
      new Date('2026-01-01T00:00:00Z'),
      new Date('2026-12-31T00:00:00Z'),
    ).map(h => h.toISOString());
    const narrow = handoffsBetween(
      weekly,
      new Date('2026-05-13T17:00:00Z'),
      new Date('2026-07-02T03:00:00Z'),
    ).map(h => h.toISOString());
    expect(wide).toEqual(expect.arrayContaining(narrow));
  });
});

describe('rotaShifts', () => {
  const yearFrom = new Date('2026-01-01T00:00:00Z');
  const yearTo = new Date('2027-01-01T00:00:00Z');

  it.each([
    ['weekly in London', weekly],
    ['weekly in New York', settings('1w', 'Mon 09:00', 'America/New_York')],
    ['fortnightly', settings('2w', 'Wed 17:00')],
    ['every three days', settings('3d', 'Fri 08:00')],
    ['daily', settings('1d', '08:00', 'America/New_York')],
    ['12 hours', settings('12h', '09:00')],
    ['5 hours', settings('5h', 'Mon 09:00')],
  ])('%s: no gaps or overlaps over a year', (_name, rota) => {
    const shifts = rotaShifts({
      participants: team,
      settings: rota,
      history: [],
      from: yearFrom,
      to: yearTo,
    });
    expectContiguous(shifts, yearFrom, yearTo);
    expect(shifts.every(shift => !shift.override)).toBe(true);
  });

  it.each([
    ['four people', team],
    ['three people', [alice, bob, carol]],
    ['one person', [alice]],
  ])(
    '%s: each person has exactly one shift in every full cycle',
    (_name, participants) => {
      const shifts = rotaShifts({
        participants,
        settings: weekly,
        history: [],
        from: yearFrom,
        to: yearTo,
      });
      for (let i = 0; i + participants.length <= shifts.length; i++) {
        const cycle = shifts.slice(i, i + participants.length);
        expect(cycle.map(shift => shift.person).sort()).toEqual(
          [...participants].sort(),
        );
      }
    },
  );

  it('gives slot k since the anchor to participants[k mod n]', () => {
    const shifts = rotaShifts({
      participants: team,
      settings: weekly,
      history: [],
      from: new Date('2024-01-01T09:00:00Z'),
      to: new Date('2024-02-05T09:00:00Z'),
    });
    expect(shifts.map(shift => shift.person)).toEqual([
      alice,
      bob,
      carol,
      dave,
      alice,
    ]);
  });

  it('returns whole shifts, the same whatever window is asked for', () => {
    const wide = rotaShifts({
      participants: team,
      settings: weekly,
      history: [],
      from: yearFrom,
      to: yearTo,
    });
    const narrow = rotaShifts({
      participants: team,
      settings: weekly,
      history: [],
      from: new Date('2026-05-13T17:00:00Z'),
      to: new Date('2026-05-20T03:00:00Z'),
    });
    expect(narrow).toHaveLength(2);
    expect(narrow[0].start).toBe('2026-05-11T08:00:00.000Z');
    expect(wide).toEqual(expect.arrayContaining(narrow));
  });

  it.each([
    ['no participants', [] as string[], yearTo],
    ['an empty window', team, yearFrom],
  ])('%s → no shifts', (_name, participants, to) => {
    expect(
      rotaShifts({
        participants,
        settings: weekly,
        history: [],
        from: yearFrom,
        to,
      }),
    ).toEqual([]);
  });

  it('keeps to the list it is given, so people who opted out are never on call', () => {
    // The caller leaves out dave, who has `operating-model.io/on-call: opt-out`.
    const participants = [alice, bob, carol];
    const shifts = rotaShifts({
      participants,
      settings: weekly,
      history: [],
      from: yearFrom,
      to: yearTo,
    });
    expect(new Set(shifts.map(shift => shift.person))).toEqual(
      new Set(participants),
    );
  });

  it('marks each shift of a domain rota with the team it draws from', () => {
    const { participants, teamOf } = interleaveByTeam([
      { team: 'group:default/bedroom', members: [alice, bob] },
      { team: 'group:default/kitchen', members: [carol, dave] },
    ]);
    const shifts = rotaShifts({
      participants,
      settings: weekly,
      history: [],
      from: yearFrom,
      to: yearTo,
      teamOf,
    });
    for (const shift of shifts) {
      expect(shift.team).toBe(teamOf[shift.person]);
    }
    shifts.slice(1).forEach((shift, i) => {
      expect(shift.team).not.toBe(shifts[i].team);
    });
  });

  describe('membership changes', () => {
    // Carol's shift runs from Monday 9 March; the backend recorded it and the ones before.
    const now = new Date('2026-03-11T12:00:00Z');
    const from = new Date('2026-01-05T00:00:00Z');
    const to = new Date('2026-05-04T00:00:00Z');
    const before = rotaShifts({
      participants: team,
      settings: weekly,
      history: [],
      from,
      to,
    });
    const history = shiftsToRecord(before, now);
    const started = before.filter(
      shift => Date.parse(shift.start) <= now.getTime(),
    );

    it('starts from the shifts the anchor gives', () => {
      expect(shiftAt(before, now)?.person).toBe(carol);
      expect(history).toHaveLength(started.length);
    });

    it.each([
      ['nobody changes', team, [dave, alice, bob, carol, dave]],
      [
        'carol, on call now, leaves',
        [alice, bob, dave],
        [dave, alice, bob, dave, alice],
      ],
      [
        'dave, next in line, leaves',
        [alice, bob, carol],
        [alice, bob, carol, alice, bob],
      ],
      [
        'bob, already done, leaves',
        [alice, carol, dave],
        [dave, alice, carol, dave, alice],
      ],
      ['erin joins', [...team, erin], [dave, erin, alice, bob, carol]],
      [
        'erin joins near the top',
        [alice, erin, bob, carol, dave],
        [dave, alice, erin, bob, carol],
      ],
      [
        'everyone recorded leaves',
        ['user:default/xavier', 'user:default/yvonne'],
        [
          'user:default/xavier',
          'user:default/yvonne',
          'user:default/xavier',
          'user:default/yvonne',
          'user:default/xavier',
        ],
      ],
    ])(
      '%s: started shifts stay, later ones follow the new list',
      (_name, participants, upcoming) => {
        const after = rotaShifts({
          participants,
          settings: weekly,
          history,
          from,
          to,
        });
        expectContiguous(after, from, to);
        expect(after.slice(0, started.length)).toEqual(started);
        expect(shiftAt(after, now)).toEqual(shiftAt(before, now));
        expect(
          after
            .slice(started.length, started.length + upcoming.length)
            .map(shift => shift.person),
        ).toEqual(upcoming);
      },
    );

    it('keeps recorded shifts when the rotation length changes, bridging to the new grid', () => {
      const after = rotaShifts({
        participants: team,
        settings: settings('3d', 'Mon 09:00'),
        history,
        from,
        to,
      });
      expectContiguous(after, from, to);
      expect(after.slice(0, started.length)).toEqual(started);
      expect(after[started.length].start).toBe(started[started.length - 1].end);
      expect(after[started.length].person).toBe(dave);
    });

    it('fills a gap in the recorded history from the anchor', () => {
      const patchy = history.filter(
        shift => shift.start !== '2026-02-16T09:00:00.000Z',
      );
      const after = rotaShifts({
        participants: team,
        settings: weekly,
        history: patchy,
        from,
        to,
      });
      expectContiguous(after, from, to);
      expect(after).toEqual(before);
    });

    it('answers a window inside the recorded past from history alone', () => {
      const recorded: RecordedShift[] = [
        {
          person: erin,
          start: '2026-02-02T09:00:00.000Z',
          end: '2026-02-09T09:00:00.000Z',
        },
      ];
      const shifts = rotaShifts({
        participants: team,
        settings: weekly,
        history: recorded,
        from: new Date('2026-02-04T00:00:00Z'),
        to: new Date('2026-02-05T00:00:00Z'),
      });
      expect(shifts).toEqual([{ ...recorded[0], override: false }]);
    });
  });
});

describe('shiftsToRecord', () => {
  const shifts: Shift[] = [
    {
      person: alice,
      start: '2026-03-02T09:00:00.000Z',
      end: '2026-03-09T09:00:00.000Z',
      override: false,
    },
    {
      person: erin,
      start: '2026-03-09T09:00:00.000Z',
      end: '2026-03-10T09:00:00.000Z',
      override: true,
    },
    {
      person: bob,
      start: '2026-03-10T09:00:00.000Z',
      end: '2026-03-16T09:00:00.000Z',
      override: false,
      team: 'group:default/kitchen',
    },
    {
      person: carol,
      start: '2026-03-16T09:00:00.000Z',
      end: '2026-03-23T09:00:00.000Z',
      override: false,
    },
  ];

  it.each([
    ['before anything starts', '2026-03-01T00:00:00Z', []],
    ['the instant a shift starts', '2026-03-02T09:00:00Z', [alice]],
    ['skipping overrides', '2026-03-12T00:00:00Z', [alice, bob]],
    ['after everything started', '2026-04-01T00:00:00Z', [alice, bob, carol]],
  ])('%s', (_name, now, people) => {
    const recorded = shiftsToRecord(shifts, new Date(now));
    expect(recorded.map(shift => shift.person)).toEqual(people);
    for (const shift of recorded) {
      expect(shift).not.toHaveProperty('override');
    }
  });

  it('keeps the team of a domain shift', () => {
    expect(shiftsToRecord(shifts, new Date('2026-04-01T00:00:00Z'))[1]).toEqual(
      {
        person: bob,
        start: '2026-03-10T09:00:00.000Z',
        end: '2026-03-16T09:00:00.000Z',
        team: 'group:default/kitchen',
      },
    );
  });
});

describe('interleaveByTeam', () => {
  const members = (name: string, count: number) =>
    Array.from({ length: count }, (_, i) => `user:default/${name}-${i + 1}`);

  function sameTeamNeighbours(
    participants: string[],
    teamOf: Record<string, string>,
  ): { inOrder: number; aroundTheCycle: number } {
    let inOrder = 0;
    for (let i = 1; i < participants.length; i++) {
      if (teamOf[participants[i]] === teamOf[participants[i - 1]]) {
        inOrder++;
      }
    }
    const wraps =
      participants.length > 1 &&
      teamOf[participants[0]] === teamOf[participants[participants.length - 1]];
    return { inOrder, aroundTheCycle: inOrder + (wraps ? 1 : 0) };
  }

  it.each([
    ['three teams of 4, 2 and 1', [4, 2, 1], 0, 1],
    ['two teams of 3', [3, 3], 0, 0],
    ['three teams of 2', [2, 2, 2], 0, 0],
    ['teams of 3, 3 and 1', [3, 3, 1], 0, 0],
    ['one team of 3', [3], 2, 3],
    ['a team of 5 and a team of 1', [5, 1], 3, 4],
  ])(
    '%s: consecutive shifts change team wherever the numbers allow',
    (_name, sizes, inOrder, aroundTheCycle) => {
      const teams = sizes.map((size, i) => ({
        team: `group:default/team-${'abc'[i]}`,
        members: members(`team-${'abc'[i]}`, size),
      }));
      const { participants, teamOf } = interleaveByTeam(teams);
      const total = sizes.reduce((sum, size) => sum + size, 0);
      expect(participants).toHaveLength(total);
      expect(new Set(participants).size).toBe(total);
      expect(sameTeamNeighbours(participants, teamOf)).toEqual({
        inOrder,
        aroundTheCycle,
      });
    },
  );

  it('takes the teams in turn when they are the same size', () => {
    expect(
      interleaveByTeam([
        { team: 'group:default/kitchen', members: [dave, carol] },
        { team: 'group:default/bedroom', members: [bob, alice] },
      ]).participants,
    ).toEqual([alice, carol, bob, dave]);
  });

  it('orders 4, 2 and 1 members so no team follows itself', () => {
    const { participants, teamOf } = interleaveByTeam([
      { team: 'group:default/c', members: ['user:default/c1'] },
      {
        team: 'group:default/b',
        members: ['user:default/b2', 'user:default/b1'],
      },
      {
        team: 'group:default/a',
        members: [
          'user:default/a1',
          'user:default/a2',
          'user:default/a3',
          'user:default/a4',
        ],
      },
    ]);
    expect(participants).toEqual([
      'user:default/a1',
      'user:default/b1',
      'user:default/a2',
      'user:default/b2',
      'user:default/a3',
      'user:default/c1',
      'user:default/a4',
    ]);
    expect(teamOf['user:default/c1']).toBe('group:default/c');
  });

  it('draws a person in two teams once, from the first team by ref', () => {
    const { participants, teamOf } = interleaveByTeam([
      { team: 'group:default/kitchen', members: [carol, alice] },
      { team: 'group:default/bedroom', members: [alice, bob] },
    ]);
    expect(participants).toEqual([alice, carol, bob]);
    expect(teamOf).toEqual({
      [alice]: 'group:default/bedroom',
      [bob]: 'group:default/bedroom',
      [carol]: 'group:default/kitchen',
    });
  });

  it.each([
    ['no teams', []],
    ['teams without members', [{ team: 'group:default/empty', members: [] }]],
  ])('%s → nobody', (_name, teams) => {
    expect(interleaveByTeam(teams)).toEqual({ participants: [], teamOf: {} });
  });
});

describe('applyOverrides', () => {
  const rota: Shift[] = [
    {
      person: alice,
      start: '2026-03-02T09:00:00.000Z',
      end: '2026-03-09T09:00:00.000Z',
      override: false,
    },
    {
      person: bob,
      start: '2026-03-09T09:00:00.000Z',
      end: '2026-03-16T09:00:00.000Z',
      override: false,
    },
    {
      person: carol,
      start: '2026-03-16T09:00:00.000Z',
      end: '2026-03-23T09:00:00.000Z',
      override: false,
    },
  ];
  const override = (
    id: string,
    person: string,
    start: string,
    end: string,
    createdAt = '2026-03-01T00:00:00Z',
  ): Override => ({
    id,
    person,
    start,
    end,
    covers: null,
    createdBy: person,
    createdAt,
  });
  const row = (shift: Shift) =>
    `${shift.person.replace('user:default/', '')} ${shift.start.slice(
      5,
      13,
    )}→${shift.end.slice(5, 13)}${shift.override ? ' override' : ''}`;

  it.each([
    [
      'no overrides',
      [],
      [
        'alice 03-02T09→03-09T09',
        'bob 03-09T09→03-16T09',
        'carol 03-16T09→03-23T09',
      ],
    ],
    [
      'one night inside one shift',
      [override('1', erin, '2026-03-10T18:00:00Z', '2026-03-11T08:00:00Z')],
      [
        'alice 03-02T09→03-09T09',
        'bob 03-09T09→03-10T18',
        'erin 03-10T18→03-11T08 override',
        'bob 03-11T08→03-16T09',
        'carol 03-16T09→03-23T09',
      ],
    ],
    [
      'a weekend spanning two shifts',
      [override('1', dave, '2026-03-14T00:00:00Z', '2026-03-17T00:00:00Z')],
      [
        'alice 03-02T09→03-09T09',
        'bob 03-09T09→03-14T00',
        'dave 03-14T00→03-17T00 override',
        'carol 03-17T00→03-23T09',
      ],
    ],
    [
      'exactly one whole shift',
      [override('1', dave, '2026-03-09T09:00:00Z', '2026-03-16T09:00:00Z')],
      [
        'alice 03-02T09→03-09T09',
        'dave 03-09T09→03-16T09 override',
        'carol 03-16T09→03-23T09',
      ],
    ],
    [
      'overlapping overrides: the later one wins',
      [
        override(
          '2',
          erin,
          '2026-03-12T00:00:00Z',
          '2026-03-14T00:00:00Z',
          '2026-03-05T00:00:00Z',
        ),
        override(
          '1',
          dave,
          '2026-03-11T00:00:00Z',
          '2026-03-13T00:00:00Z',
          '2026-03-01T00:00:00Z',
        ),
      ],
      [
        'alice 03-02T09→03-09T09',
        'bob 03-09T09→03-11T00',
        'dave 03-11T00→03-12T00 override',
        'erin 03-12T00→03-14T00 override',
        'bob 03-14T00→03-16T09',
        'carol 03-16T09→03-23T09',
      ],
    ],
    [
      'a later override inside an earlier one',
      [
        override(
          '1',
          dave,
          '2026-03-10T00:00:00Z',
          '2026-03-15T00:00:00Z',
          '2026-03-01T00:00:00Z',
        ),
        override(
          '2',
          erin,
          '2026-03-12T00:00:00Z',
          '2026-03-13T00:00:00Z',
          '2026-03-02T00:00:00Z',
        ),
      ],
      [
        'alice 03-02T09→03-09T09',
        'bob 03-09T09→03-10T00',
        'dave 03-10T00→03-12T00 override',
        'erin 03-12T00→03-13T00 override',
        'dave 03-13T00→03-15T00 override',
        'bob 03-15T00→03-16T09',
        'carol 03-16T09→03-23T09',
      ],
    ],
    [
      'running past the shifts given: laid over what they cover',
      [override('1', erin, '2026-03-20T00:00:00Z', '2026-04-01T00:00:00Z')],
      [
        'alice 03-02T09→03-09T09',
        'bob 03-09T09→03-16T09',
        'carol 03-16T09→03-20T00',
        'erin 03-20T00→03-23T09 override',
      ],
    ],
    [
      'outside the shifts, or with its end before its start: ignored',
      [
        override('1', erin, '2026-04-01T00:00:00Z', '2026-04-02T00:00:00Z'),
        override('2', erin, '2026-03-12T00:00:00Z', '2026-03-11T00:00:00Z'),
      ],
      [
        'alice 03-02T09→03-09T09',
        'bob 03-09T09→03-16T09',
        'carol 03-16T09→03-23T09',
      ],
    ],
  ])('%s', (_name, overrides, expected) => {
    const result = applyOverrides(rota, overrides);
    expect(result.map(row)).toEqual(expected);
    expectContiguous(
      result,
      new Date(rota[0].start),
      new Date(rota[rota.length - 1].end),
    );
  });

  it('leaves no gaps or overlaps over a year of shifts and overrides', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2027-01-01T00:00:00Z');
    const shifts = rotaShifts({
      participants: team,
      settings: weekly,
      history: [],
      from,
      to,
    });
    // Spans of two to six days every five days, so every fifth one overlaps the next.
    const overrides = Array.from({ length: 40 }, (_, i) =>
      override(
        String(i),
        i % 2 ? erin : dave,
        new Date(from.getTime() + i * 5 * 24 * HOUR).toISOString(),
        new Date(
          from.getTime() + (i * 5 + 2 + (i % 5)) * 24 * HOUR,
        ).toISOString(),
        new Date(from.getTime() + (40 - i) * HOUR).toISOString(),
      ),
    );
    const result = applyOverrides(shifts, overrides);
    expect(
      result.filter(shift => shift.override).length,
    ).toBeGreaterThanOrEqual(40);
    expectContiguous(result, from, to);
  });
});

describe('shiftAt', () => {
  const shifts: Shift[] = [
    {
      person: alice,
      start: '2026-03-02T09:00:00.000Z',
      end: '2026-03-09T09:00:00.000Z',
      override: false,
    },
    {
      person: bob,
      start: '2026-03-09T09:00:00.000Z',
      end: '2026-03-16T09:00:00.000Z',
      override: false,
    },
  ];

  it.each([
    ['before the first shift', '2026-03-02T08:59:59Z', null],
    ['at a shift start', '2026-03-02T09:00:00Z', alice],
    ['at the handoff, the next shift', '2026-03-09T09:00:00Z', bob],
    ['inside a shift', '2026-03-12T03:00:00Z', bob],
    ['at the last end', '2026-03-16T09:00:00Z', null],
  ])('%s', (_name, instant, person) => {
    expect(shiftAt(shifts, new Date(instant))?.person ?? null).toBe(person);
  });
});
