import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EventSourceIncident,
  EventSourceKind,
  EventSourceReadOptions,
  EventSourceReadResult,
  EventSourceUnmapped,
  OperatingModelEventSource,
} from '@operating-model/backstage-plugin-operating-model-node';
import {
  emptyCursor,
  OpenIncident,
  PagerDutyCursor,
  readCursor,
  SyncPass,
} from './cursor';
import { incidentEvent } from './incidentEvent';
import {
  OFFSET_CAP,
  PagerDutyClient,
  PagerDutyIncident,
} from './PagerDutyClient';
import {
  PagerDutyComponents,
  readPagerDutyComponents,
  SERVICE_ID_ANNOTATION,
} from './readPagerDutyComponents';

const DAY = 86_400_000;

/**
 * Service ids per `GET /incidents`. PagerDuty documents no maximum, but every id adds about 27
 * characters to the URL; 50 keep it near 1.5 KB, well inside what proxies accept.
 */
export const SERVICES_PER_REQUEST = 50;

/**
 * The longest `since`/`until` window. PagerDuty allows six months; 180 days is never more than
 * six calendar months, whichever months they are.
 */
export const WINDOW_DAYS = 180;

/** Service ids checked with `GET /services/{id}` in one read. */
const CHECKS_PER_READ = 100;

/** Open incidents read again in one read. */
const REREADS_PER_READ = 100;

/** Requests in flight at once: near PagerDuty's per-minute limit without queueing on it. */
const CONCURRENCY = 4;

/** Every service id is checked again once a day, so a service deleted in PagerDuty shows. */
const FULL_CHECK_EVERY_MS = DAY;

/**
 * A pass reads up to two minutes ago, not up to now, so an incident PagerDuty has created but
 * not yet listed is read by the next pass instead of being skipped.
 */
const SETTLE_MS = 120_000;

/** Runs `fn` over `items`, `limit` at a time, keeping their order. */
async function mapLimited<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

const chunk = <T>(items: T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
};

const iso = (ms: number) => new Date(ms).toISOString();

/** What one read found: the incidents to write and those still open. */
interface Found {
  incidents: EventSourceIncident[];
  open: OpenIncident[];
}

/**
 * The PagerDuty event source: incidents of every Component annotated with
 * `pagerduty.com/service-id`, read from PagerDuty's REST API v2.
 *
 * Each run is one pass over the services (see {@link SyncPass}), in reads the runner writes
 * one at a time with their cursor: first the service ids new to the source are checked
 * (`GET /services/{id}`, 404 = unmapped), then the incidents left open by earlier passes are
 * read again by id, then each batch of services is listed window by window and page by page
 * (`GET /incidents`), each incident with its log entries. One read is at most one page of
 * incidents, so a failure loses at most that page, which the next run reads again.
 */
export class PagerDutyEventSource implements OperatingModelEventSource {
  readonly id = 'pagerduty';
  readonly kinds: EventSourceKind[] = ['incidents'];

  private readonly client: PagerDutyClient;
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly logger: LoggerService;
  private readonly initialWindowDays: number;
  private readonly now: () => Date;
  /** The catalog as read at the start of the pass under way: one read of it per pass. */
  private components?: { pass: string; read: Promise<PagerDutyComponents> };

  constructor(options: {
    client: PagerDutyClient;
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    initialWindowDays: number;
    now?: () => Date;
  }) {
    this.client = options.client;
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.logger = options.logger;
    this.initialWindowDays = options.initialWindowDays;
    this.now = options.now ?? (() => new Date());
  }

  async read({
    cursor: raw,
    signal,
  }: EventSourceReadOptions): Promise<EventSourceReadResult> {
    let cursor = readCursor(raw);
    if (raw !== undefined && !cursor) {
      this.logger.warn(
        'The PagerDuty cursor is not one this version reads; syncing from the start (incidents read again are updated, not duplicated)',
      );
    }
    cursor ??= emptyCursor();
    const pass = cursor.pass ?? (await this.startPass(cursor));
    cursor.pass = pass;
    const components = await this.componentsOf(pass);

    let found: Found = { incidents: [], open: [] };
    let reportMapping = true;
    if (pass.toCheck.length > 0) {
      await this.checkServices(cursor, pass, signal);
      // The mapping is known once every new service id is checked.
      reportMapping = pass.toCheck.length === 0;
    } else if (pass.reread < cursor.open.length) {
      found = await this.readOpenAgain(cursor, pass, components, signal);
    } else {
      found = await this.readNextPage(cursor, pass, components, signal);
    }
    pass.open.push(...found.open);

    const done =
      pass.toCheck.length === 0 &&
      pass.reread >= cursor.open.length &&
      pass.batch >= this.batchesOf(cursor, pass).length;
    if (done) this.finishPass(cursor, pass);

    return {
      events: { incidents: found.incidents },
      cursor: JSON.stringify(cursor),
      more: !done,
      ...(reportMapping ? this.mappingOf(cursor, pass, components) : {}),
    };
  }

  /** Begins a pass: reads the catalog and decides which service ids to check. */
  private async startPass(cursor: PagerDutyCursor): Promise<SyncPass> {
    const now = this.now().getTime();
    const until = iso(now - SETTLE_MS);
    const components = await this.componentsOf({ until }, true);
    const serviceIds = [...components.byServiceId.keys()].sort();
    const named = new Set(serviceIds);
    const fullCheck =
      !cursor.checkedAt ||
      now - Date.parse(cursor.checkedAt) >= FULL_CHECK_EVERY_MS;
    let toCheck: string[];
    if (fullCheck) {
      toCheck = serviceIds;
      cursor.unknown = [];
      cursor.checkedAt = iso(now);
    } else {
      const known = new Set([...cursor.services, ...cursor.unknown]);
      toCheck = serviceIds.filter(id => !known.has(id));
      cursor.unknown = cursor.unknown.filter(id => named.has(id));
    }
    return {
      until,
      serviceIds,
      toCheck,
      reread: 0,
      batch: 0,
      offset: 0,
      open: [],
    };
  }

  private componentsOf(
    pass: Pick<SyncPass, 'until'>,
    fresh = false,
  ): Promise<PagerDutyComponents> {
    if (fresh || this.components?.pass !== pass.until) {
      const read = readPagerDutyComponents(this.catalog, this.auth);
      this.components = { pass: pass.until, read };
      // A failed read is not kept: the next read of the source tries the catalog again.
      read.catch(() => {
        if (this.components?.read === read) this.components = undefined;
      });
    }
    return this.components!.read;
  }

  private async checkServices(
    cursor: PagerDutyCursor,
    pass: SyncPass,
    signal: AbortSignal,
  ) {
    const ids = pass.toCheck.slice(0, CHECKS_PER_READ);
    const exists = await mapLimited(ids, CONCURRENCY, id =>
      this.client.serviceExists(id, signal),
    );
    const unknown = new Set(cursor.unknown);
    ids.forEach((id, i) => {
      if (!exists[i]) unknown.add(id);
    });
    cursor.unknown = [...unknown].sort();
    pass.toCheck = pass.toCheck.slice(ids.length);
  }

  /**
   * The batches of a pass: services read before go on from the last pass's end, services new
   * to the source go back `initialWindowDays`. Derived, not stored, from what the pass fixed
   * when it began, so the cursor stays small.
   */
  private batchesOf(cursor: PagerDutyCursor, pass: SyncPass) {
    const unknown = new Set(cursor.unknown);
    const before = new Set(cursor.through ? cursor.services : []);
    const mapped = pass.serviceIds.filter(id => !unknown.has(id));
    const initialSince = iso(
      Date.parse(pass.until) - this.initialWindowDays * DAY,
    );
    return [
      ...chunk(
        mapped.filter(id => before.has(id)),
        SERVICES_PER_REQUEST,
      ).map(ids => ({ ids, since: cursor.through! })),
      ...chunk(
        mapped.filter(id => !before.has(id)),
        SERVICES_PER_REQUEST,
      ).map(ids => ({ ids, since: initialSince })),
    ];
  }

  /** Reads again, by id, the next incidents that were open at the end of earlier passes. */
  private async readOpenAgain(
    cursor: PagerDutyCursor,
    pass: SyncPass,
    components: PagerDutyComponents,
    signal: AbortSignal,
  ): Promise<Found> {
    const slice = cursor.open.slice(
      pass.reread,
      pass.reread + REREADS_PER_READ,
    );
    const read = await mapLimited(slice, CONCURRENCY, async ([id, changed]) => {
      const incident = await this.client.incident(id, signal);
      if (!incident) return {};
      const refs = this.refsOf(incident, components);
      if (!refs) return {};
      const stillOpen = incident.status !== 'resolved';
      const open: OpenIncident | undefined = stillOpen
        ? [incident.id, incident.last_status_change_at ?? '']
        : undefined;
      // Unchanged since the last read: nothing to write.
      if (stillOpen && (incident.last_status_change_at ?? '') === changed) {
        return { open };
      }
      return { open, event: await this.eventOf(incident, refs, signal) };
    });
    pass.reread += slice.length;
    return {
      incidents: read.flatMap(r => (r.event ? [r.event] : [])),
      open: read.flatMap(r => (r.open ? [r.open] : [])),
    };
  }

  /** Reads the next page of incidents of the current batch and window, and moves on. */
  private async readNextPage(
    cursor: PagerDutyCursor,
    pass: SyncPass,
    components: PagerDutyComponents,
    signal: AbortSignal,
  ): Promise<Found> {
    const batch = this.batchesOf(cursor, pass)[pass.batch];
    if (!batch) return { incidents: [], open: [] };
    const since = pass.since ?? batch.since;
    const end = Math.min(
      Date.parse(since) + WINDOW_DAYS * DAY,
      Date.parse(pass.until),
    );
    const until = iso(end);
    if (Date.parse(since) >= end) {
      this.nextBatch(pass);
      return { incidents: [], open: [] };
    }
    const page = await this.client.incidents(
      { serviceIds: batch.ids, since, until, offset: pass.offset },
      signal,
    );
    const read = await mapLimited(
      page.incidents,
      CONCURRENCY,
      async incident => {
        const refs = this.refsOf(incident, components);
        if (!refs) return {};
        const open: OpenIncident | undefined =
          incident.status !== 'resolved'
            ? [incident.id, incident.last_status_change_at ?? '']
            : undefined;
        return { open, event: await this.eventOf(incident, refs, signal) };
      },
    );

    const next = pass.offset + page.incidents.length;
    if (page.more && page.incidents.length > 0) {
      if (next + page.limit <= OFFSET_CAP) {
        pass.offset = next;
      } else {
        // PagerDuty pages no further than 10,000 records: the window starts again at the last
        // creation time read (the few incidents created at that instant are read twice).
        const last = page.incidents[page.incidents.length - 1].created_at;
        if (!(Date.parse(last) > Date.parse(since))) {
          throw new Error(
            `More than ${OFFSET_CAP} PagerDuty incidents of services ${batch.ids.join(
              ', ',
            )} were created at ${since}; PagerDuty cannot page past them`,
          );
        }
        pass.since = iso(Date.parse(last));
        pass.offset = 0;
      }
    } else if (end >= Date.parse(pass.until)) {
      this.nextBatch(pass);
    } else {
      pass.since = until;
      pass.offset = 0;
    }
    return {
      incidents: read.flatMap(r => (r.event ? [r.event] : [])),
      open: read.flatMap(r => (r.open ? [r.open] : [])),
    };
  }

  private nextBatch(pass: SyncPass) {
    pass.batch += 1;
    pass.since = undefined;
    pass.offset = 0;
  }

  private refsOf(
    incident: PagerDutyIncident,
    components: PagerDutyComponents,
  ): string[] | undefined {
    const refs = incident.service?.id
      ? components.byServiceId.get(incident.service.id)
      : undefined;
    return refs && refs.length > 0 ? refs : undefined;
  }

  private async eventOf(
    incident: PagerDutyIncident,
    refs: string[],
    signal: AbortSignal,
  ): Promise<EventSourceIncident | undefined> {
    if (Number.isNaN(Date.parse(incident.created_at))) {
      // Refusing the page would stop the source at it for good; one unreadable incident is skipped.
      this.logger.warn(
        `PagerDuty incident ${
          incident.id
        } has no readable created_at, ${JSON.stringify(
          incident.created_at,
        )}; it is skipped`,
      );
      return undefined;
    }
    // A triggered incident has not been acknowledged or resolved since it was (re)triggered:
    // its log is read once it changes, as every open incident is read again until resolved.
    const times =
      incident.status === 'triggered'
        ? {}
        : await this.client.incidentTimes(incident.id, signal);
    return incidentEvent(incident, refs, times);
  }

  /** Ends a pass: its services are read through its end, and its open incidents are kept. */
  private finishPass(cursor: PagerDutyCursor, pass: SyncPass) {
    const unknown = new Set(cursor.unknown);
    const open = new Map<string, string>();
    for (const [id, changed] of pass.open) open.set(id, changed);
    cursor.through = pass.until;
    cursor.services = pass.serviceIds.filter(id => !unknown.has(id));
    cursor.open = [...open.entries()].sort((a, b) => a[0].localeCompare(b[0]));
    delete cursor.pass;
  }

  /** How many Components map to a PagerDuty service, and why the others do not. */
  private mappingOf(
    cursor: PagerDutyCursor,
    pass: SyncPass,
    components: PagerDutyComponents,
  ): { mapped: number; unmapped: EventSourceUnmapped[] } {
    const unknown = new Set(cursor.unknown);
    let mapped = 0;
    const unmapped: EventSourceUnmapped[] = [...components.unreadable];
    for (const id of pass.serviceIds) {
      const refs = components.byServiceId.get(id) ?? [];
      if (!unknown.has(id)) {
        mapped += refs.length;
        continue;
      }
      for (const entityRef of refs) {
        unmapped.push({
          entityRef,
          reason: `PagerDuty has no service ${id} (its ${SERVICE_ID_ANNOTATION} annotation): GET /services/${id} answered 404 Not Found`,
        });
      }
    }
    unmapped.sort((a, b) => a.entityRef.localeCompare(b.entityRef, 'en'));
    return { mapped, unmapped };
  }
}
