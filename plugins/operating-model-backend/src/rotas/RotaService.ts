import { RotaResource } from '@operating-model/backstage-plugin-operating-model-node';
import { NotFoundError } from '@backstage/errors';
import {
  OnCallResult,
  OperatingModelConfig,
  RotaSchedule,
  Override,
  RecordedShift,
  Shift,
  applyOverrides,
  interleaveByTeam,
  nextWorkingTimeStart,
  rotaProblems,
  rotaShifts,
  shiftsToRecord,
  teamRotaSettings,
  teamWorkingHours,
  whoIsPaged,
} from '@operating-model/backstage-plugin-operating-model-common';
import { ServiceAssessments } from '../assessments/ServiceAssessments';
import { GroupFacts, OrgSnapshot } from '../catalog/readOrgSnapshot';
import { SnapshotIndex, snapshotIndex } from '../catalog/snapshotIndex';
import { createPause } from '../lib/slices';
import { RotaStore } from './RotaStore';

const DAY = 24 * 60 * 60 * 1000;
const QUARTER = 91 * DAY;

export type RotaSettings = ReturnType<typeof teamRotaSettings>;

/** A window's records as the store answers them: see `RotaStore.recordedShiftsAround`. */
interface WindowRecords {
  from: number;
  to: number;
  history: RecordedShift[];
  overrides: Override[];
}

/**
 * The records the store would answer for a window inside one already read, or undefined when it
 * is not inside: the last recorded shift that starts before it and those that start in it, and
 * the overrides that overlap it, in the store's order. A rota's schedule reads its window once
 * and takes the next quarter's (for its problems) from it, instead of asking the store again.
 */
export function recordsWithin(
  records: WindowRecords,
  from: Date,
  to: Date,
): WindowRecords | undefined {
  const f = from.getTime();
  const t = to.getTime();
  if (f < records.from || t > records.to) return undefined;
  let before: RecordedShift | undefined;
  const within: RecordedShift[] = [];
  for (const shift of records.history) {
    const start = Date.parse(shift.start);
    if (start < f) before = shift;
    else if (start < t) within.push(shift);
  }
  return {
    from: f,
    to: t,
    history: before ? [before, ...within] : within,
    overrides: records.overrides.filter(
      o => Date.parse(o.start) < t && Date.parse(o.end) > f,
    ),
  };
}

/** Who is on a rota and how it turns, as the catalog says now. */
export interface RotaDefinition {
  rotaRef: string;
  kind: 'team' | 'domain';
  participants: string[];
  teamOf: Record<string, string>;
  settings: RotaSettings;
  /** The teams whose members may add and remove overrides on this rota. */
  teams: string[];
  /** People on the teams who opted out of on-call: counted, never named as a reason. */
  optedOutCount: number;
  problems: Array<{ code: string; message: string }>;
}

function normalise(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/**
 * Builds team and domain rotas from the catalog snapshot, keeps the shifts that have started
 * (so a membership change only ever changes future shifts) and answers who is paged.
 */
export class RotaService {
  constructor(
    private readonly assessments: ServiceAssessments,
    private readonly store: RotaStore,
    private readonly config: OperatingModelConfig,
  ) {}

  private snapshot(): OrgSnapshot {
    const snapshot = this.assessments.snapshot;
    if (!snapshot) throw new NotFoundError('The catalog has not been read yet');
    return snapshot;
  }

  private index(): SnapshotIndex {
    return snapshotIndex(this.snapshot());
  }

  private group(ref: string): GroupFacts | undefined {
    return this.index().groups.get(normalise(ref));
  }

  private available(members: string[]): { people: string[]; optedOut: number } {
    const users = this.index().users;
    const people = members.filter(m => !users.get(m)?.optedOut);
    return { people, optedOut: members.length - people.length };
  }

  /** The rota of a Group or a Domain, or undefined when the catalog has no such entity. */
  definition(rotaRef: string, now: Date): RotaDefinition | undefined {
    const ref = normalise(rotaRef);
    if (ref.startsWith('group:')) {
      const group = this.group(ref);
      if (!group) return undefined;
      const { people, optedOut } = this.available(group.members);
      const settings = teamRotaSettings(group.annotations, this.config);
      return {
        rotaRef: ref,
        kind: 'team',
        participants: people,
        teamOf: Object.fromEntries(people.map(p => [p, ref])),
        settings,
        teams: [ref],
        optedOutCount: optedOut,
        problems: settings.problems.map(p => ({
          code: 'annotation',
          message: p.message,
        })),
      };
    }
    if (ref.startsWith('domain:')) {
      if (!this.index().domains.has(ref)) return undefined;
      // Rule 8: the domain rota covers the services whose out-of-hours level is `domain`,
      // drawing from every team that owns one.
      const owners = this.assessments.domainRotaTeams(now).get(ref) ?? [];
      let optedOutCount = 0;
      const teams = owners.map(team => {
        const { people, optedOut } = this.available(
          this.group(team)?.members ?? [],
        );
        optedOutCount += optedOut;
        return { team, members: people };
      });
      const { participants, teamOf } = interleaveByTeam(teams);
      const problems =
        teams.length === 0
          ? [
              {
                code: 'no-domain-services',
                message:
                  'No service in this domain needs a domain schedule out of hours',
              },
            ]
          : [];
      return {
        rotaRef: ref,
        kind: 'domain',
        participants,
        teamOf,
        settings: teamRotaSettings({}, this.config),
        teams: teams.map(t => t.team),
        optedOutCount,
        problems,
      };
    }
    return undefined;
  }

  /** What the store holds for a rota's window: the recorded shifts it needs and its overrides. */
  private async records(
    def: RotaDefinition,
    from: Date,
    to: Date,
  ): Promise<WindowRecords> {
    return {
      from: from.getTime(),
      to: to.getTime(),
      history: await this.store.recordedShiftsAround(def.rotaRef, from, to),
      overrides: await this.store.listOverrides(def.rotaRef, from, to),
    };
  }

  /** The rotation's shifts in a window, before overrides; records the ones that have started. */
  private async baseShifts(
    def: RotaDefinition,
    from: Date,
    to: Date,
    now: Date,
    recordedHistory?: RecordedShift[],
  ): Promise<Shift[]> {
    const history =
      recordedHistory ??
      (await this.store.recordedShiftsAround(def.rotaRef, from, to));
    const shifts = rotaShifts({
      participants: def.participants,
      settings: def.settings,
      history,
      from,
      to,
      teamOf: def.teamOf,
    });
    const recorded = new Set(history.map(h => h.start));
    const started = shiftsToRecord(shifts, now).filter(
      s => !recorded.has(s.start),
    );
    await this.store.recordShifts(def.rotaRef, started, now);
    if (recordedHistory && started.length > 0) {
      // The caller's records stay what the store now holds, for the windows taken from them.
      recordedHistory.push(...started);
      recordedHistory.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    }
    return shifts;
  }

  /** The rota's shifts in a window, overrides applied; `known` may hold the window's records. */
  private async shifts(
    def: RotaDefinition,
    from: Date,
    to: Date,
    now: Date,
    known?: WindowRecords,
  ): Promise<{ shifts: Shift[]; overrides: Override[] }> {
    const { history, overrides } =
      (known && recordsWithin(known, from, to)) ??
      (await this.records(def, from, to));
    const base = await this.baseShifts(def, from, to, now, history);
    return { shifts: applyOverrides(base, overrides), overrides };
  }

  /**
   * A rota's shifts in a window with overrides applied, or undefined when the catalog has no such
   * Group or Domain: for callers that answer many services from one rota (the directory).
   */
  async shiftsBetween(
    rotaRef: string,
    from: Date,
    to: Date,
    now: Date,
  ): Promise<Shift[] | undefined> {
    const def = this.definition(rotaRef, now);
    if (!def) return undefined;
    return (await this.shifts(def, from, to, now)).shifts;
  }

  private require(rotaRef: string, now: Date): RotaDefinition {
    const def = this.definition(rotaRef, now);
    if (!def)
      throw new NotFoundError(`No Group or Domain ${rotaRef} in the catalog`);
    return def;
  }

  async schedule(
    rotaRef: string,
    from: Date,
    to: Date,
    now: Date,
  ): Promise<RotaSchedule> {
    const def = this.require(rotaRef, now);
    const records = await this.records(def, from, to);
    const { overrides } = records;
    const shifts = applyOverrides(
      await this.baseShifts(def, from, to, now, records.history),
      overrides,
    );
    // The next quarter's problems; its records come from the window's when it lies inside it.
    const { shifts: quarter } = await this.shifts(
      def,
      now,
      new Date(now.getTime() + QUARTER),
      now,
      records,
    );
    const problems = [
      ...def.problems,
      ...rotaProblems({
        participants: def.participants,
        minimumParticipants: this.config.onCall.minimumParticipants,
        shifts: quarter,
      }),
    ];
    return {
      rotaRef: def.rotaRef,
      kind: def.kind,
      participants: def.participants,
      teams: def.teams,
      shifts,
      overrides,
      problems,
      timezone: def.settings.timezone,
      optedOutCount: def.optedOutCount,
    };
  }

  /** Every rota the catalog calls for: each team Group that owns a service, and each Domain. */
  rotaRefs(now: Date): string[] {
    const snapshot = this.snapshot();
    const owners = new Set(
      snapshot.services.map(s => s.owner).filter((o): o is string => !!o),
    );
    const domainTeams = this.assessments.domainRotaTeams(now);
    const teams = snapshot.groups
      .filter(g => g.type === 'team' || owners.has(g.entityRef))
      .map(g => g.entityRef);
    const domains = snapshot.domains
      .map(d => d.entityRef)
      .filter(d => (domainTeams.get(d)?.length ?? 0) > 0);
    return [...teams, ...domains];
  }

  /** Records the shift each rota is on now; run on a schedule so history exists unread. */
  async recordCurrentShifts(now: Date): Promise<void> {
    if (!this.assessments.snapshot) return;
    const pause = createPause();
    for (const ref of this.rotaRefs(now)) {
      await pause();
      const def = this.definition(ref, now);
      if (def && def.participants.length > 0) {
        await this.baseShifts(def, now, new Date(now.getTime() + 1), now);
      }
    }
  }

  /** Rule 9: who is paged for a service at an instant. */
  async onCall(entityRef: string, at: Date, now: Date): Promise<OnCallResult> {
    const service = this.assessments.get(entityRef, at);
    if (!service)
      throw new NotFoundError(`No service ${entityRef} in the catalog`);
    const group = service.owner ? this.group(service.owner) : undefined;
    const hours = teamWorkingHours(group?.annotations ?? {}, this.config).hours;
    const nextStart = nextWorkingTimeStart(at, hours, this.config.holidays);
    const until = new Date(Math.max(at.getTime(), nextStart.getTime()) + 1);

    const teamShifts = group
      ? (await this.shifts(this.require(group.entityRef, now), at, until, now))
          .shifts
      : [];
    const domainRef =
      service.onCall.outOfHours === 'domain' ? service.domain : null;
    const domainShifts = domainRef
      ? (
          await this.shifts(
            this.require(domainRef, now),
            at,
            new Date(at.getTime() + 1),
            now,
          )
        ).shifts
      : [];
    const answer = whoIsPaged({
      at,
      workingHours: hours,
      holidays: this.config.holidays,
      outOfHours: service.onCall.outOfHours,
      teamShifts,
      domainShifts,
    });
    return {
      entityRef: service.entityRef,
      at: at.toISOString(),
      ...answer,
      rotas: { team: group?.entityRef ?? null, domain: domainRef },
      workingHours: {
        timezone: hours.timezone,
        days: hours.days,
        start: hours.start,
        end: hours.end,
      },
    };
  }

  /** The shifts of one person across every rota they are on, for their own calendar. */
  async personShifts(
    userRef: string,
    from: Date,
    to: Date,
    now: Date,
  ): Promise<Array<Shift & { rotaRef: string }>> {
    const person = normalise(userRef);
    const result: Array<Shift & { rotaRef: string }> = [];
    const pause = createPause();
    for (const ref of this.rotaRefs(now)) {
      await pause();
      const def = this.definition(ref, now);
      if (!def) continue;
      const overrides = await this.store.listOverrides(ref, from, to);
      if (
        !def.participants.includes(person) &&
        !overrides.some(o => o.person === person)
      )
        continue;
      const { shifts } = await this.shifts(def, from, to, now);
      result.push(
        ...shifts
          .filter(s => s.person === person)
          .map(s => ({ ...s, rotaRef: ref })),
      );
    }
    return result.sort((a, b) => a.start.localeCompare(b.start));
  }

  isKnownUser(userRef: string): boolean {
    return this.index().users.has(normalise(userRef));
  }

  /** True when the user is a member of one of the rota's teams. */
  isRotaMember(def: RotaDefinition, userRef: string): boolean {
    const user = normalise(userRef);
    return def.teams.some(team => this.group(team)?.members.includes(user));
  }

  title(ref: string): string {
    return this.snapshot().titles.get(normalise(ref)) ?? ref;
  }

  async addOverride(
    def: RotaDefinition,
    input: {
      person: string;
      covers: string | null;
      start: Date;
      end: Date;
      reason?: string;
    },
    createdBy: string,
    now: Date,
  ): Promise<Override> {
    return this.store.createOverride(def.rotaRef, input, createdBy, now);
  }

  async removeOverride(
    def: RotaDefinition,
    id: string,
    removedBy: string,
    now: Date,
  ): Promise<void> {
    if (!(await this.store.removeOverride(def.rotaRef, id, removedBy, now))) {
      throw new NotFoundError(`No override ${id} on ${def.rotaRef}`);
    }
  }

  /** The configured signing secret, or else the one kept in the database. */
  async feedSecret(): Promise<string> {
    return this.config.calendarFeeds.signingSecret ?? this.store.feedSecret();
  }

  feedLinkGeneration(person: string): Promise<number> {
    return this.store.feedLinkGeneration(normalise(person));
  }

  resetFeedLinks(person: string): Promise<number> {
    return this.store.resetFeedLinks(normalise(person));
  }

  /** What the permission rules see of a rota, or undefined when the catalog has no such Group or Domain. */
  resource(rotaRef: string, now: Date): RotaResource | undefined {
    const def = this.definition(rotaRef, now);
    if (!def) return undefined;
    const members = new Set(
      def.teams.flatMap(team => this.group(team)?.members ?? []),
    );
    return { rotaRef: def.rotaRef, teams: def.teams, members: [...members] };
  }
}
