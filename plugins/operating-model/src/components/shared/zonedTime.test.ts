import { instantOfLocalTime } from './zonedTime';

describe('instantOfLocalTime', () => {
  it.each([
    ['2026-11-10T18:00', 'America/New_York', '2026-11-10T23:00:00.000Z'],
    ['2026-07-01T09:00', 'Europe/London', '2026-07-01T08:00:00.000Z'],
    ['2026-07-01T09:00:30', 'UTC', '2026-07-01T09:00:30.000Z'],
    // 01:30 does not happen in London on the night clocks go forward: the instant after the gap.
    ['2026-03-29T01:30', 'Europe/London', '2026-03-29T01:30:00.000Z'],
    // 01:30 happens twice when they go back: the second, in winter time.
    ['2026-10-25T01:30', 'Europe/London', '2026-10-25T01:30:00.000Z'],
  ])('%s in %s is %s', (text, zone, expected) => {
    expect(instantOfLocalTime(text, zone)?.toISOString()).toBe(expected);
  });

  it.each(['', '2026-11-10', 'tomorrow at six', '2026-11-10T18:00Z'])(
    'reads %p as no time',
    text => {
      expect(instantOfLocalTime(text, 'Europe/London')).toBeUndefined();
    },
  );
});
