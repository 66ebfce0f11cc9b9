import { readOperatingModelConfigFromObject } from './config';
import {
  isWorkingTime,
  nextWorkingTimeStart,
  teamRotaSettings,
  teamWorkingHours,
} from './workingTime';

const config = readOperatingModelConfigFromObject({
  holidays: ['2026-12-25', '2026-12-28'],
});
const london = config.workingHours;
const newYork = { ...london, timezone: 'America/New_York' };
const auckland = { ...london, timezone: 'Pacific/Auckland' };

describe('isWorkingTime', () => {
  it.each([
    ['Monday morning in London', '2026-03-02T09:00:00Z', london, [], true],
    ['a minute before the start', '2026-03-02T08:59:00Z', london, [], false],
    ['the last minute of the day', '2026-03-02T17:29:59Z', london, [], true],
    ['the end is out of hours', '2026-03-02T17:30:00Z', london, [], false],
    ['09:00 BST is 08:00 UTC', '2026-07-06T08:00:00Z', london, [], true],
    ['17:30 BST is 16:30 UTC', '2026-07-06T16:30:00Z', london, [], false],
    ['Saturday', '2026-03-07T12:00:00Z', london, [], false],
    ['Sunday', '2026-03-08T12:00:00Z', london, [], false],
    [
      'noon on a holiday',
      '2026-12-25T12:00:00Z',
      london,
      config.holidays,
      false,
    ],
    [
      'a holiday is read in the working-hours zone',
      // 10:00 on Christmas Day in Auckland is still the 24th in UTC.
      '2026-12-24T21:00:00Z',
      auckland,
      ['2026-12-25'],
      false,
    ],
    [
      'the UTC date is not the holiday',
      '2026-12-24T21:00:00Z',
      auckland,
      ['2026-12-24'],
      true,
    ],
    [
      'the day after a holiday',
      '2026-12-29T12:00:00Z',
      london,
      config.holidays,
      true,
    ],
    ['New York morning', '2026-03-02T14:00:00Z', newYork, [], true],
    [
      'London morning is New York night',
      '2026-03-02T09:00:00Z',
      newYork,
      [],
      false,
    ],
  ])('%s', (_name, at, hours, holidays, expected) => {
    expect(isWorkingTime(new Date(at), hours, holidays)).toBe(expected);
  });
});

describe('nextWorkingTimeStart', () => {
  it.each([
    [
      'Friday evening → Monday 09:00',
      '2026-11-27T18:00:00Z',
      london,
      [],
      '2026-11-30T09:00:00.000Z',
    ],
    [
      'Friday evening over a holiday Monday → Tuesday 09:00',
      '2026-08-28T18:00:00+01:00',
      london,
      ['2026-08-31'],
      '2026-09-01T08:00:00.000Z',
    ],
    [
      'Christmas Eve evening over Christmas and the Boxing Day holiday → Tuesday',
      '2026-12-24T18:00:00Z',
      london,
      config.holidays,
      '2026-12-29T09:00:00.000Z',
    ],
    [
      'early morning → the same day',
      '2026-03-03T06:00:00Z',
      london,
      [],
      '2026-03-03T09:00:00.000Z',
    ],
    [
      'in working time → the next day',
      '2026-03-03T10:00:00Z',
      london,
      [],
      '2026-03-04T09:00:00.000Z',
    ],
    [
      'exactly at the start → the next day',
      '2026-03-03T09:00:00Z',
      london,
      [],
      '2026-03-04T09:00:00.000Z',
    ],
    [
      'Saturday → Monday',
      '2026-03-07T12:00:00Z',
      london,
      [],
      '2026-03-09T09:00:00.000Z',
    ],
    [
      'Friday before the clocks go forward → Monday 09:00 BST',
      '2026-03-27T18:00:00Z',
      london,
      [],
      '2026-03-30T08:00:00.000Z',
    ],
    [
      'New York Friday evening → Monday 09:00 EST',
      '2026-11-27T23:00:00Z',
      newYork,
      [],
      '2026-11-30T14:00:00.000Z',
    ],
    [
      'weekend working hours',
      '2026-03-02T12:00:00Z',
      { ...london, days: 'Sat-Sun', weekdays: [6, 7] },
      [],
      '2026-03-07T09:00:00.000Z',
    ],
  ])('%s', (_name, at, hours, holidays, expected) => {
    expect(
      nextWorkingTimeStart(new Date(at), hours, holidays).toISOString(),
    ).toBe(expected);
  });

  it('stops searching when no working day can be found', () => {
    expect(() =>
      nextWorkingTimeStart(
        new Date('2026-03-02T12:00:00Z'),
        { ...london, weekdays: [] },
        [],
      ),
    ).toThrow(/No working hours/);
  });
});

describe('teamWorkingHours', () => {
  it.each([
    [
      'no annotations → config',
      {},
      {
        timezone: 'Europe/London',
        days: 'Mon-Fri',
        weekdays: [1, 2, 3, 4, 5],
        start: '09:00',
        end: '17:30',
      },
      [],
    ],
    [
      "the team's own zone and hours",
      {
        'operating-model.io/timezone': 'America/New_York',
        'operating-model.io/working-hours': 'Mon-Thu 08:00-16:00',
      },
      {
        timezone: 'America/New_York',
        days: 'Mon-Thu',
        weekdays: [1, 2, 3, 4],
        start: '08:00',
        end: '16:00',
      },
      [],
    ],
    [
      'an unknown zone falls back and is a problem',
      { 'operating-model.io/timezone': 'Mars/Olympus' },
      {
        timezone: 'Europe/London',
        days: 'Mon-Fri',
        weekdays: [1, 2, 3, 4, 5],
        start: '09:00',
        end: '17:30',
      },
      [['operating-model.io/timezone', 'Mars/Olympus']],
    ],
    [
      'unreadable hours fall back and are a problem; the zone still applies',
      {
        'operating-model.io/timezone': 'Asia/Tokyo',
        'operating-model.io/working-hours': 'weekdays 9-5',
      },
      {
        timezone: 'Asia/Tokyo',
        days: 'Mon-Fri',
        weekdays: [1, 2, 3, 4, 5],
        start: '09:00',
        end: '17:30',
      },
      [['operating-model.io/working-hours', 'weekdays 9-5']],
    ],
  ])('%s', (_name, annotations, hours, problems) => {
    const result = teamWorkingHours(annotations, config);
    expect(result.hours).toEqual(hours);
    expect(result.problems.map(p => [p.annotation, p.value])).toEqual(problems);
    for (const problem of result.problems) {
      expect(problem.message).toContain(problem.value);
    }
  });
});

describe('teamRotaSettings', () => {
  it.each([
    [
      'no annotations → config',
      {},
      { weeks: 1 },
      { weekday: 1, time: '09:00', minutesAfterMidnight: 540 },
      'Europe/London',
      [],
    ],
    [
      "the team's own rotation, handoff and zone",
      {
        'operating-model.io/rotation': '12h',
        'operating-model.io/handoff': '08:00',
        'operating-model.io/timezone': 'America/New_York',
      },
      { hours: 12 },
      { weekday: null, time: '08:00', minutesAfterMidnight: 480 },
      'America/New_York',
      [],
    ],
    [
      'unreadable values fall back, each a problem',
      {
        'operating-model.io/rotation': 'fortnightly',
        'operating-model.io/handoff': 'Someday 09:00',
        'operating-model.io/timezone': 'London',
      },
      { weeks: 1 },
      { weekday: 1, time: '09:00', minutesAfterMidnight: 540 },
      'Europe/London',
      [
        ['operating-model.io/timezone', 'London'],
        ['operating-model.io/rotation', 'fortnightly'],
        ['operating-model.io/handoff', 'Someday 09:00'],
      ],
    ],
  ])('%s', (_name, annotations, rotation, handoff, timezone, problems) => {
    const result = teamRotaSettings(annotations, config);
    expect(result.rotation).toEqual(rotation);
    expect(result.handoff).toEqual(handoff);
    expect(result.timezone).toBe(timezone);
    expect(result.problems.map(p => [p.annotation, p.value])).toEqual(problems);
  });

  it('never throws on values that are not text', () => {
    const annotations = {
      'operating-model.io/rotation': 2,
    } as unknown as Record<string, string>;
    expect(teamRotaSettings(annotations, config).problems).toHaveLength(1);
  });
});
