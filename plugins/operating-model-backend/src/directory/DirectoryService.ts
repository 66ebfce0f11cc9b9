import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import {
  Directory,
  DirectoryDomain,
  DirectoryMeasures,
  DirectoryOnCall,
  DirectoryPerson,
  DirectoryService as DirectoryServiceRow,
  DirectoryTeam,
  OperatingModelConfig,
  OutOfHoursLevel,
  OwnershipFinding,
  Shift,
  TargetStatus,
  WorkingHoursConfig,
  availabilityFigure,
  deploymentFrequency,
  nextPeakEvent,
  nextWorkingTimeStart,
  ownershipFindings,
  peakEventAt,
  teamWorkingHours,
  whoIsPaged,
} from '@operating-model/backstage-plugin-operating-model-common';
import { promisify } from 'util';
import { gzip as gzipCallback } from 'zlib';
import { AssessedService } from '@operating-model/backstage-plugin-operating-model-common';
import { ServiceAssessments } from '../assessments/ServiceAssessments';
import { OrgSnapshot } from '../catalog/readOrgSnapshot';
import { EventWindow } from '../events/EventStore';
import { RotaService } from '../rotas/RotaService';

const gzip = promisify(gzipCallback);

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The event aggregates the measures at a glance need: one grouped query each. */
export interface DirectoryEventTotals {
  deploymentTotals(
    window: EventWindow,
  ): Promise<Array<{ service: string; count: number }>>;
  availabilityTotals(
    window: EventWindow,
  ): Promise<
    Array<{ service: string; good: number; total: number; count: number }>
  >;
}

/** The directory ready to send: the JSON text and its gzip, made once per change, not per request. */
export interface DirectoryBody {
  directory: Directory;
  json: string;
  gzipped: Buffer;
  etag: string;
  /** Rows by lower-case entity ref. */
  byRef: Map<string, DirectoryServiceRow>;
}

/** What does not change between catalog reads (or peak phases): every row less its live parts. */
interface Base {
  snapshot: OrgSnapshot;
  phase: string;
  version: number;
  services: Array<Omit<DirectoryServiceRow, 'onCall' | 'measures'>>;
  teams: DirectoryTeam[];
  domains: DirectoryDomain[];
  people: Map<string, DirectoryPerson>;
  teamHours: Map<string, WorkingHoursConfig>;
}

/** Each rota's shifts around one instant: worked out once per rota, never once per service. */
interface OnCallRotas {
  at: Date;
  version: number;
  /** The earliest instant one of the answers can change: a shift ending, or the maximum age. */
  validUntil: number;
  team: Map<string, Shift[]>;
  domain: Map<string, Shift[]>;
}

interface MeasureTotals {
  version: number;
  computedAt: number;
  window: { from: Date; to: Date };
  deployments: Map<string, number>;
  availability: Map<string, { good: number; total: number; count: number }>;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

function status(met: boolean | null): TargetStatus {
  if (met === null) return 'no-data';
  return met ? 'met' : 'missed';
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function inBatches<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
}

/**
 * The discoverability view's data: every team, domain and service in one answer, kept in memory.
 *
 * Three parts change at different speeds, so each is kept apart and the answer is put together
 * (and serialised and gzipped once) when one of them changes: the rows, rebuilt with each catalog
 * snapshot or peak phase; who is on call, worked out per rota at most once a minute (sooner when a
 * shift ends); and the deployment and availability totals of the last 30 days, from two grouped
 * queries at most every five minutes. A request is answered from what is kept, and a stale live
 * part is refreshed behind it, so the answer never waits on the rotas once warm.
 */
export class DirectoryService {
  private base: Base | undefined;
  private rotas: OnCallRotas | undefined;
  private totals: MeasureTotals | undefined;
  private body: { key: string; value: Promise<DirectoryBody> } | undefined;
  /** The last answer put together, which requests are given. */
  private prepared: DirectoryBody | undefined;
  private inFlight: Promise<void> | undefined;
  private versions = 0;
  /** Tells this process's answers from those before a restart, whose versions also start at 1. */
  private readonly instance = Date.now().toString(36);

  private readonly onCallMaxAgeMs: number;
  private readonly measuresMaxAgeMs: number;
  private readonly measuresWindowDays: number;

  constructor(
    private readonly options: {
      assessments: ServiceAssessments;
      rotas: RotaService;
      events: DirectoryEventTotals;
      config: OperatingModelConfig;
      logger: LoggerService;
      now: () => Date;
      onCallMaxAgeMs?: number;
      measuresMaxAgeMs?: number;
      measuresWindowDays?: number;
    },
  ) {
    this.onCallMaxAgeMs = options.onCallMaxAgeMs ?? MINUTE;
    this.measuresMaxAgeMs = options.measuresMaxAgeMs ?? 5 * MINUTE;
    this.measuresWindowDays = options.measuresWindowDays ?? 30;
  }

  /**
   * The directory as it stands. Only the first request waits; after that a request is answered
   * from the last prepared answer, and anything out of date (a new catalog snapshot, a peak
   * phase, the on-call part past its age or a shift end, the totals) is refreshed behind it.
   */
  async current(): Promise<DirectoryBody | undefined> {
    const now = this.options.now();
    if (!this.prepared) {
      await this.refreshAt(now);
      return this.prepared;
    }
    if (this.isOutOfDate(now)) {
      // After this answer has gone: rebuilding the rows takes a few hundred milliseconds at 10,000 services.
      setImmediate(() =>
        this.refreshAt(now).catch(error =>
          this.options.logger.warn(
            `Could not refresh the directory: ${stringifyError(error)}`,
          ),
        ),
      );
    }
    return this.prepared;
  }

  /**
   * New events have been written: the measures at a glance are recomputed on the next request
   * instead of waiting out their age; the last figures are served until then.
   */
  measuresChanged(): void {
    if (this.totals)
      this.totals = { ...this.totals, computedAt: Number.NEGATIVE_INFINITY };
  }

  /** One service's row, for the entity card's ownership warnings. */
  async service(entityRef: string): Promise<DirectoryServiceRow | undefined> {
    const body = await this.current();
    return body?.byRef.get(lower(entityRef));
  }

  /** Brings every part up to date and prepares the answer: run on a schedule so requests find it warm. */
  refresh(): Promise<void> {
    return this.refreshAt(this.options.now());
  }

  private isOutOfDate(now: Date): boolean {
    const snapshot = this.options.assessments.snapshot;
    return (
      !this.base ||
      this.base.snapshot !== snapshot ||
      this.base.phase !== this.phaseKey(now) ||
      this.isStale(now)
    );
  }

  private isStale(now: Date): boolean {
    const time = now.getTime();
    return (
      !this.rotas ||
      !this.totals ||
      time >= this.rotas.validUntil ||
      time - this.totals.computedAt >= this.measuresMaxAgeMs
    );
  }

  /** One refresh at a time: a request or the schedule arriving during one shares it. */
  private refreshAt(now: Date): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.doRefresh(now).finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  private async doRefresh(now: Date): Promise<void> {
    if (!this.ensureBase(now)) return;
    const time = now.getTime();
    const work: Array<Promise<void>> = [];
    if (!this.rotas || time >= this.rotas.validUntil)
      work.push(this.computeOnCall(now));
    if (
      !this.totals ||
      time - this.totals.computedAt >= this.measuresMaxAgeMs
    ) {
      work.push(this.computeTotals(now));
    }
    await Promise.all(work);
    this.prepared = await this.assemble();
  }

  private phaseKey(at: Date): string {
    const events = this.options.config.peakEvents;
    const on = peakEventAt(events, at);
    const next = nextPeakEvent(events, at);
    return JSON.stringify([
      on?.name ?? null,
      on?.start ?? null,
      next?.name ?? null,
      next?.start ?? null,
    ]);
  }

  private ensureBase(now: Date): Base | undefined {
    const snapshot = this.options.assessments.snapshot;
    if (!snapshot) return undefined;
    const phase = this.phaseKey(now);
    if (this.base?.snapshot !== snapshot || this.base.phase !== phase) {
      this.base = this.buildBase(
        snapshot,
        phase,
        this.options.assessments.list(now),
      );
    }
    return this.base;
  }

  private buildBase(
    snapshot: OrgSnapshot,
    phase: string,
    assessed: AssessedService[],
  ): Base {
    const titles = new Map<string, string>();
    for (const [ref, title] of snapshot.titles) titles.set(lower(ref), title);
    const title = (ref: string) => titles.get(lower(ref)) ?? ref;

    const emails = new Map(
      snapshot.users.map(u => [lower(u.entityRef), u.email]),
    );
    const people = new Map<string, DirectoryPerson>();
    const person = (ref: string): DirectoryPerson => {
      const key = lower(ref);
      let found = people.get(key);
      if (!found) {
        found = { ref: key, title: title(key), email: emails.get(key) ?? null };
        people.set(key, found);
      }
      return found;
    };

    const findings = ownershipFindings({
      services: snapshot.services,
      groups: snapshot.groups,
      users: snapshot.users,
      resources: snapshot.resources ?? [],
      title,
    });
    const none: OwnershipFinding[] = [];

    const services = assessed
      .map(a => ({
        ref: a.entityRef,
        title: a.titles.service,
        owner: a.owner,
        ownerTitle: a.owner ? title(a.owner) : null,
        domain: a.domain,
        domainTitle: a.domain ? title(a.domain) : null,
        system: a.system,
        systemTitle: a.system ? title(a.system) : null,
        model: {
          recommended: a.operatingModel.recommended,
          declared: a.operatingModel.declared,
        },
        availabilityTarget: a.availabilityTarget,
        deploymentTarget: a.deploymentTarget,
        outOfHours: a.onCall.outOfHours,
        links: {
          ...(a.links.runbook ? { runbook: a.links.runbook } : {}),
          ...(a.links.incidentChannel
            ? { incidentChannel: a.links.incidentChannel }
            : {}),
        },
        problems: a.problems.length,
        ownership: findings.get(lower(a.entityRef)) ?? none,
      }))
      .sort(
        (a, b) => a.title.localeCompare(b.title) || a.ref.localeCompare(b.ref),
      );

    const owned = new Map<
      string,
      { services: string[]; domains: Set<string> }
    >();
    const inDomain = new Map<string, { teams: Set<string>; count: number }>();
    for (const service of services) {
      if (service.owner) {
        const key = lower(service.owner);
        const entry = owned.get(key) ?? {
          services: [],
          domains: new Set<string>(),
        };
        entry.services.push(service.ref);
        if (service.domain) entry.domains.add(lower(service.domain));
        owned.set(key, entry);
      }
      if (service.domain) {
        const key = lower(service.domain);
        const entry = inDomain.get(key) ?? {
          teams: new Set<string>(),
          count: 0,
        };
        entry.count++;
        if (service.owner) entry.teams.add(lower(service.owner));
        inDomain.set(key, entry);
      }
    }

    const teamHours = new Map<string, WorkingHoursConfig>();
    const teams: DirectoryTeam[] = [];
    for (const group of snapshot.groups) {
      const ref = lower(group.entityRef);
      const own = owned.get(ref);
      // Departments and other Groups that own nothing are not teams anyone looks up in an incident.
      if (group.type !== 'team' && !own) continue;
      teamHours.set(
        ref,
        teamWorkingHours(group.annotations, this.options.config).hours,
      );
      teams.push({
        ref,
        title: title(ref),
        type: group.type,
        people: group.members.map(person),
        domains: [...(own?.domains ?? [])].sort(),
        services: [...(own?.services ?? [])].sort(),
      });
    }
    teams.sort(
      (a, b) => a.title.localeCompare(b.title) || a.ref.localeCompare(b.ref),
    );

    const domainRefs = new Set([
      ...snapshot.domains.map(d => lower(d.entityRef)),
      ...inDomain.keys(),
    ]);
    const domains: DirectoryDomain[] = [...domainRefs]
      .map(ref => ({
        ref,
        title: title(ref),
        teams: [...(inDomain.get(ref)?.teams ?? [])].sort(),
        serviceCount: inDomain.get(ref)?.count ?? 0,
      }))
      .sort(
        (a, b) => a.title.localeCompare(b.title) || a.ref.localeCompare(b.ref),
      );

    return {
      snapshot,
      phase,
      version: ++this.versions,
      services,
      teams,
      domains,
      people,
      teamHours,
    };
  }

  /** Rule 9 for every service from one look at each rota: the team rotas that own a service and the domain rotas in use. */
  private async computeOnCall(now: Date): Promise<void> {
    const base = this.base;
    if (!base) return;
    const { rotas, config } = this.options;
    const at = now;
    const team = new Map<string, Shift[]>();
    const domain = new Map<string, Shift[]>();
    let validUntil = at.getTime() + this.onCallMaxAgeMs;
    const noteEnds = (shifts: Shift[]) => {
      for (const shift of shifts) {
        const end = Date.parse(shift.end);
        if (end > at.getTime() && end < validUntil) validUntil = end;
      }
    };

    const owners = [
      ...new Set(base.services.flatMap(s => (s.owner ? [lower(s.owner)] : []))),
    ];
    const domainRotas = [
      ...new Set(
        base.services.flatMap(s =>
          s.outOfHours === 'domain' && s.domain ? [lower(s.domain)] : [],
        ),
      ),
    ];
    const failures: string[] = [];
    // Each team's shifts reach its next working-hours start, where a callout waits with level `none`.
    await inBatches(owners, 8, async owner => {
      const hours = base.teamHours.get(owner) ?? config.workingHours;
      const opening = nextWorkingTimeStart(at, hours, config.holidays);
      const until = new Date(Math.max(at.getTime(), opening.getTime()) + 1);
      try {
        const shifts = await rotas.shiftsBetween(owner, at, until, now);
        if (shifts) {
          team.set(owner, shifts);
          noteEnds(shifts.filter(s => Date.parse(s.start) <= at.getTime()));
        }
      } catch (error) {
        failures.push(`${owner}: ${stringifyError(error)}`);
      }
    });
    await inBatches(domainRotas, 8, async ref => {
      try {
        const shifts = await rotas.shiftsBetween(
          ref,
          at,
          new Date(at.getTime() + 1),
          now,
        );
        if (shifts) {
          domain.set(ref, shifts);
          noteEnds(shifts);
        }
      } catch (error) {
        failures.push(`${ref}: ${stringifyError(error)}`);
      }
    });
    if (failures.length > 0) {
      this.options.logger.warn(
        `Could not work out ${failures.length} rota(s) for the directory, first ${failures[0]}`,
      );
    }
    this.rotas = { at, version: ++this.versions, validUntil, team, domain };
  }

  private async computeTotals(now: Date): Promise<void> {
    const to = now;
    const from = new Date(to.getTime() - this.measuresWindowDays * DAY);
    const window: EventWindow = { from: from.getTime(), to: to.getTime() };
    const [deployments, availability] = await Promise.all([
      this.options.events.deploymentTotals(window),
      this.options.events.availabilityTotals(window),
    ]);
    this.totals = {
      version: ++this.versions,
      computedAt: now.getTime(),
      window: { from, to },
      deployments: new Map(deployments.map(d => [lower(d.service), d.count])),
      availability: new Map(availability.map(a => [lower(a.service), a])),
    };
  }

  private assemble(): Promise<DirectoryBody> {
    const base = this.base!;
    const rotas = this.rotas;
    const totals = this.totals;
    const key = `${base.version}:${rotas?.version ?? 0}:${
      totals?.version ?? 0
    }`;
    if (this.body?.key !== key) {
      const value = this.serialise(this.build(base, rotas, totals), key);
      // A failed build is not kept, so the next request tries again.
      value.catch(() => {
        if (this.body?.value === value) this.body = undefined;
      });
      this.body = { key, value };
    }
    return this.body.value;
  }

  private build(
    base: Base,
    rotas: OnCallRotas | undefined,
    totals: MeasureTotals | undefined,
  ): Directory {
    const { config } = this.options;
    const frequencies = config.deploymentFrequencies;
    const windowDays = this.measuresWindowDays;
    const person = (ref: string | null) => {
      if (!ref) return null;
      return (
        base.people.get(lower(ref)) ?? {
          ref: lower(ref),
          title: ref,
          email: null,
        }
      );
    };
    // Services of one team with the same out-of-hours level and domain get the same answer.
    const answers = new Map<string, DirectoryOnCall>();
    const onCallOf = (
      service: Base['services'][number],
    ): DirectoryOnCall | null => {
      if (!rotas) return null;
      const owner = service.owner ? lower(service.owner) : '';
      const level: OutOfHoursLevel | null = service.outOfHours;
      const domainRef =
        level === 'domain' && service.domain ? lower(service.domain) : null;
      const key = `${owner}|${level}|${domainRef}`;
      let answer = answers.get(key);
      if (!answer) {
        const paged = whoIsPaged({
          at: rotas.at,
          workingHours: base.teamHours.get(owner) ?? config.workingHours,
          holidays: config.holidays,
          outOfHours: level,
          teamShifts: rotas.team.get(owner) ?? [],
          domainShifts: domainRef ? rotas.domain.get(domainRef) ?? [] : [],
        });
        const pagedRota =
          paged.schedule === 'domain' ? domainRef : owner || null;
        answer = {
          period: paged.period,
          schedule: paged.schedule,
          person: person(paged.person),
          rota: paged.person ? pagedRota : null,
          shiftEnd: paged.shiftEnd,
          next: paged.next
            ? { person: person(paged.next.person), at: paged.next.at }
            : null,
        };
        answers.set(key, answer);
      }
      return answer;
    };
    const measuresOf = (
      service: Base['services'][number],
    ): DirectoryMeasures => {
      const ref = lower(service.ref);
      const deployments = deploymentFrequency({
        count: totals?.deployments.get(ref) ?? 0,
        windowDays,
        target: service.deploymentTarget,
        frequencies,
      });
      const requests = totals?.availability.get(ref);
      const availability = availabilityFigure({
        good: requests?.good ?? 0,
        total: requests?.total ?? 0,
        count: requests?.count ?? 0,
        target: service.availabilityTarget,
      });
      return {
        deploymentFrequency: {
          per30Days: deployments.per30Days,
          target: service.deploymentTarget,
          // As in the measures: no deployment recorded is no data, never a miss.
          status: status(deployments.targetMet),
        },
        availability: {
          ratio: availability.ratio,
          target: service.availabilityTarget,
          status: status(availability.targetMet),
        },
      };
    };
    return {
      catalogReadAt: base.snapshot.readAt.toISOString(),
      onCallAt: rotas?.at.toISOString() ?? null,
      measuresWindow: totals
        ? {
            from: totals.window.from.toISOString(),
            to: totals.window.to.toISOString(),
          }
        : null,
      teams: base.teams,
      domains: base.domains,
      services: base.services.map(service => ({
        ...service,
        onCall: onCallOf(service),
        measures: measuresOf(service),
      })),
    };
  }

  private async serialise(
    directory: Directory,
    key: string,
  ): Promise<DirectoryBody> {
    const json = JSON.stringify(directory);
    const gzipped = await gzip(json, { level: 5 });
    return {
      directory,
      json,
      gzipped,
      etag: `"directory-${this.instance}-${key.replace(/:/g, '-')}"`,
      byRef: new Map(directory.services.map(s => [lower(s.ref), s])),
    };
  }
}
