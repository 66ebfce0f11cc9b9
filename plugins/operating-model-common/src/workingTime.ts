import { DateTime, IANAZone } from 'luxon';
import {
  ANNOTATION_HANDOFF,
  ANNOTATION_ROTATION,
  ANNOTATION_TIMEZONE,
  ANNOTATION_WORKING_HOURS,
} from './annotations';
import type { OperatingModelConfig, WorkingHoursConfig } from './config';
import { AssessmentProblem } from './types';
import {
  Handoff,
  parseHandoff,
  parseRotation,
  parseTimeOfDay,
  parseWorkingHours,
  RotationLength,
} from './workingHours';

/**
 * How a rota hands over: the shift length, the handoff day and time, and the zone they are read in.
 *
 * @public
 */
export interface RotaSettings {
  rotation: RotationLength;
  handoff: Handoff;
  /** IANA time zone name. */
  timezone: string;
}

// A year of holidays on every working day would be absurd config; two years bounds the search.
const MAX_DAYS_TO_SEARCH = 732;

function minutesOf(time: string): number {
  // The config reader and parseWorkingHours have already checked the format.
  return parseTimeOfDay(time) ?? 0;
}

function isWorkingDay(
  local: DateTime,
  hours: WorkingHoursConfig,
  holidays: string[],
): boolean {
  return (
    hours.weekdays.includes(local.weekday) &&
    !holidays.includes(local.toFormat('yyyy-MM-dd'))
  );
}

/**
 * Whether an instant falls inside working hours, read in the working-hours
 * time zone: on a working weekday, from the start (inclusive) to the end
 * (exclusive). Holidays are out of hours all day.
 *
 * @public
 */
export function isWorkingTime(
  at: Date,
  hours: WorkingHoursConfig,
  holidays: string[],
): boolean {
  const local = DateTime.fromJSDate(at, { zone: hours.timezone });
  if (!isWorkingDay(local, hours, holidays)) {
    return false;
  }
  const minutes =
    local.hour * 60 +
    local.minute +
    local.second / 60 +
    local.millisecond / 60000;
  return minutes >= minutesOf(hours.start) && minutes < minutesOf(hours.end);
}

/**
 * How many milliseconds of the span from `from` to `to` fall in working hours, read in the
 * working-hours zone as {@link isWorkingTime} does; the rest of the span is out of hours.
 *
 * @public
 */
export function workingTimeWithin(
  from: Date,
  to: Date,
  hours: WorkingHoursConfig,
  holidays: string[],
): number {
  const start = from.getTime();
  const end = to.getTime();
  if (!(end > start)) return 0;
  const open = minutesOf(hours.start);
  const close = minutesOf(hours.end);
  let total = 0;
  let day = DateTime.fromMillis(start, { zone: hours.timezone }).startOf('day');
  while (day.toMillis() < end) {
    if (isWorkingDay(day, hours, holidays) && close > open) {
      const opening = day
        .set({ hour: Math.floor(open / 60), minute: open % 60 })
        .toMillis();
      const closing = day
        .set({ hour: Math.floor(close / 60), minute: close % 60 })
        .toMillis();
      total += Math.max(0, Math.min(end, closing) - Math.max(start, opening));
    }
    day = day.plus({ days: 1 });
  }
  return total;
}

/**
 * When the period `at` falls in ends: the close of today's working hours when `at` is in
 * working time, else the next working-hours start. The answer to who is paged changes then.
 */
export function periodEndAfter(
  at: Date,
  hours: WorkingHoursConfig,
  holidays: string[],
): Date {
  if (!isWorkingTime(at, hours, holidays)) {
    return nextWorkingTimeStart(at, hours, holidays);
  }
  const end = minutesOf(hours.end);
  return DateTime.fromJSDate(at, { zone: hours.timezone })
    .startOf('day')
    .set({ hour: Math.floor(end / 60), minute: end % 60 })
    .toJSDate();
}

/**
 * The next instant working hours begin after `at`, skipping non-working days
 * and holidays; when `at` is already in working time this is the start of the
 * following working period. This is when a callout suppressed out of hours
 * reaches the owning team.
 *
 * @public
 */
export function nextWorkingTimeStart(
  at: Date,
  hours: WorkingHoursConfig,
  holidays: string[],
): Date {
  const start = minutesOf(hours.start);
  const day = DateTime.fromJSDate(at, { zone: hours.timezone }).startOf('day');
  for (let offset = 0; offset <= MAX_DAYS_TO_SEARCH; offset++) {
    const date = day.plus({ days: offset });
    const opening = date.set({
      hour: Math.floor(start / 60),
      minute: start % 60,
    });
    if (
      isWorkingDay(date, hours, holidays) &&
      opening.toMillis() > at.getTime()
    ) {
      return opening.toJSDate();
    }
  }
  throw new Error(
    `No working hours (${hours.days} ${hours.start}-${
      hours.end
    }) within ${MAX_DAYS_TO_SEARCH} days of ${at.toISOString()}; check the working days and holidays`,
  );
}

function readAnnotation(
  annotations: Record<string, unknown>,
  name: string,
): string | undefined {
  const value = annotations?.[name];
  if (value === undefined || value === null) {
    return undefined;
  }
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

function teamTimezone(
  annotations: Record<string, string>,
  config: OperatingModelConfig,
): { timezone: string; problems: AssessmentProblem[] } {
  const value = readAnnotation(annotations, ANNOTATION_TIMEZONE);
  if (value === undefined) {
    return { timezone: config.workingHours.timezone, problems: [] };
  }
  if (value.trim() !== '' && IANAZone.isValidZone(value.trim())) {
    return { timezone: value.trim(), problems: [] };
  }
  return {
    timezone: config.workingHours.timezone,
    problems: [
      {
        annotation: ANNOTATION_TIMEZONE,
        value,
        message: `${JSON.stringify(
          value,
        )} is not an IANA time zone; expected a name such as Europe/London or America/New_York. Using ${
          config.workingHours.timezone
        } instead`,
      },
    ],
  };
}

/**
 * A team's working hours from its Group annotations
 * (`operating-model.io/timezone`, `operating-model.io/working-hours`), each
 * falling back to config. An unreadable value becomes a problem naming the
 * annotation and the value, and the config value is used instead.
 *
 * @public
 */
export function teamWorkingHours(
  groupAnnotations: Record<string, string>,
  config: OperatingModelConfig,
): { hours: WorkingHoursConfig; problems: AssessmentProblem[] } {
  const { timezone, problems } = teamTimezone(groupAnnotations, config);
  const fallback = config.workingHours;
  const value = readAnnotation(groupAnnotations, ANNOTATION_WORKING_HOURS);
  if (value === undefined) {
    return { hours: { ...fallback, timezone }, problems };
  }
  const span = parseWorkingHours(value);
  if (span === null) {
    problems.push({
      annotation: ANNOTATION_WORKING_HOURS,
      value,
      message: `${JSON.stringify(
        value,
      )} is not a span of working hours; expected days and times such as Mon-Fri 09:00-17:30, with the end after the start. Using ${
        fallback.days
      } ${fallback.start}-${fallback.end} instead`,
    });
    return { hours: { ...fallback, timezone }, problems };
  }
  return {
    hours: {
      timezone,
      days: span.days,
      weekdays: span.weekdays,
      start: span.start,
      end: span.end,
    },
    problems,
  };
}

/**
 * A team's rota settings from its Group annotations
 * (`operating-model.io/rotation`, `operating-model.io/handoff`,
 * `operating-model.io/timezone`), each falling back to config. The time zone
 * is read as in `teamWorkingHours`, so a caller using both should keep its
 * problem once.
 *
 * @public
 */
export function teamRotaSettings(
  groupAnnotations: Record<string, string>,
  config: OperatingModelConfig,
): RotaSettings & { problems: AssessmentProblem[] } {
  const { timezone, problems } = teamTimezone(groupAnnotations, config);
  // The config reader refuses unreadable defaults, so these parse.
  const defaultRotation = parseRotation(
    config.onCall.rotation,
  ) as RotationLength;
  const defaultHandoff = parseHandoff(config.onCall.handoff) as Handoff;

  let rotation = defaultRotation;
  const rotationValue = readAnnotation(groupAnnotations, ANNOTATION_ROTATION);
  if (rotationValue !== undefined) {
    const parsed = parseRotation(rotationValue);
    if (parsed === null) {
      problems.push({
        annotation: ANNOTATION_ROTATION,
        value: rotationValue,
        message: `${JSON.stringify(
          rotationValue,
        )} is not a shift length; expected a whole number of weeks, days or hours such as 1w, 3d or 12h. Using ${
          config.onCall.rotation
        } instead`,
      });
    } else {
      rotation = parsed;
    }
  }

  let handoff = defaultHandoff;
  const handoffValue = readAnnotation(groupAnnotations, ANNOTATION_HANDOFF);
  if (handoffValue !== undefined) {
    const parsed = parseHandoff(handoffValue);
    if (parsed === null) {
      problems.push({
        annotation: ANNOTATION_HANDOFF,
        value: handoffValue,
        message: `${JSON.stringify(
          handoffValue,
        )} is not a handoff time; expected a day and a time such as Mon 09:00, or a time such as 09:00 to hand over every day. Using ${
          config.onCall.handoff
        } instead`,
      });
    } else {
      handoff = parsed;
    }
  }

  return { rotation, handoff, timezone, problems };
}
