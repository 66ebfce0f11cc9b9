import { DateTime } from 'luxon';
import type { RotaSettings } from './workingTime';

/**
 * One span of on-call duty on a rota.
 *
 * @public
 */
export interface Shift {
  /** The user entity ref of the person on call. */
  person: string;
  /** ISO instant in UTC, inclusive. */
  start: string;
  /** ISO instant in UTC, exclusive. */
  end: string;
  /** True where an override took the span from the rotation. */
  override: boolean;
  /** On a domain rota, the group ref the person is drawn from. */
  team?: string;
}

/**
 * A rotation shift that has started, as the backend stores it.
 *
 * @public
 */
export type RecordedShift = Omit<Shift, 'override'>;

/**
 * A person covering a span of a rota for someone else.
 *
 * @public
 */
export interface Override {
  id: string;
  /** The user entity ref of the person covering. */
  person: string;
  start: string;
  end: string;
  /** The user entity ref of the person covered, where known; the span wins whoever is on the rota. */
  covers?: string | null;
  createdBy: string;
  createdAt: string;
  reason?: string;
}

const HOUR = 3600 * 1000;

// Every rota is laid out from the first handoff on or after this local date, so
// the same settings always give the same shift boundaries whatever window is asked for.
const ANCHOR_DATE = { year: 2024, month: 1, day: 1 };

function anchorOf(settings: RotaSettings): DateTime {
  const { handoff } = settings;
  const midnight = DateTime.fromObject(ANCHOR_DATE, {
    zone: settings.timezone,
  });
  const daysAhead =
    handoff.weekday === null ? 0 : (handoff.weekday - midnight.weekday + 7) % 7;
  return midnight.plus({ days: daysAhead }).set({
    hour: Math.floor(handoff.minutesAfterMidnight / 60),
    minute: handoff.minutesAfterMidnight % 60,
  });
}

function nominalLength(settings: RotaSettings): number {
  const { rotation } = settings;
  if ('weeks' in rotation) {
    return rotation.weeks * 7 * 24 * HOUR;
  }
  if ('days' in rotation) {
    return rotation.days * 24 * HOUR;
  }
  return rotation.hours * HOUR;
}

/**
 * The start of slot `k` of the rota (slot 0 starts at the anchor). Weeks and
 * days are stepped in local calendar terms, so a weekly Monday 09:00 handoff
 * stays at 09:00 local across a DST change (the shift is 167 or 169 hours).
 * Hours that divide a day (2h to 24h) restart from the handoff time each local
 * day so that, say, 12h shifts keep handing over at 09:00 and 21:00 local all
 * year; any other hour length is plain elapsed time from the anchor.
 */
function slotStart(
  settings: RotaSettings,
  anchor: DateTime,
  k: number,
): number {
  const { rotation } = settings;
  if ('weeks' in rotation) {
    return anchor.plus({ weeks: rotation.weeks * k }).toMillis();
  }
  if ('days' in rotation) {
    return anchor.plus({ days: rotation.days * k }).toMillis();
  }
  if (rotation.hours > 1 && 24 % rotation.hours === 0) {
    const perDay = 24 / rotation.hours;
    const day = Math.floor(k / perDay);
    return anchor
      .plus({ days: day })
      .plus({ hours: (k - day * perDay) * rotation.hours })
      .toMillis();
  }
  return anchor.toMillis() + k * rotation.hours * HOUR;
}

/** The rota's grid of slots: the start of any slot and the slot holding any instant. */
interface Grid {
  start(k: number): number;
  slotAt(ms: number): number;
}

/**
 * Grids by settings. Working out a local slot start asks the time zone for its offset, which
 * costs microseconds each time (Intl), and every rota with the same settings shares one grid, so
 * each slot's start is worked out once per process rather than once per rota per request. Both
 * the grids kept and the slots each keeps are bounded; a full grid forgets its slots and starts again.
 */
const grids = new Map<string, Grid>();
const MAX_GRIDS = 128;
const MAX_SLOTS_PER_GRID = 8192;

function gridKey(settings: RotaSettings): string {
  const { rotation, handoff, timezone } = settings;
  return `${timezone}|${handoff.weekday}|${
    handoff.minutesAfterMidnight
  }|${JSON.stringify(rotation)}`;
}

function gridOf(settings: RotaSettings): Grid {
  const key = gridKey(settings);
  let grid = grids.get(key);
  if (!grid) {
    grid = buildGrid(settings);
    if (grids.size >= MAX_GRIDS) grids.clear();
    grids.set(key, grid);
  }
  return grid;
}

function buildGrid(settings: RotaSettings): Grid {
  const anchor = anchorOf(settings);
  const anchorMs = anchor.toMillis();
  const nominal = nominalLength(settings);
  const starts = new Map<number, number>();
  const start = (k: number) => {
    let ms = starts.get(k);
    if (ms === undefined) {
      ms = slotStart(settings, anchor, k);
      if (starts.size >= MAX_SLOTS_PER_GRID) starts.clear();
      starts.set(k, ms);
    }
    return ms;
  };
  const slotAt = (ms: number) => {
    // Local stepping drifts from the nominal length by an hour at most, so the estimate is off by one at most.
    let k = Math.floor((ms - anchorMs) / nominal);
    while (start(k) > ms) {
      k--;
    }
    while (start(k + 1) <= ms) {
      k++;
    }
    return k;
  };
  return { start, slotAt };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function at(text: string): number {
  return Date.parse(text);
}

/**
 * The handoff instants of a rota that bound the shifts meeting [from, to):
 * from the last handoff at or before `from` to the first at or after `to`.
 * Handoffs fall at the handoff day and time in the rota's time zone, stepped
 * by the rotation length from a fixed anchor (the first handoff on or after
 * 2024-01-01 local), so the boundaries never depend on the window asked for.
 *
 * @public
 */
export function handoffsBetween(
  settings: RotaSettings,
  from: Date,
  to: Date,
): Date[] {
  if (to.getTime() <= from.getTime()) {
    return [];
  }
  const grid = gridOf(settings);
  const first = grid.slotAt(from.getTime());
  let last = grid.slotAt(to.getTime());
  if (grid.start(last) < to.getTime()) {
    last++;
  }
  const handoffs: Date[] = [];
  for (let k = first; k <= last; k++) {
    handoffs.push(new Date(grid.start(k)));
  }
  return handoffs;
}

function modulo(k: number, n: number): number {
  return ((k % n) + n) % n;
}

// History as recorded, in order, without unreadable or overlapping records (the earlier record is kept).
function cleanHistory(history: RecordedShift[]): RecordedShift[] {
  const sorted = history
    .filter(shift => at(shift.start) < at(shift.end))
    .sort((a, b) => at(a.start) - at(b.start));
  const clean: RecordedShift[] = [];
  for (const shift of sorted) {
    const previous = clean[clean.length - 1];
    if (!previous || at(shift.start) >= at(previous.end)) {
      clean.push(shift);
    }
  }
  return clean;
}

/**
 * Where the cycle resumes after the recorded history: just after the most
 * recently recorded person who is still on the rota. When the last person has
 * left, this is the place they held, so the people after them keep their turn;
 * when nobody recorded is still on the rota, the cycle starts from the top.
 */
function resumePosition(
  participants: string[],
  history: RecordedShift[],
): number {
  for (let i = history.length - 1; i >= 0; i--) {
    const position = participants.indexOf(history[i].person);
    if (position >= 0) {
      return position + 1;
    }
  }
  return 0;
}

/**
 * The shifts of a rota meeting [from, to), whole (not clipped to the window),
 * contiguous, with no gaps or overlaps. `participants` are in rota order and
 * already without anyone who opted out.
 *
 * Stability (SPEC rule 8): the backend records each shift once it has started
 * and passes those records back as `history`. Everything up to the end of the
 * last recorded shift comes from history as recorded (gaps in it are filled
 * from the anchor), and later shifts continue the cycle through the current
 * participants from just after the last recorded person who is still on the
 * rota. With no history, slot k since the anchor goes to participants[k mod n].
 * This is chosen over storing every future shift because the past is the only
 * part that must not move: storing the future costs storage and rewrites, and
 * the future is exactly what membership changes are allowed to change.
 *
 * With no participants there is nobody to put on call, and the answer is empty.
 *
 * @public
 */
export function rotaShifts(input: {
  participants: string[];
  settings: RotaSettings;
  history: RecordedShift[];
  from: Date;
  to: Date;
  teamOf?: Record<string, string>;
}): Shift[] {
  const { participants, settings, teamOf } = input;
  const from = input.from.getTime();
  const to = input.to.getTime();
  if (participants.length === 0 || to <= from) {
    return [];
  }
  const n = participants.length;
  const grid = gridOf(settings);
  const history = cleanHistory(input.history);
  const lastEnd = history.length ? at(history[history.length - 1].end) : null;
  const shifts: Shift[] = [];

  const generated = (start: number, end: number, person: string): Shift => {
    const shift: Shift = {
      person,
      start: iso(start),
      end: iso(end),
      override: false,
    };
    const team = teamOf?.[person];
    if (team !== undefined) {
      shift.team = team;
    }
    return shift;
  };
  const fromAnchor = (k: number) => participants[modulo(k, n)];

  if (lastEnd !== null && lastEnd > from) {
    // The recorded past: records as they are, gaps between them filled from the anchor.
    let next = history.findIndex(shift => at(shift.end) > from);
    const previousEnd = next > 0 ? at(history[next - 1].end) : -Infinity;
    let position = at(history[next].start);
    if (from < position) {
      // `from` falls in a gap before this record; start with the filled slot holding it.
      position = Math.max(grid.start(grid.slotAt(from)), previousEnd);
    }
    while (position < Math.min(lastEnd, to)) {
      const record = history[next];
      if (at(record.start) <= position) {
        const shift: Shift = {
          person: record.person,
          start: iso(at(record.start)),
          end: iso(at(record.end)),
          override: false,
        };
        const team = record.team ?? teamOf?.[record.person];
        if (team !== undefined) {
          shift.team = team;
        }
        shifts.push(shift);
        position = at(record.end);
        next++;
      } else {
        const k = grid.slotAt(position);
        const end = Math.min(grid.start(k + 1), at(record.start));
        shifts.push(generated(position, end, fromAnchor(k)));
        position = end;
      }
    }
  }

  // The future: slots after the recorded past, continuing the cycle.
  const resumeFrom = lastEnd === null ? null : grid.slotAt(lastEnd);
  const resumeAt = resumePosition(participants, history);
  const personFor = (k: number) =>
    resumeFrom === null
      ? fromAnchor(k)
      : participants[modulo(resumeAt + k - resumeFrom, n)];
  let position =
    lastEnd !== null && lastEnd > from
      ? lastEnd
      : Math.max(grid.start(grid.slotAt(from)), lastEnd ?? -Infinity);
  while (position < to) {
    const k = grid.slotAt(position);
    const end = grid.start(k + 1);
    shifts.push(generated(position, end, personFor(k)));
    position = end;
  }
  return shifts;
}

/**
 * The rotation shifts that have started by `now`, for the backend to store as
 * history (keyed by start, so storing one again changes nothing). Pass the
 * rotation's shifts, before overrides: an override is its own record.
 *
 * @public
 */
export function shiftsToRecord(shifts: Shift[], now: Date): RecordedShift[] {
  return shifts
    .filter(shift => !shift.override && at(shift.start) <= now.getTime())
    .map(({ override: _override, ...recorded }) => recorded);
}

/**
 * The participants of a domain rota: the members of every owning team,
 * interleaved team by team so consecutive shifts change team wherever the
 * numbers allow. Each pick takes the next member of the team with the most
 * members left, other than the team just picked (ties go to the team first by
 * ref); plain round robin would leave the biggest team's extra members side by
 * side at the end of the cycle. Teams and members are sorted by ref first, and
 * a person in two teams is drawn once, from the first team by ref.
 *
 * @public
 */
export function interleaveByTeam(
  teams: Array<{ team: string; members: string[] }>,
): { participants: string[]; teamOf: Record<string, string> } {
  const teamOf: Record<string, string> = {};
  const queues = [...teams]
    .sort((a, b) => a.team.localeCompare(b.team))
    .map(({ team, members }) => {
      const queue = [...new Set(members)]
        .sort((a, b) => a.localeCompare(b))
        .filter(member => teamOf[member] === undefined);
      for (const member of queue) {
        teamOf[member] = team;
      }
      return { team, queue };
    })
    .filter(({ queue }) => queue.length > 0);

  const participants: string[] = [];
  let previous: string | null = null;
  for (;;) {
    let pick: { team: string; queue: string[] } | null = null;
    for (const candidate of queues) {
      if (candidate.queue.length === 0 || candidate.team === previous) {
        continue;
      }
      if (!pick || candidate.queue.length > pick.queue.length) {
        pick = candidate;
      }
    }
    // Only the team just picked has members left: they go next to each other.
    pick ??= queues.find(({ queue }) => queue.length > 0) ?? null;
    if (!pick) {
      break;
    }
    participants.push(pick.queue.shift() as string);
    previous = pick.team;
  }
  return { participants, teamOf };
}

/**
 * The shifts with the overrides laid over them: each override's span goes to
 * its person (`override: true`) and the shifts it covers are split around it.
 * Overrides are applied oldest first by `createdAt`, so a later one wins where
 * two overlap. The result still has no gaps or overlaps: an override is only
 * laid over the span the shifts cover.
 *
 * @public
 */
export function applyOverrides(
  shifts: Shift[],
  overrides: Override[],
): Shift[] {
  if (shifts.length === 0) {
    return [];
  }
  let result = [...shifts].sort((a, b) => at(a.start) - at(b.start));
  const coverStart = at(result[0].start);
  const coverEnd = at(result[result.length - 1].end);
  const ordered = overrides
    .filter(override => at(override.start) < at(override.end))
    .sort(
      (a, b) => at(a.createdAt) - at(b.createdAt) || a.id.localeCompare(b.id),
    );

  for (const override of ordered) {
    const start = Math.max(at(override.start), coverStart);
    const end = Math.min(at(override.end), coverEnd);
    if (start >= end) {
      continue;
    }
    const next: Shift[] = [];
    let placed = false;
    for (const shift of result) {
      const shiftStart = at(shift.start);
      const shiftEnd = at(shift.end);
      if (shiftEnd <= start || shiftStart >= end) {
        if (!placed && shiftStart >= end) {
          next.push(overrideShift(override, start, end));
          placed = true;
        }
        next.push(shift);
        continue;
      }
      if (shiftStart < start) {
        next.push({ ...shift, end: iso(start) });
      }
      if (!placed) {
        next.push(overrideShift(override, start, end));
        placed = true;
      }
      if (shiftEnd > end) {
        next.push({ ...shift, start: iso(end) });
      }
    }
    if (!placed) {
      next.push(overrideShift(override, start, end));
    }
    result = next;
  }
  return result;
}

function overrideShift(override: Override, start: number, end: number): Shift {
  return {
    person: override.person,
    start: iso(start),
    end: iso(end),
    override: true,
  };
}

/**
 * The shift in force at an instant (start inclusive, end exclusive), or null.
 *
 * @public
 */
export function shiftAt(shifts: Shift[], instant: Date): Shift | null {
  const ms = instant.getTime();
  return (
    shifts.find(shift => at(shift.start) <= ms && ms < at(shift.end)) ?? null
  );
}
