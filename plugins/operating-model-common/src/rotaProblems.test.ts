import { applyOverrides, rotaShifts, Shift } from './rota';
import { fairShareHours, rotaProblems } from './rotaProblems';
import { parseHandoff, parseRotation } from './workingHours';

const weekly = {
  rotation: parseRotation('1w')!,
  handoff: parseHandoff('Mon 09:00')!,
  timezone: 'Europe/London',
};
const people = (count: number) =>
  Array.from({ length: count }, (_, i) => `user:default/person-${i + 1}`);

// A quarter: 13 weekly shifts from Monday 5 January 2026.
const from = new Date('2026-01-05T09:00:00Z');
const to = new Date('2026-04-06T08:00:00Z');
const quarter = (participants: string[]) =>
  rotaShifts({ participants, settings: weekly, history: [], from, to });

describe('fairShareHours', () => {
  it.each([
    ['no shifts', [], {}],
    [
      'hours per person, overrides included',
      [
        {
          person: 'user:default/a',
          start: '2026-03-02T09:00:00Z',
          end: '2026-03-09T09:00:00Z',
          override: false,
        },
        {
          person: 'user:default/b',
          start: '2026-03-09T09:00:00Z',
          end: '2026-03-10T09:00:00Z',
          override: true,
        },
        {
          person: 'user:default/a',
          start: '2026-03-10T09:00:00Z',
          end: '2026-03-10T21:00:00Z',
          override: false,
        },
      ],
      { 'user:default/a': 180, 'user:default/b': 24 },
    ],
  ])('%s', (_name, shifts, expected) => {
    expect(fairShareHours(shifts as Shift[])).toEqual(expected);
  });

  it('shares a quarter evenly, give or take one shift', () => {
    const hours = Object.values(fairShareHours(quarter(people(4))));
    // The week the clocks go forward (29 March) is 167 hours long.
    expect(hours.sort((a, b) => a - b)).toEqual([503, 504, 504, 672]);
  });
});

describe('rotaProblems', () => {
  const four = people(4);
  const [first, second] = four;
  const takeOver = (shifts: Shift[], covered: string, by: string) =>
    applyOverrides(
      shifts,
      shifts
        .filter(shift => shift.person === covered)
        .map((shift, i) => ({
          id: String(i),
          person: by,
          start: shift.start,
          end: shift.end,
          covers: covered,
          createdBy: by,
          createdAt: '2026-01-01T00:00:00Z',
        })),
    );

  it.each([
    ['three people, minimum three', people(3), 3, quarter(people(3)), []],
    ['four people, minimum three', four, 3, quarter(four), []],
    [
      'two people, minimum three',
      people(2),
      3,
      quarter(people(2)),
      ['limited-on-call-schedule'],
    ],
    ['nobody on the rota', [], 3, [], ['limited-on-call-schedule']],
    [
      'a name listed twice counts once',
      [first, first, second],
      3,
      [],
      ['limited-on-call-schedule'],
    ],
    [
      'one person covers another every week',
      four,
      3,
      takeOver(quarter(four), second, first),
      ['unfair-share'],
    ],
    // Thirteen weeks among twenty people: a single week is above 1.5 × the mean, but only one shift.
    [
      'twenty people, one week each at most',
      people(20),
      3,
      quarter(people(20)),
      [],
    ],
    [
      'a short and limited rota',
      people(2),
      3,
      takeOver(quarter(people(2)), people(2)[1], people(2)[0]),
      ['limited-on-call-schedule', 'unfair-share'],
    ],
  ])('%s', (_name, participants, minimumParticipants, shifts, codes) => {
    expect(
      rotaProblems({ participants, minimumParticipants, shifts }).map(
        problem => problem.code,
      ),
    ).toEqual(codes);
  });

  it('says how many people there are and the minimum', () => {
    const [problem] = rotaProblems({
      participants: people(2),
      minimumParticipants: 3,
      shifts: [],
    });
    expect(problem.message).toMatch(/^2 people are on this rota/);
    expect(problem.message).toContain('at least 3');
  });

  it('names the person carrying more than their share', () => {
    const problems = rotaProblems({
      participants: four,
      minimumParticipants: 3,
      shifts: takeOver(quarter(four), second, first),
    });
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain(first);
    // 7 of the quarter's 13 weeks (one of them 167 hours), against 2183 hours ÷ 4.
    expect(problems[0].message).toContain('1175 hours');
    expect(problems[0].message).toContain('545.8 hours');
  });
});
