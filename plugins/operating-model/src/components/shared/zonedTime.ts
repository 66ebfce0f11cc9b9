/** A day on the calendar, independent of any time zone; `month` runs from 1 to 12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const DAY = 24 * 60 * 60 * 1000;

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: Date, timeZone: string) {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClockFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find(p => p.type === type)?.value ?? 0);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour') % 24,
    minute: part('minute'),
    second: part('second'),
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(new Date(instant), timeZone);
  const wallAsUtc = Date.UTC(
    w.year,
    w.month - 1,
    w.day,
    w.hour,
    w.minute,
    w.second,
  );
  return wallAsUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The calendar date an instant falls on in a time zone. */
export function dateIn(instant: Date, timeZone: string): CalendarDate {
  const { year, month, day } = wallClock(instant, timeZone);
  return { year, month, day };
}

/** The instant a calendar date starts in a time zone (its local midnight). */
export function startOfDayIn(date: CalendarDate, timeZone: string): Date {
  const midnightUtc = Date.UTC(date.year, date.month - 1, date.day);
  // The offset at the guess can differ from the offset at local midnight when a DST change
  // falls in between, so it is read again at the first answer.
  const first = midnightUtc - offsetAt(midnightUtc, timeZone);
  return new Date(midnightUtc - offsetAt(first, timeZone));
}

/**
 * The instant a `datetime-local` value (`2026-11-10T18:00`) names in a time zone, or undefined
 * when it does not read as one. A wall time a DST change skips reads as the instant after the gap,
 * and one it repeats as its second occurrence.
 */
export function instantOfLocalTime(
  text: string,
  timeZone: string,
): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(
    text,
  );
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match
    .slice(1)
    .map(part => Number(part ?? 0));
  const wallUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (Number.isNaN(wallUtc)) return undefined;
  const first = wallUtc - offsetAt(wallUtc, timeZone);
  return new Date(wallUtc - offsetAt(first, timeZone));
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(
    Date.UTC(date.year, date.month - 1, date.day) + days * DAY,
  );
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
  };
}

/** The Monday on or before a date: rota weeks start on Mondays. */
export function mondayOf(date: CalendarDate): CalendarDate {
  const weekday = new Date(
    Date.UTC(date.year, date.month - 1, date.day),
  ).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

export function sameDate(a: CalendarDate, b: CalendarDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** `2026-11-02`, for keys. */
export function isoDate(date: CalendarDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** The browser's own time zone, where the rota's is not known yet. */
export function browserTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
