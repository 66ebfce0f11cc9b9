import type { OnCallConfig, WorkingHoursConfig } from './config';
import type { Shift } from './rota';
import { isWorkingTime, workingTimeWithin } from './workingTime';

const MS_PER_HOUR = 3_600_000;
const HOURS_PER_WEEK = 168;

/**
 * One rota as the fair-load report needs it: its shifts over the window (overrides applied), when
 * it pages, and the services it is paged for out of hours.
 *
 * @public
 */
export interface OnCallLoadRota {
  rotaRef: string;
  kind: 'team' | 'domain';
  title?: string | null;
  /** The people the rota cycles through now; opted-out people are only counted. */
  participants: string[];
  optedOutCount: number;
  /** Overrides applied. */
  shifts: Shift[];
  /**
   * The working hours its shifts are split by: the team's for a team rota; for a domain rota,
   * those its rota is set up in (it is on call only out of hours).
   */
  workingHours: WorkingHoursConfig;
  /** A team rota is always on call in working hours; this says whether it is out of hours too. */
  pagesOutOfHours: boolean;
  /** The services it is paged for out of hours, with their owning team's working hours. */
  outOfHoursServices: ReadonlyArray<{
    entityRef: string;
    workingHours: WorkingHoursConfig;
  }>;
}

/**
 * An incident as the fair-load report needs it: epoch milliseconds.
 *
 * @public
 */
export interface OnCallLoadIncident {
  id: string;
  startedAt: number;
  restoredAt: number | null;
  services: readonly string[];
}

/**
 * One person's load on one rota over the window, and what it pays.
 *
 * @public
 */
export interface OnCallLoadPerson {
  person: string;
  hoursInHours: number;
  hoursOutOfHours: number;
  /** Incidents that started out of hours on a service the rota covered, while this person was on. */
  callouts: number;
  calloutHours: number;
  standbyPay: number;
  calloutPay: number;
  totalPay: number;
  /** Hours on call against the rota's average, as a share: 0.25 is a quarter above it. */
  fromAverage: number;
  /** More than the configured share above the average. */
  flagged: boolean;
}

/**
 * One rota's people, with the average they are compared with.
 *
 * @public
 */
export interface OnCallLoadRotaRow {
  rotaRef: string;
  kind: 'team' | 'domain';
  title: string | null;
  /** Opted-out people are counted, never named. */
  optedOutCount: number;
  /** Hours on call (in and out of hours) per participant, averaged over the rota's participants. */
  averageHours: number;
  people: OnCallLoadPerson[];
}

/**
 * The body of `GET /on-call-load`: per person and rota, hours on call in and out of hours,
 * out-of-hours callouts, standby and callout pay, and how far each is from the rota's average.
 *
 * @public
 */
export interface OnCallLoadReport {
  from: string;
  to: string;
  currency: string;
  remuneration: OnCallConfig['remuneration'];
  /** People more than this share above their rota's average hours are flagged. */
  flagAbove: number;
  rotas: OnCallLoadRotaRow[];
}

const round = (value: number, places = 2) => {
  const f = 10 ** places;
  return Math.round(value * f) / f;
};

/**
 * Each person's on-call load and pay over a window (a quarter, say), per rota.
 *
 * - Hours in hours are a team rota's shift hours inside the team's working hours (a domain rota
 *   has none: the teams answer then); hours out of hours are the rest of the shifts, counted only
 *   for a rota that pages out of hours.
 * - A callout is an incident that started out of hours (by the owning team's working hours) on a
 *   service the rota covers out of hours, and it goes to the person on the rota's shift then.
 * - Standby is paid per week on a rota that pages out of hours: `standbyPerWeek` × the hours of
 *   the person's shifts on it ÷ 168, so a whole week's shift pays one week's standby; callouts pay
 *   `calloutPerHour` for their hours, except under `standby-only`.
 * - The average is the rota's total hours divided among its participants (those with no shift
 *   in the window count as zero); a person more than `flagAbove` above it is flagged.
 *
 * @public
 */
export function onCallLoad(input: {
  window: { from: Date; to: Date };
  rotas: readonly OnCallLoadRota[];
  incidents: readonly OnCallLoadIncident[];
  onCall: Pick<OnCallConfig, 'remuneration'>;
  currency: string;
  holidays: string[];
  flagAbove: number;
}): OnCallLoadReport {
  const { window, onCall, holidays, flagAbove } = input;
  const from = window.from.getTime();
  const to = window.to.getTime();
  const { remuneration } = onCall;
  const rows: OnCallLoadRotaRow[] = [];

  for (const rota of input.rotas) {
    const people = new Map<string, OnCallLoadPerson>();
    const personOf = (ref: string): OnCallLoadPerson => {
      let found = people.get(ref);
      if (!found) {
        found = {
          person: ref,
          hoursInHours: 0,
          hoursOutOfHours: 0,
          callouts: 0,
          calloutHours: 0,
          standbyPay: 0,
          calloutPay: 0,
          totalPay: 0,
          fromAverage: 0,
          flagged: false,
        };
        people.set(ref, found);
      }
      return found;
    };
    for (const ref of rota.participants) personOf(ref);

    const clipped = rota.shifts
      .map(s => ({
        person: s.person,
        start: Math.max(from, Date.parse(s.start)),
        end: Math.min(to, Date.parse(s.end)),
      }))
      .filter(s => s.end > s.start);
    // Standby weeks: the whole span of each shift on a rota that pages out of hours.
    const standbyHours = new Map<string, number>();
    for (const shift of clipped) {
      const p = personOf(shift.person);
      const span = shift.end - shift.start;
      const working = workingTimeWithin(
        new Date(shift.start),
        new Date(shift.end),
        rota.workingHours,
        holidays,
      );
      // A domain rota is on call out of hours only; the teams answer in working hours.
      if (rota.kind === 'team') p.hoursInHours += working / MS_PER_HOUR;
      if (rota.pagesOutOfHours) {
        p.hoursOutOfHours += (span - working) / MS_PER_HOUR;
        standbyHours.set(
          p.person,
          (standbyHours.get(p.person) ?? 0) + span / MS_PER_HOUR,
        );
      }
    }

    if (rota.pagesOutOfHours) {
      const covered = new Map(
        rota.outOfHoursServices.map(s => [s.entityRef, s.workingHours]),
      );
      for (const incident of input.incidents) {
        if (incident.startedAt < from || incident.startedAt >= to) continue;
        const outOfHours = incident.services.some(ref => {
          const hours = covered.get(ref);
          return (
            hours !== undefined &&
            !isWorkingTime(new Date(incident.startedAt), hours, holidays)
          );
        });
        if (!outOfHours) continue;
        const on = clipped.find(
          s => s.start <= incident.startedAt && incident.startedAt < s.end,
        );
        if (!on) continue;
        const p = personOf(on.person);
        p.callouts += 1;
        if (
          incident.restoredAt !== null &&
          incident.restoredAt > incident.startedAt
        ) {
          p.calloutHours +=
            (incident.restoredAt - incident.startedAt) / MS_PER_HOUR;
        }
      }
    }

    const list = [...people.values()];
    const total = list.reduce(
      (sum, p) => sum + p.hoursInHours + p.hoursOutOfHours,
      0,
    );
    const counted = Math.max(rota.participants.length, 1);
    const averageHours = total / counted;
    for (const p of list) {
      const hours = p.hoursInHours + p.hoursOutOfHours;
      p.standbyPay =
        (remuneration.standbyPerWeek * (standbyHours.get(p.person) ?? 0)) /
        HOURS_PER_WEEK;
      p.calloutPay =
        remuneration.model === 'standby-and-callout'
          ? remuneration.calloutPerHour * p.calloutHours
          : 0;
      p.fromAverage = averageHours > 0 ? hours / averageHours - 1 : 0;
      p.flagged = averageHours > 0 && p.fromAverage > flagAbove;
      p.hoursInHours = round(p.hoursInHours);
      p.hoursOutOfHours = round(p.hoursOutOfHours);
      p.calloutHours = round(p.calloutHours);
      p.standbyPay = round(p.standbyPay);
      p.calloutPay = round(p.calloutPay);
      p.totalPay = round(p.standbyPay + p.calloutPay);
      p.fromAverage = round(p.fromAverage, 3);
    }
    list.sort(
      (a, b) =>
        b.hoursInHours +
          b.hoursOutOfHours -
          (a.hoursInHours + a.hoursOutOfHours) ||
        a.person.localeCompare(b.person),
    );
    rows.push({
      rotaRef: rota.rotaRef,
      kind: rota.kind,
      title: rota.title ?? null,
      optedOutCount: rota.optedOutCount,
      averageHours: round(averageHours),
      people: list,
    });
  }
  rows.sort((a, b) => a.rotaRef.localeCompare(b.rotaRef));
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    currency: input.currency,
    remuneration: { ...remuneration },
    flagAbove,
    rotas: rows,
  };
}
