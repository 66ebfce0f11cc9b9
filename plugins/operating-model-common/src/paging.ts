import type { WorkingHoursConfig } from './config';
import { Shift, shiftAt } from './rota';
import { OutOfHoursLevel } from './types';
import {
  isWorkingTime,
  nextWorkingTimeStart,
  periodEndAfter,
} from './workingTime';

/**
 * Who is paged for a service at an instant (the body of `GET /on-call`, less the entity ref and
 * instant).
 *
 * @public
 */
export interface OnCallAnswer {
  period: 'working-hours' | 'out-of-hours';
  schedule: 'team' | 'domain' | 'none';
  /** The user entity ref paged now, or null when nobody is. */
  person: string | null;
  /** The end of that person's shift (ISO), which may run past the end of the period. */
  shiftEnd: string | null;
  /**
   * The end of the period (ISO): the close of working hours, or the next working-hours start.
   * The answer changes at the earlier of this and `shiftEnd`.
   */
  periodEnd: string;
  /** When nobody is paged now: the next working-hours start and who is on the team shift then. */
  next: { person: string | null; at: string } | null;
}

/**
 * Rule 9: who is paged at `at`. In working hours (holidays are out of hours)
 * the owning team's shift; out of hours the shift of the schedule for the
 * level in force, which the caller takes from the service's assessment at
 * `at` so a peak event's upgrade is already in it. With level `none` (or no
 * level known, or nobody on that schedule) the callout waits for the next
 * working-hours start, and `next` says when and who.
 *
 * `shiftEnd` is the end of the shift, as the API promises, not the end of the
 * period: when the period ends first, the answer simply changes then.
 * `shiftsAfter` finds the team shift at an instant the given team shifts do
 * not reach, such as the Monday morning after a long weekend.
 *
 * @public
 */
export function whoIsPaged(input: {
  at: Date;
  workingHours: WorkingHoursConfig;
  holidays: string[];
  outOfHours: OutOfHoursLevel | null;
  teamShifts: Shift[];
  domainShifts: Shift[];
  shiftsAfter?: (at: Date) => Shift | null;
}): OnCallAnswer {
  const { at, workingHours, holidays, teamShifts, domainShifts } = input;
  const periodEnd = periodEndAfter(at, workingHours, holidays).toISOString();

  if (isWorkingTime(at, workingHours, holidays)) {
    const shift = shiftAt(teamShifts, at);
    return {
      period: 'working-hours',
      schedule: 'team',
      person: shift?.person ?? null,
      shiftEnd: shift?.end ?? null,
      periodEnd,
      next: null,
    };
  }

  const level = input.outOfHours ?? 'none';
  if (level !== 'none') {
    const shift = shiftAt(level === 'team' ? teamShifts : domainShifts, at);
    if (shift) {
      return {
        period: 'out-of-hours',
        schedule: level,
        person: shift.person,
        shiftEnd: shift.end,
        periodEnd,
        next: null,
      };
    }
  }

  const opening = nextWorkingTimeStart(at, workingHours, holidays);
  const teamShift =
    shiftAt(teamShifts, opening) ?? input.shiftsAfter?.(opening) ?? null;
  return {
    period: 'out-of-hours',
    schedule: level,
    person: null,
    shiftEnd: null,
    periodEnd,
    next: { person: teamShift?.person ?? null, at: opening.toISOString() },
  };
}
