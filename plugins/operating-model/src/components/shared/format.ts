/*
 * How the plugin writes figures, amounts, dates and times: in the user's locale, each rule once.
 * Every figure function takes the value as the API gives it and answers null for null, so the
 * caller shows "No data" rather than a made-up 0.
 */
import {
  OnCallWordsOptions,
  formatMoney as formatMoneyPlainly,
} from '@operating-model/backstage-plugin-operating-model-common';
import { CalendarDate, browserTimeZone } from './zonedTime';

/**
 * The locale figures and dates are written in: the browser's first preferred language, or the
 * runtime's default where there is no browser. Tests pin it by setting `navigator.languages`.
 */
export function userLocale(): string | undefined {
  if (typeof navigator === 'undefined') return undefined;
  return navigator.languages?.[0] ?? navigator.language ?? undefined;
}

/**
 * How on-call times are told to this viewer (common's `formatOnCallTime`): in their zone and
 * locale, the rota's zone beside where its clock differs, by weekday within the week after `now`.
 */
export function onCallTimeOptions(
  rotaZone: string,
  now: Date,
): OnCallWordsOptions {
  return {
    viewerZone: browserTimeZone(),
    rotaZone,
    now,
    locale: userLocale(),
  };
}

// Building an Intl format is far slower than using one, and the directory formats thousands.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const locale = userLocale();
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = userLocale();
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/** Two names in the user's alphabetical order, ignoring case and accents. */
export function compareText(a: string, b: string): number {
  return a.localeCompare(b, userLocale(), { sensitivity: 'base' });
}

/** Text in lower case, for matching what a person types against names. */
export function lowerCase(text: string): string {
  return text.toLocaleLowerCase(userLocale());
}

/** Text with its first letter in capitals: `very often` → `Very often`. */
export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase(userLocale()) + text.slice(1);
}

/** A whole count: `1,234`. */
export function formatCount(count: number): string {
  return numberFormat({ maximumFractionDigits: 0 }).format(count);
}

/** `1 deployment`, `3 deployments`. */
export function countOf(
  count: number,
  singular: string,
  plural = `${singular}s`,
): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/** A number with at most `decimals` decimals, trailing zeros dropped: `4.2`, `30`. */
export function formatNumber(
  value: number | null,
  decimals = 1,
): string | null {
  if (value === null || !Number.isFinite(value)) return null;
  return numberFormat({ maximumFractionDigits: decimals }).format(value);
}

/** A share as a percentage: 0.7024 → `70.2%`. */
export function formatPercent(
  ratio: number | null,
  decimals = 1,
): string | null {
  if (ratio === null || !Number.isFinite(ratio)) return null;
  return numberFormat({
    style: 'percent',
    maximumFractionDigits: decimals,
  }).format(ratio);
}

/**
 * An availability ratio as a percentage with up to three decimals, rounded down so that 99.8996%
 * never reads as meeting a 99.9% target: 0.995 → `99.5%`, 0.999949 → `99.994%`.
 */
export function formatAvailabilityRatio(ratio: number | null): string | null {
  if (ratio === null || !Number.isFinite(ratio)) return null;
  const thousandths = Math.floor(ratio * 100_000 + 1e-6) / 1000;
  return formatAvailability(thousandths);
}

/**
 * An availability target given in percent, with at least one decimal: 99.9 → `99.9%`,
 * 99 → `99.0%`, 99.95 → `99.95%` (common's `formatAvailability`, in the user's locale).
 */
export function formatAvailability(percent: number): string {
  return numberFormat({
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 3,
  }).format(percent / 100);
}

/**
 * An amount of money, compactly and with its currency: `£200k`, `£1.5m` in en-GB (common's
 * `formatMoney`, in the user's locale). A currency Intl does not know falls back to common's.
 */
export function formatMoney(value: number, currency: string): string {
  try {
    return numberFormat({
      style: 'currency',
      currency: currency.toUpperCase(),
      notation: 'compact',
      minimumFractionDigits: 0,
      maximumFractionDigits: 2,
    }).format(value);
  } catch {
    return formatMoneyPlainly(value, currency);
  }
}

/** Minutes as a person says them: `45 min`, `2 h 5 min`, `3 d 4 h`. */
export function formatMinutes(minutes: number | null): string | null {
  if (minutes === null || !Number.isFinite(minutes)) return null;
  if (minutes < 1) return `${formatNumber(minutes, 1)} min`;
  const whole = Math.round(minutes);
  if (whole < 60) return `${whole} min`;
  const days = Math.floor(whole / 1440);
  const hours = Math.floor((whole % 1440) / 60);
  const rest = whole % 60;
  if (days > 0)
    return hours > 0
      ? `${formatCount(days)} d ${hours} h`
      : `${formatCount(days)} d`;
  return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
}

/** A span of seconds with its units: `45 s`, `10 min 5 s`, `1 h 40 min 48 s`, `2 d 3 h`. */
export function formatSeconds(seconds: number): string {
  const total = Math.round(Math.abs(seconds));
  const sign = seconds < 0 && total > 0 ? '-' : '';
  if (total < 60) return `${sign}${total} s`;
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  const parts =
    days > 0
      ? [`${formatCount(days)} d`, hours > 0 ? `${hours} h` : '']
      : [
          hours > 0 ? `${hours} h` : '',
          minutes > 0 ? `${minutes} min` : '',
          rest > 0 ? `${rest} s` : '',
        ];
  return sign + parts.filter(Boolean).join(' ');
}

/** Days with one decimal under ten: `0.5 days`, `1 day`, `12 days`. */
export function formatDays(days: number | null): string | null {
  if (days === null || !Number.isFinite(days)) return null;
  const rounded = Number(days.toFixed(days < 10 ? 1 : 0));
  return `${formatNumber(rounded, 1)} ${rounded === 1 ? 'day' : 'days'}`;
}

/** `5 Oct`, the way the charts label a day or the week that starts on it. */
export function formatShortDay(iso: string | number): string {
  return dateFormat({ day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(iso),
  );
}

/** `12 Nov 2026`: a date in the browser's time zone. */
export function formatDate(instant: string | number | Date): string {
  return dateFormat({ dateStyle: 'medium' }).format(new Date(instant));
}

/** `4 Nov, 14:05 UTC`: an instant in UTC, for lists of events from many time zones. */
export function formatUtcDayTime(instant: string | number | Date): string {
  return dateFormat({
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(new Date(instant));
}

/** `09:00` in the zone. */
export function formatTimeOfDay(
  instant: string | Date,
  timeZone: string,
): string {
  return dateFormat({ hour: '2-digit', minute: '2-digit', timeZone }).format(
    new Date(instant),
  );
}

/** `Mon 9 Nov, 09:00 GMT` in the zone, with the zone's abbreviation so nobody misreads it. */
export function formatDateTime(
  instant: string | Date,
  timeZone: string,
): string {
  return dateFormat({
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(new Date(instant));
}

const DAY = 24 * 60 * 60 * 1000;

/** `Mon 2 Nov 2026`: a day on a rota's calendar, whatever the zone. */
export function formatCalendarDate(date: CalendarDate): string {
  return dateFormat({
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(date.year, date.month - 1, date.day)));
}

/** `2 Nov 2026`: the day an instant falls on in the zone, for the ends of a range. */
export function formatZonedDate(instant: Date, timeZone: string): string {
  return dateFormat({
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone,
  }).format(instant);
}

/** `2 Nov`: the day and month of a day on a rota's calendar, where a month starts. */
export function formatCalendarDayMonth(date: CalendarDate): string {
  return dateFormat({ day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(date.year, date.month - 1, date.day)),
  );
}

/** `Mon` … `Sun`: the short names of the days of the week, Monday first. */
export function weekdayNames(): string[] {
  const format = dateFormat({ weekday: 'short', timeZone: 'UTC' });
  // 1 January 2024 was a Monday.
  return Array.from({ length: 7 }, (_, day) =>
    format.format(new Date(Date.UTC(2024, 0, 1 + day))),
  );
}

/** `2 Dec 2026, 14:05 GMT`: an instant in the browser's time zone, with the zone's abbreviation. */
export function formatInstant(instant: string | number | Date): string {
  return dateFormat({
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(instant));
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

const RELATIVE_UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
  ['second', 1000],
];

/** `5 minutes ago`, `yesterday`, `in 2 hours`: how far an instant is from `now`, in its largest whole unit. */
export function formatRelativeTime(
  instant: string | number | Date,
  now: Date,
): string {
  const locale = userLocale();
  const key = locale ?? '';
  let format = relativeFormats.get(key);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(key, format);
  }
  const ms = new Date(instant).getTime() - now.getTime();
  const [unit, size] = RELATIVE_UNITS.find(
    ([, length]) => Math.abs(ms) >= length,
  ) ?? ['second', 1000];
  return format.format(Math.round(ms / size), unit);
}

/** The parts of a length of time as Backstage's config writes it: `{ hours: 1, minutes: 30 }`. */
export type DurationParts = Partial<
  Record<
    | 'years'
    | 'months'
    | 'weeks'
    | 'days'
    | 'hours'
    | 'minutes'
    | 'seconds'
    | 'milliseconds',
    number
  >
>;

const DURATION_UNITS = [
  ['years', 'year'],
  ['months', 'month'],
  ['weeks', 'week'],
  ['days', 'day'],
  ['hours', 'hour'],
  ['minutes', 'minute'],
  ['seconds', 'second'],
  ['milliseconds', 'millisecond'],
] as const;

function durationParts(duration: DurationParts) {
  return DURATION_UNITS.filter(([part]) => {
    const value = duration[part];
    return typeof value === 'number' && Number.isFinite(value) && value > 0;
  }).map(([part, unit]) => ({ unit, value: duration[part] as number }));
}

/**
 * A length of time in words: `{ minutes: 15 }` → `15 minutes`, `{ hours: 1, minutes: 30 }` →
 * `1 hour, 30 minutes`; null when no part is a positive number.
 */
export function formatDurationParts(duration: DurationParts): string | null {
  const parts = durationParts(duration);
  if (parts.length === 0) return null;
  const locale = userLocale();
  return new Intl.ListFormat(locale, { type: 'unit', style: 'long' }).format(
    parts.map(({ unit, value }) =>
      numberFormat({
        style: 'unit',
        unit,
        unitDisplay: 'long',
        maximumFractionDigits: 2,
      }).format(value),
    ),
  );
}

/**
 * The name of the unit of a length of exactly one of it (`{ hours: 1 }` → `hour`), else null,
 * so that a schedule reads "every hour" rather than "every 1 hour".
 */
export function singleUnitName(duration: DurationParts): string | null {
  const parts = durationParts(duration);
  if (parts.length !== 1 || parts[0].value !== 1) return null;
  const field = parts[0].unit === 'week' ? 'weekOfYear' : parts[0].unit;
  if (field === 'millisecond') return null;
  return (
    new Intl.DisplayNames(userLocale(), { type: 'dateTimeField' }).of(field) ??
    null
  );
}

/** `github, pipeline and pagerduty`: names as a list in the user's language. */
export function formatList(items: readonly string[]): string {
  return new Intl.ListFormat(userLocale(), { type: 'conjunction' }).format(
    items,
  );
}
