/**
 * Day names as written in config and annotations, Monday first.
 *
 * @public
 */
export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * Working hours with the days as luxon weekday numbers (1 is Monday, 7 is Sunday).
 *
 * @public
 */
export interface WorkingHoursSpan {
  /** As written, for example `Mon-Fri`. */
  days: string;
  weekdays: number[];
  /** `HH:mm` in the local time of the team. */
  start: string;
  end: string;
}

/**
 * The length of one on-call shift, in a shape luxon's `DateTime.plus` accepts.
 *
 * @public
 */
export type RotationLength =
  | { weeks: number }
  | { days: number }
  | { hours: number };

/**
 * When one shift hands over to the next; a null weekday means every day.
 *
 * @public
 */
export interface Handoff {
  weekday: number | null;
  time: string;
  minutesAfterMidnight: number;
}

const TIME_OF_DAY = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/**
 * Reads `HH:mm` (24-hour clock) as minutes after midnight, or null.
 *
 * @public
 */
export function parseTimeOfDay(text: string): number | null {
  const match = TIME_OF_DAY.exec(text.trim());
  if (!match) {
    return null;
  }
  return Number(match[1]) * 60 + Number(match[2]);
}

function normaliseTime(text: string): string | null {
  const minutes = parseTimeOfDay(text);
  if (minutes === null) {
    return null;
  }
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${hh}:${mm}`;
}

const FULL_DAY_NAMES = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

// Accepts `Mon`, `mon`, `Tues` or `Monday`; three letters are enough to tell days apart.
function weekdayNumber(name: string): number | null {
  const word = name.trim().toLowerCase();
  if (word.length < 3) {
    return null;
  }
  const index = FULL_DAY_NAMES.findIndex(full => full.startsWith(word));
  return index >= 0 ? index + 1 : null;
}

/**
 * Reads days such as `Mon-Fri`, `Sat-Sun`, `Mon,Wed,Fri` or `Fri-Mon` (a range
 * may wrap past Sunday) as sorted luxon weekday numbers, or null.
 *
 * @public
 */
export function parseWeekdays(text: string): number[] | null {
  const days = new Set<number>();
  const parts = text.split(',');
  for (const part of parts) {
    const ends = part.split('-');
    if (ends.length > 2) {
      return null;
    }
    const first = weekdayNumber(ends[0]);
    const last = ends.length === 2 ? weekdayNumber(ends[1]) : first;
    if (first === null || last === null) {
      return null;
    }
    let day = first;
    days.add(day);
    while (day !== last) {
      day = (day % 7) + 1;
      days.add(day);
    }
  }
  return [...days].sort((a, b) => a - b);
}

/**
 * Reads working hours such as `Mon-Fri 09:00-17:30`, or null; the end must be after the start.
 *
 * @public
 */
export function parseWorkingHours(text: string): WorkingHoursSpan | null {
  const match = /^(\S+)\s+(\S+)\s*-\s*(\S+)$/.exec(text.trim());
  if (!match) {
    return null;
  }
  const weekdays = parseWeekdays(match[1]);
  const start = normaliseTime(match[2]);
  const end = normaliseTime(match[3]);
  if (!weekdays || !start || !end || end <= start) {
    return null;
  }
  return { days: match[1], weekdays, start, end };
}

/**
 * Reads a shift length such as `1w`, `3d` or `12h`, or null.
 *
 * @public
 */
export function parseRotation(text: string): RotationLength | null {
  const match = /^(\d+)\s*([hdw])$/i.exec(text.trim());
  if (!match || Number(match[1]) < 1) {
    return null;
  }
  const amount = Number(match[1]);
  switch (match[2].toLowerCase()) {
    case 'w':
      return { weeks: amount };
    case 'd':
      return { days: amount };
    default:
      return { hours: amount };
  }
}

/**
 * Reads a handoff such as `Mon 09:00`, or `09:00` for shifts that hand over every day, or null.
 *
 * @public
 */
export function parseHandoff(text: string): Handoff | null {
  const parts = text.trim().split(/\s+/);
  if (parts.length > 2 || parts[0] === '') {
    return null;
  }
  const weekday = parts.length === 2 ? weekdayNumber(parts[0]) : null;
  const time = normaliseTime(parts[parts.length - 1]);
  if ((parts.length === 2 && weekday === null) || time === null) {
    return null;
  }
  return {
    weekday,
    time,
    minutesAfterMidnight: parseTimeOfDay(time) as number,
  };
}
