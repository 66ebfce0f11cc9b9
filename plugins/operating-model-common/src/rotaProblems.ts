import type { Shift } from './rota';

/**
 * A sign that a rota is not sustainable.
 *
 * @public
 */
export interface RotaProblem {
  code: 'limited-on-call-schedule' | 'unfair-share';
  message: string;
}

const HOUR = 3600 * 1000;

// More than half again the average load is more than the luck of where a window starts and ends.
const UNFAIR_SHARE_RATIO = 1.5;

function hoursOf(shift: Shift): number {
  return Math.max(0, Date.parse(shift.end) - Date.parse(shift.start)) / HOUR;
}

/**
 * Hours on call per person over the shifts given, overrides included.
 *
 * @public
 */
export function fairShareHours(shifts: Shift[]): Record<string, number> {
  const hours: Record<string, number> = {};
  for (const shift of shifts) {
    hours[shift.person] = (hours[shift.person] ?? 0) + hoursOf(shift);
  }
  return hours;
}

function round(hours: number): number {
  return Math.round(hours * 10) / 10;
}

/**
 * The limited on-call schedule pitfall and unfair shares on a rota, over the
 * shifts given (a quarter, say).
 *
 * A fair share is the total hours of the shifts divided among the current
 * participants. A person carries an unfair share when their hours are more
 * than 1.5 times that and also more than one whole rotation shift above it,
 * because a window that is not a whole number of cycles always leaves some
 * people one shift ahead of the others.
 *
 * @public
 */
export function rotaProblems(input: {
  participants: string[];
  minimumParticipants: number;
  shifts: Shift[];
}): RotaProblem[] {
  const { participants, minimumParticipants, shifts } = input;
  const problems: RotaProblem[] = [];
  const count = new Set(participants).size;
  if (count < minimumParticipants) {
    problems.push({
      code: 'limited-on-call-schedule',
      message: `${count} ${
        count === 1 ? 'person is' : 'people are'
      } on this rota; a sustainable on-call schedule needs at least ${minimumParticipants}, so each of them is on call too often`,
    });
  }
  if (count === 0 || shifts.length === 0) {
    return problems;
  }

  const hours = fairShareHours(shifts);
  const total = Object.values(hours).reduce((sum, value) => sum + value, 0);
  const fairShare = total / count;
  const oneShift = Math.max(
    0,
    ...shifts.filter(shift => !shift.override).map(hoursOf),
  );
  for (const person of Object.keys(hours).sort()) {
    const carried = hours[person];
    if (
      carried > UNFAIR_SHARE_RATIO * fairShare &&
      carried > fairShare + oneShift
    ) {
      problems.push({
        code: 'unfair-share',
        message: `${person} is on call for ${round(
          carried,
        )} hours over these shifts, against a fair share of ${round(
          fairShare,
        )} hours; spread the load so nobody carries more than their share`,
      });
    }
  }
  return problems;
}
