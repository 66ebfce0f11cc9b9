import {
  parseHandoff,
  parseRotation,
  parseTimeOfDay,
  parseWeekdays,
  parseWorkingHours,
} from './workingHours';

describe('parseTimeOfDay', () => {
  it.each([
    ['09:00', 540],
    ['9:00', 540],
    ['17:30', 1050],
    ['00:00', 0],
    ['23:59', 1439],
    [' 08:15 ', 495],
    ['25:00', null],
    ['24:00', null],
    ['12:60', null],
    ['noon', null],
    ['0900', null],
    ['', null],
  ])('reads %p as %p', (text, expected) => {
    expect(parseTimeOfDay(text)).toBe(expected);
  });
});

describe('parseWeekdays', () => {
  it.each([
    ['Mon-Fri', [1, 2, 3, 4, 5]],
    ['mon-fri', [1, 2, 3, 4, 5]],
    ['Monday-Friday', [1, 2, 3, 4, 5]],
    ['Sat-Sun', [6, 7]],
    ['Fri-Mon', [1, 5, 6, 7]],
    ['Mon,Wed,Fri', [1, 3, 5]],
    ['Mon-Tue,Thu', [1, 2, 4]],
    ['Tues', [2]],
    ['Mon-Mon', [1]],
    ['Mo-Fr', null],
    ['Mon-Fri-Sat', null],
    ['Funday', null],
    ['', null],
  ])('reads %p as %p', (text, expected) => {
    expect(parseWeekdays(text)).toEqual(expected);
  });
});

describe('parseWorkingHours', () => {
  it.each([
    [
      'Mon-Fri 09:00-17:30',
      {
        days: 'Mon-Fri',
        weekdays: [1, 2, 3, 4, 5],
        start: '09:00',
        end: '17:30',
      },
    ],
    [
      'Sat-Sun 8:00 - 12:00',
      { days: 'Sat-Sun', weekdays: [6, 7], start: '08:00', end: '12:00' },
    ],
    ['Mon-Fri 17:30-09:00', null],
    ['Mon-Fri 09:00-25:00', null],
    ['Mon-Fri', null],
    ['weekdays 09:00-17:30', null],
  ])('reads %p', (text, expected) => {
    expect(parseWorkingHours(text)).toEqual(expected);
  });
});

describe('parseRotation', () => {
  it.each([
    ['1w', { weeks: 1 }],
    ['2W', { weeks: 2 }],
    ['3d', { days: 3 }],
    ['12h', { hours: 12 }],
    ['0w', null],
    ['1m', null],
    ['w', null],
    ['1.5w', null],
  ])('reads %p as %p', (text, expected) => {
    expect(parseRotation(text)).toEqual(expected);
  });
});

describe('parseHandoff', () => {
  it.each([
    ['Mon 09:00', { weekday: 1, time: '09:00', minutesAfterMidnight: 540 }],
    ['fri 17:30', { weekday: 5, time: '17:30', minutesAfterMidnight: 1050 }],
    ['08:00', { weekday: null, time: '08:00', minutesAfterMidnight: 480 }],
    ['Mon 25:00', null],
    ['Someday 09:00', null],
    ['Mon', null],
    ['', null],
    ['Mon 09:00 UTC', null],
  ])('reads %p as %p', (text, expected) => {
    expect(parseHandoff(text)).toEqual(expected);
  });
});
