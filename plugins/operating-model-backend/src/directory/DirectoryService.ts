import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import {
  AssessedService,
  Directory,
  DirectoryDomain,
  DirectoryFacets,
  DirectoryFilters,
  DirectoryGroupBy,
  DirectoryIndex,
  DirectoryItem,
  DirectoryMeasures,
  DirectoryOnCall,
  DirectoryPerson,
  DirectoryQuery,
  DirectoryService as DirectoryServiceRow,
  DirectoryServicesPage,
  DirectoryTeam,
  NO_DIRECTORY_FILTERS,
  OperatingModelConfig,
  OutOfHoursLevel,
  OwnershipFinding,
  Shift,
  TargetStatus,
  WorkingHoursConfig,
  availabilityFigure,
  compareByTitle,
  deploymentFrequency,
  directoryIndexSteps,
  isWorkingTime,
  nextPeakEvent,
  nextWorkingTimeStart,
  ownershipFindingsSteps,
  peakEventAt,
  selectDirectoryItemsSteps,
  serviceSearchText,
  teamSearchText,
  teamWorkingHours,
  whoIsPaged,
} from '@operating-model/backstage-plugin-operating-model-common';
import { promisify } from 'util';
import { gzip as gzipCallback } from 'zlib';
import { ServiceAssessments } from '../assessments/ServiceAssessments';
import { OrgSnapshot } from '../catalog/readOrgSnapshot';
import { EventWindow } from '../events/EventStore';
import { createPause, runInSlices, sortSteps } from '../lib/slices';
import { RotaService } from '../rotas/RotaService';

const gzip = promisify(gzipCallback);

const MINUTE = 60_000;
const DAY = 86_400_000;
/** The directory's refreshes give the event loop a turn this often: well inside the 50 ms goal. */
const SLICE_MS = 10;
/** A page of rows: the first screen and a scroll's worth. */
export const DIRECTORY_PAGE_DEFAULT = 100;
export const DIRECTORY_PAGE_MAX = 500;
/** Recent selections (filters and grouping) kept per answer, so paging and typing back reuse them. */
const SELECTIONS_KEPT = 32;
/** Services whose 30-day totals are read in one query (the event store's longest list of refs). */
const TOTALS_CHUNK = 500;

/** The event aggregates the measures at a glance need: one grouped query each, for a list of services. */
export interface DirectoryEventTotals {
  deploymentTotals(
    window: EventWindow,
    services: readonly string[],
  ): Promise<Array<{ service: string; count: number }>>;
  availabilityTotals(
    window: EventWindow,
    services: readonly string[],
  ): Promise<
    Array<{ service: string; good: number; total: number; count: number }>
  >;
}

/** The directory as requests read it: the whole rows and their search index, replaced as a whole. */
export interface DirectoryView {
  directory: Directory;
  index: DirectoryIndex;
  /** Rows by lower-case entity ref. */
  byRef: Map<string, DirectoryServiceRow>;
  key: string;
  selections: Map<string, { matched: number; items: DirectoryItem[] }>;
}

/** A body serialised and gzipped once per change, not per request. */
export interface PreparedBody {
  json: string;
  gzipped: Buffer;
  etag: string;
}

type BaseRow = Omit<DirectoryServiceRow, 'onCall' | 'measures'>;

/** What does not change between catalog reads (or peak phases): every row less its live parts. */
interface Base {
  snapshot: OrgSnapshot;
  phase: string;
  version: number;
  /** Sorted by title. */
  services: BaseRow[];
  /** Each service's search text less who is on call, by position; and each team's. */
  serviceText: string[];
  teamText: string[];
  /** Each service's on-call answer key, by position (see `answerKeyOf`). */
  answerKeys: string[];
  /** Each answer key's inputs: one whoIsPaged per team, level and domain, never one per service. */
  answerInputs: Map<
    string,
    { owner: string; level: OutOfHoursLevel | null; domain: string | null }
  >;
  teams: DirectoryTeam[];
  domains: DirectoryDomain[];
  people: Map<string, DirectoryPerson>;
  teamHours: Map<string, WorkingHoursConfig>;
  /** The rotas the answers read: every owning team, and the domains with a `domain` service. */
  teamRotas: string[];
  domainRotas: string[];
  facets?: Promise<PreparedBody>;
}

/**
 * One rota's shifts around the instant they were read, kept until one of its answers can change:
 * the shift in force ends, working hours start (the team's window reaches that far), the rota
 * is changed here, or its maximum age passes (for overrides written by another replica).
 */
interface RotaEntry {
  shifts: Shift[];
  validUntil: number;
  /** A hash of the rota's definition (members, settings): a new snapshot re-reads only changed ones. */
  definition: number;
  version: number;
}

interface Answer {
  answer: DirectoryOnCall;
  teamVersion: number;
  domainVersion: number;
  working: boolean;
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

/** FNV-1a: a rota definition's fingerprint, so 10,000 of them are not kept as text. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function answerKeyOf(service: BaseRow): string {
  const owner = service.owner ? lower(service.owner) : '';
  const domain =
    service.outOfHours === 'domain' && service.domain
      ? lower(service.domain)
      : null;
  return `${owner}|${service.outOfHours}|${domain}`;
}

function selectionKey(filters: DirectoryFilters, groupBy: DirectoryGroupBy) {
  return JSON.stringify([
    filters.query.trim().toLocaleLowerCase('en-US'),
    filters.domain && lower(filters.domain),
    filters.team && lower(filters.team),
    filters.model,
    filters.availabilityTarget,
    filters.outOfHours,
    filters.hasProblems,
    groupBy,
  ]);
}

/**
 * The discoverability view's data: every team, domain and service, kept in memory and answered a
 * page at a time, searched, filtered and grouped here (the whole directory at 50,000 services is
 * 55 MiB of JSON, too much for a browser to wait for).
 *
 * Three parts change at different speeds, so each is kept apart and the rows are put together
 * when one of them changes: the rows' fixed part, rebuilt with each catalog snapshot or peak
 * phase; who is on call, worked out per rota and only again for a rota whose answer can have
 * changed (its shift ended, working hours started or ended, it was changed, or its maximum age
 * passed); and the deployment and availability totals of the last 30 days, from two grouped
 * queries at most every five minutes. Every refresh runs in slices of about 10 ms, giving the
 * event loop a turn between them, so requests are answered while it runs. A request is answered
 * from what is kept, and a stale part is refreshed behind it.
 */
export class DirectoryService {
  private base: Base | undefined;
  private readonly rotaEntries = new Map<string, RotaEntry>();
  /** Rotas changed here (an override) since they were read. */
  private readonly changedRotas = new Set<string>();
  private rotasCheckedFor: Base | undefined;
  private answers = new Map<string, Answer>();
  private answersVersion = 0;
  private onCallAt: Date | undefined;
  private onCallValidUntil = Number.NEGATIVE_INFINITY;
  private totals: MeasureTotals | undefined;
  private view: DirectoryView | undefined;
  private firstView: { promise: Promise<void>; resolve: () => void };
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
      /** The longest a rota's shifts are kept: 10 minutes, spread over the rotas. */
      onCallMaxAgeMs?: number;
      measuresMaxAgeMs?: number;
      measuresWindowDays?: number;
    },
  ) {
    this.onCallMaxAgeMs = options.onCallMaxAgeMs ?? 10 * MINUTE;
    this.measuresMaxAgeMs = options.measuresMaxAgeMs ?? 5 * MINUTE;
    this.measuresWindowDays = options.measuresWindowDays ?? 30;
    let resolve = () => {};
    const promise = new Promise<void>(r => {
      resolve = r;
    });
    this.firstView = { promise, resolve };
  }

  /**
   * The directory as it stands, who is on call worked out. Only the first request waits; after
   * that a request is answered from the last view, and anything out of date is refreshed behind it.
   */
  async current(): Promise<DirectoryView | undefined> {
    const now = this.options.now();
    if (!this.view || this.answersVersion === 0) {
      await this.refreshAt(now);
      return this.view;
    }
    this.refreshBehind(now);
    return this.view;
  }

  /**
   * The directory as soon as its rows are there: on a cold start, before who is on call has been
   * worked out for every rota (the rows say "not worked out yet" and `onCallAt` is null until then).
   */
  async rows(): Promise<DirectoryView | undefined> {
    const now = this.options.now();
    if (!this.view) {
      const refresh = this.refreshAt(now);
      await Promise.race([refresh, this.firstView.promise]);
      return this.view;
    }
    this.refreshBehind(now);
    return this.view;
  }

  /** A page of the rows matching a query: what the discoverability view and the collator read. */
  async query(q: DirectoryQuery): Promise<DirectoryServicesPage | undefined> {
    const view = await this.rows();
    if (!view) return undefined;
    const filters: DirectoryFilters = {
      query: q.query ?? NO_DIRECTORY_FILTERS.query,
      domain: q.domain ?? null,
      team: q.team ?? null,
      model: q.model ?? null,
      availabilityTarget: q.availabilityTarget ?? null,
      outOfHours: q.outOfHours ?? null,
      hasProblems: q.hasProblems ?? false,
    };
    const groupBy = q.groupBy ?? 'none';
    const key = selectionKey(filters, groupBy);
    let selection = view.selections.get(key);
    if (selection) {
      view.selections.delete(key);
    } else {
      // In slices: a search that matches most of 50,000 services, grouped, is tens of ms of work.
      selection = await runInSlices(
        selectDirectoryItemsSteps(view.index, filters, groupBy),
        SLICE_MS,
      );
      if (view.selections.size >= SELECTIONS_KEPT) {
        view.selections.delete(view.selections.keys().next().value!);
      }
    }
    view.selections.set(key, selection);
    const offset = q.offset ?? 0;
    const limit = Math.min(
      q.limit ?? DIRECTORY_PAGE_DEFAULT,
      DIRECTORY_PAGE_MAX,
    );
    return {
      catalogReadAt: view.directory.catalogReadAt,
      onCallAt: view.directory.onCallAt,
      measuresWindow: view.directory.measuresWindow,
      total: view.index.services.length,
      matched: selection.matched,
      itemCount: selection.items.length,
      offset,
      items: selection.items.slice(offset, offset + limit),
      availabilityTargets: view.index.availabilityTargets,
    };
  }

  /** The teams and domains to filter by, serialised and gzipped once per catalog snapshot. */
  async facets(): Promise<PreparedBody | undefined> {
    await this.rows();
    const base = this.base;
    if (!base) return undefined;
    if (!base.facets) {
      const facets: DirectoryFacets = {
        teams: base.teams.map(t => ({ ref: t.ref, title: t.title })),
        domains: base.domains.map(d => ({ ref: d.ref, title: d.title })),
      };
      base.facets = this.prepare(facets, `facets-${base.version}`);
      base.facets.catch(() => {
        if (this.base === base) base.facets = undefined;
      });
    }
    return base.facets;
  }

  /**
   * New events have been written: the measures at a glance are recomputed on the next request
   * instead of waiting out their age; the last figures are served until then.
   */
  measuresChanged(): void {
    if (this.totals)
      this.totals = { ...this.totals, computedAt: Number.NEGATIVE_INFINITY };
  }

  /** A rota was changed here (an override added or removed): read it again at the next refresh. */
  rotaChanged(rotaRef: string): void {
    this.changedRotas.add(lower(rotaRef));
    this.onCallValidUntil = Number.NEGATIVE_INFINITY;
  }

  /**
   * One service's row, for the entity card's ownership warnings; on a cold start, before who is
   * on call is worked out, as the rows have it (`onCall` null).
   */
  async service(entityRef: string): Promise<DirectoryServiceRow | undefined> {
    const view = await this.rows();
    return view?.byRef.get(lower(entityRef));
  }

  /** Brings every part up to date: run on a schedule so requests find it warm. */
  refresh(): Promise<void> {
    return this.refreshAt(this.options.now());
  }

  private refreshBehind(now: Date) {
    if (!this.isOutOfDate(now)) return;
    // After this answer has gone.
    setImmediate(() =>
      this.refreshAt(now).catch(error =>
        this.options.logger.warn(
          `Could not refresh the directory: ${stringifyError(error)}`,
        ),
      ),
    );
  }

  private isOutOfDate(now: Date): boolean {
    const time = now.getTime();
    return (
      !this.base ||
      this.base.snapshot !== this.options.assessments.snapshot ||
      this.base.phase !== this.phaseKey(now) ||
      !this.totals ||
      time >= this.onCallValidUntil ||
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
    const base = await this.ensureBase(now);
    if (!base) return;
    const time = now.getTime();
    if (
      !this.totals ||
      time - this.totals.computedAt >= this.measuresMaxAgeMs
    ) {
      await this.computeTotals(base, now);
    }
    if (!this.view) {
      // The rows first, on a cold start: working out every rota is the long part.
      await this.publish(base);
    }
    await this.updateOnCall(base, now);
    await this.publish(base);
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

  private async ensureBase(now: Date): Promise<Base | undefined> {
    const snapshot = this.options.assessments.snapshot;
    if (!snapshot) return undefined;
    const phase = this.phaseKey(now);
    if (this.base?.snapshot !== snapshot || this.base.phase !== phase) {
      const assessed = this.options.assessments.list(now);
      this.base = await runInSlices(
        this.baseSteps(snapshot, phase, assessed),
        SLICE_MS,
      );
    }
    return this.base;
  }

  private *baseSteps(
    snapshot: OrgSnapshot,
    phase: string,
    assessed: AssessedService[],
  ): Generator<void, Base> {
    const titles = new Map<string, string>();
    for (const [ref, title] of snapshot.titles) {
      titles.set(lower(ref), title);
      yield;
    }
    const title = (ref: string) => titles.get(lower(ref)) ?? ref;

    const emails = new Map<string, string | null>();
    for (const u of snapshot.users) {
      emails.set(lower(u.entityRef), u.email);
      yield;
    }
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

    const findings = yield* ownershipFindingsSteps({
      services: snapshot.services,
      groups: snapshot.groups,
      users: snapshot.users,
      resources: snapshot.resources ?? [],
      title,
    });
    const none: OwnershipFinding[] = [];

    const services: BaseRow[] = [];
    for (const a of assessed) {
      services.push({
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
      });
      yield;
    }
    yield* sortSteps(services, compareByTitle);

    const owned = new Map<
      string,
      { services: string[]; domains: Set<string> }
    >();
    const inDomain = new Map<string, { teams: Set<string>; count: number }>();
    const domainRotas = new Set<string>();
    const serviceText: string[] = [];
    const answerKeys: string[] = [];
    const answerInputs: Base['answerInputs'] = new Map();
    for (const service of services) {
      yield;
      const owner = service.owner ? lower(service.owner) : '';
      const domain = service.domain ? lower(service.domain) : null;
      if (owner) {
        const entry = owned.get(owner) ?? {
          services: [],
          domains: new Set<string>(),
        };
        entry.services.push(service.ref);
        if (domain) entry.domains.add(domain);
        owned.set(owner, entry);
      }
      if (domain) {
        const entry = inDomain.get(domain) ?? {
          teams: new Set<string>(),
          count: 0,
        };
        entry.count++;
        if (owner) entry.teams.add(owner);
        inDomain.set(domain, entry);
        if (service.outOfHours === 'domain') domainRotas.add(domain);
      }
      serviceText.push(
        serviceSearchText(service as unknown as DirectoryServiceRow),
      );
      const key = answerKeyOf(service);
      answerKeys.push(key);
      if (!answerInputs.has(key)) {
        answerInputs.set(key, {
          owner,
          level: service.outOfHours,
          domain: service.outOfHours === 'domain' ? domain : null,
        });
      }
    }

    const teamHours = new Map<string, WorkingHoursConfig>();
    const teams: DirectoryTeam[] = [];
    for (const group of snapshot.groups) {
      yield;
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
    yield* sortSteps(teams, compareByTitle);
    const teamText: string[] = [];
    for (const team of teams) {
      yield;
      teamText.push(teamSearchText(team));
    }

    const domainRefs = new Set([
      ...snapshot.domains.map(d => lower(d.entityRef)),
      ...inDomain.keys(),
    ]);
    const domains: DirectoryDomain[] = [...domainRefs].map(ref => ({
      ref,
      title: title(ref),
      teams: [...(inDomain.get(ref)?.teams ?? [])].sort(),
      serviceCount: inDomain.get(ref)?.count ?? 0,
    }));
    yield* sortSteps(domains, compareByTitle);

    return {
      snapshot,
      phase,
      version: ++this.versions,
      services,
      serviceText,
      teamText,
      answerKeys,
      answerInputs,
      teams,
      domains,
      people,
      teamHours,
      teamRotas: [...owned.keys()],
      domainRotas: [...domainRotas],
    };
  }

  /** Each rota's maximum age, spread over 75–100% of it so that the rotas do not all come due at once. */
  private maxAgeOf(ref: string): number {
    return this.onCallMaxAgeMs * (0.75 + (hash(ref) / 2 ** 32) * 0.25);
  }

  /**
   * Rule 9 for every service, reading again only the rotas whose answers can have changed, and
   * working out again only the answers whose rota was read again or whose working period turned.
   */
  private async updateOnCall(base: Base, now: Date): Promise<void> {
    const { rotas, config } = this.options;
    const at = now.getTime();
    const pause = createPause(SLICE_MS);

    // A new catalog snapshot re-reads only the rotas whose definition changed (members, settings).
    const definitions = new Map<string, number>();
    const checkDefinitions = this.rotasCheckedFor !== base;
    const due: Array<{ ref: string; kind: 'team' | 'domain' }> = [];
    for (const [kind, refs] of [
      ['team', base.teamRotas],
      ['domain', base.domainRotas],
    ] as const) {
      for (const ref of refs) {
        await pause();
        const entry = this.rotaEntries.get(ref);
        let changed = !entry || this.changedRotas.has(ref);
        if (checkDefinitions) {
          const definition = hash(
            JSON.stringify(rotas.definition(ref, now) ?? null),
          );
          definitions.set(ref, definition);
          changed ||= entry?.definition !== definition;
        }
        if (changed || at >= entry!.validUntil) due.push({ ref, kind });
      }
    }
    const needed = new Set([...base.teamRotas, ...base.domainRotas]);
    for (const ref of this.rotaEntries.keys()) {
      if (!needed.has(ref)) this.rotaEntries.delete(ref);
    }

    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const { ref, kind } = due[next++];
        await pause();
        this.changedRotas.delete(ref);
        let until = at + 1;
        let validUntil = at + this.maxAgeOf(ref);
        if (kind === 'team') {
          // A team's shifts reach its next working-hours start, where a callout waits with level
          // `none`; the answers can change there, so the shifts are read again then.
          const hours = base.teamHours.get(ref) ?? config.workingHours;
          const opening = nextWorkingTimeStart(now, hours, config.holidays);
          until = Math.max(at, opening.getTime()) + 1;
          validUntil = Math.min(validUntil, opening.getTime());
        }
        try {
          const shifts =
            (await rotas.shiftsBetween(ref, now, new Date(until), now)) ?? [];
          for (const shift of shifts) {
            if (Date.parse(shift.start) > at) continue;
            const end = Date.parse(shift.end);
            if (end > at) validUntil = Math.min(validUntil, end);
          }
          this.rotaEntries.set(ref, {
            shifts,
            validUntil,
            definition:
              definitions.get(ref) ??
              hash(JSON.stringify(rotas.definition(ref, now) ?? null)),
            version: ++this.versions,
          });
        } catch (error) {
          failures.push(`${ref}: ${stringifyError(error)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, due.length) }, worker));
    this.rotasCheckedFor = base;
    if (failures.length > 0) {
      this.options.logger.warn(
        `Could not work out ${failures.length} rota(s) for the directory, first ${failures[0]}`,
      );
    }

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
    const working = new Map<WorkingHoursConfig, boolean>();
    const workingAt = (hours: WorkingHoursConfig) => {
      let result = working.get(hours);
      if (result === undefined) {
        result = isWorkingTime(now, hours, config.holidays);
        working.set(hours, result);
      }
      return result;
    };
    const answers = new Map<string, Answer>();
    let changed = this.answers.size !== base.answerInputs.size;
    for (const [key, input] of base.answerInputs) {
      await pause();
      const hours = base.teamHours.get(input.owner) ?? config.workingHours;
      const team = this.rotaEntries.get(input.owner);
      const domain = input.domain
        ? this.rotaEntries.get(input.domain)
        : undefined;
      const isWorking = workingAt(hours);
      const kept = this.answers.get(key);
      if (
        kept &&
        kept.teamVersion === (team?.version ?? 0) &&
        kept.domainVersion === (domain?.version ?? 0) &&
        kept.working === isWorking
      ) {
        answers.set(key, kept);
        continue;
      }
      changed = true;
      const paged = whoIsPaged({
        at: now,
        workingHours: hours,
        holidays: config.holidays,
        outOfHours: input.level,
        teamShifts: team?.shifts ?? [],
        domainShifts: domain?.shifts ?? [],
      });
      const pagedRota =
        paged.schedule === 'domain' ? input.domain : input.owner || null;
      answers.set(key, {
        answer: {
          period: paged.period,
          schedule: paged.schedule,
          person: person(paged.person),
          rota: paged.person ? pagedRota : null,
          shiftEnd: paged.shiftEnd,
          periodEnd: paged.periodEnd,
          timezone: hours.timezone,
          next: paged.next
            ? { person: person(paged.next.person), at: paged.next.at }
            : null,
        },
        teamVersion: team?.version ?? 0,
        domainVersion: domain?.version ?? 0,
        working: isWorking,
      });
    }
    this.answers = answers;
    if (changed || this.answersVersion === 0)
      this.answersVersion = ++this.versions;
    this.onCallAt = now;

    // The next refresh with work to do: a rota coming due, or a minute on (working hours turning).
    let validUntil = at + MINUTE;
    for (const entry of this.rotaEntries.values()) {
      if (entry.validUntil < validUntil) validUntil = entry.validUntil;
    }
    this.onCallValidUntil = this.changedRotas.size > 0 ? at : validUntil;
  }

  /**
   * The 30-day totals, read for a few hundred services at a time with a turn of the event loop
   * between reads: one grouped query over every service is a single synchronous stretch of
   * half a second on SQLite at 50,000 services, and the stores answer a list of refs this long
   * from their (service, day) keys.
   */
  private async computeTotals(base: Base, now: Date): Promise<void> {
    const to = now;
    const from = new Date(to.getTime() - this.measuresWindowDays * DAY);
    const window: EventWindow = { from: from.getTime(), to: to.getTime() };
    const deployments = new Map<string, number>();
    const availability = new Map<
      string,
      { good: number; total: number; count: number }
    >();
    const pause = createPause(SLICE_MS);
    for (let i = 0; i < base.services.length; i += TOTALS_CHUNK) {
      await pause();
      const refs = base.services
        .slice(i, i + TOTALS_CHUNK)
        .map(service => lower(service.ref));
      const [deployed, available] = await Promise.all([
        this.options.events.deploymentTotals(window, refs),
        this.options.events.availabilityTotals(window, refs),
      ]);
      for (const d of deployed) deployments.set(lower(d.service), d.count);
      for (const a of available) availability.set(lower(a.service), a);
    }
    this.totals = {
      version: ++this.versions,
      computedAt: now.getTime(),
      window: { from, to },
      deployments,
      availability,
    };
  }

  /** Puts the rows together and indexes them, in slices, when a part has changed since the last view. */
  private async publish(base: Base): Promise<void> {
    const totals = this.totals;
    const key = `${base.version}:${this.answersVersion}:${
      totals?.version ?? 0
    }`;
    if (this.view?.key !== key) {
      this.view = await runInSlices(
        this.viewSteps(base, totals, key),
        SLICE_MS,
      );
      this.firstView.resolve();
    } else if (this.answersVersion > 0) {
      this.view.directory.onCallAt = this.onCallAt?.toISOString() ?? null;
    }
  }

  private *viewSteps(
    base: Base,
    totals: MeasureTotals | undefined,
    key: string,
  ): Generator<void, DirectoryView> {
    const { config } = this.options;
    const frequencies = config.deploymentFrequencies;
    const windowDays = this.measuresWindowDays;
    const measuresOf = (service: BaseRow): DirectoryMeasures => {
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
    const answered = this.answersVersion > 0;
    const services: DirectoryServiceRow[] = [];
    const byRef = new Map<string, DirectoryServiceRow>();
    for (let i = 0; i < base.services.length; i++) {
      yield;
      const service = base.services[i];
      const row: DirectoryServiceRow = {
        ...service,
        onCall: answered
          ? this.answers.get(base.answerKeys[i])?.answer ?? null
          : null,
        measures: measuresOf(service),
      };
      services.push(row);
      byRef.set(lower(row.ref), row);
    }
    const directory: Directory = {
      catalogReadAt: base.snapshot.readAt.toISOString(),
      onCallAt: answered ? this.onCallAt?.toISOString() ?? null : null,
      measuresWindow: totals
        ? {
            from: totals.window.from.toISOString(),
            to: totals.window.to.toISOString(),
          }
        : null,
      teams: base.teams,
      domains: base.domains,
      services,
    };
    const index = yield* directoryIndexSteps(directory, {
      serviceText: base.serviceText,
      teamText: base.teamText,
    });
    return { directory, index, byRef, key, selections: new Map() };
  }

  private async prepare(value: unknown, key: string): Promise<PreparedBody> {
    const json = JSON.stringify(value);
    const gzipped = await gzip(json, { level: 5 });
    return {
      json,
      gzipped,
      etag: `"directory-${this.instance}-${key}"`,
    };
  }
}
