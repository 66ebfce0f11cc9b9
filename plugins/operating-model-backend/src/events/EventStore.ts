import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { openDatabase } from '../database';
import {
  ActionRecord,
  AvailabilityRecord,
  ChaosDayRecord,
  DeploymentRecord,
  EventBatch,
  IncidentRecord,
  ReviewReadRecord,
  ReviewRecord,
  ReworkRecord,
} from './eventSchemas';
import {
  ColumnTypes,
  inParts,
  insertRows,
  isPostgres,
  partSize,
  rowsWithKeys,
} from './bulkWrite';
import {
  AvailabilityDeltas,
  DeploymentDeltas,
  LOCKSTEP_SQL,
  PRODUCTION,
  deploymentFacts,
  deploymentsSharing,
  lockDeploymentWriters,
  wholeDays,
  windowEdges,
} from './rollups';

export { PRODUCTION } from './rollups';

/** Above this many refs a filter is applied after reading rather than as `IN (…)` in SQL. */
const MAX_FILTER_REFS = 500;
const KEY = ['source', 'external_id'];

/** The columns each kind of event is written with, and their types for PostgreSQL's `unnest`. */
const COLUMNS = {
  deployments: {
    source: 'text',
    external_id: 'text',
    service_ref: 'text',
    environment: 'text',
    built_at: 'bigint',
    deployed_at: 'bigint',
    release_id: 'text',
    change_request_id: 'text',
    standard_change: 'boolean',
    deployer: 'text',
    version: 'text',
  },
  incidents: {
    source: 'text',
    external_id: 'text',
    title: 'text',
    started_at: 'bigint',
    acknowledged_at: 'bigint',
    restored_at: 'bigint',
    financial_loss: 'double precision',
    severity: 'text',
    major_incident_manager: 'boolean',
    review_url: 'text',
    url: 'text',
  },
  availability_intervals: {
    source: 'text',
    external_id: 'text',
    service_ref: 'text',
    start_at: 'bigint',
    end_at: 'bigint',
    good: 'bigint',
    total: 'bigint',
  },
  reviews: {
    source: 'text',
    external_id: 'text',
    incident_source: 'text',
    incident_external_id: 'text',
    title: 'text',
    url: 'text',
    published_at: 'bigint',
  },
  improvement_actions: {
    source: 'text',
    external_id: 'text',
    service_ref: 'text',
    review_source: 'text',
    review_external_id: 'text',
    title: 'text',
    defined_at: 'bigint',
    completed_at: 'bigint',
  },
  chaos_days: {
    source: 'text',
    external_id: 'text',
    service_ref: 'text',
    day: 'text',
    held_at: 'bigint',
    review_url: 'text',
  },
  rework_items: {
    source: 'text',
    external_id: 'text',
    team_ref: 'text',
    week_start: 'bigint',
    hours: 'double precision',
    team_hours: 'double precision',
    members: 'integer',
    service_ref: 'text',
    title: 'text',
  },
  review_reads: {
    source: 'text',
    review_source: 'text',
    review_external_id: 'text',
    person: 'text',
    read_at: 'bigint',
  },
} satisfies Record<string, ColumnTypes>;
type EventTable = keyof typeof COLUMNS;

/** The kinds of event whose sources the measures name. */
export type EventSourceKind = 'deployments' | 'incidents' | 'availability';

/** A window of epoch milliseconds: `from` included, `to` excluded. */
export interface EventWindow {
  from: number;
  to: number;
}

export interface DeploymentTotals {
  service: string;
  count: number;
  standard: number;
  inLockstep: number;
}

export interface IncidentRow {
  id: number;
  /** The tool that reported it. */
  source: string;
  startedAt: number;
  acknowledgedAt: number | null;
  restoredAt: number | null;
  financialLoss: number | null;
  /** Every service the incident hit, not only those asked about, so a loss can be apportioned. */
  services: string[];
}

export interface ReworkRow {
  team: string;
  weekStart: number;
  hours: number;
  teamHours: number | null;
  members: number | null;
}

/**
 * The sum of a column of request counts. SQLite's `sum()` of integers fails with "integer
 * overflow" once the sum passes 2^63, which a few large counts reach, and then every read of
 * the measures would fail; its `total()` sums as a double and never overflows. PostgreSQL sums
 * bigints as numeric.
 */
export function sumOfCounts(knex: Knex, column: string): string {
  const client = String(knex.client.config.client ?? '');
  return client.includes('sqlite') ? `total(${column})` : `sum(${column})`;
}

/** Orders strings by UTF-16 code unit, as `<` does, whatever the locale. */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Keeps the last of each key, since writing one record twice in a batch is the same as writing it
 * once (and PostgreSQL refuses to upsert one row twice in a statement). The result is sorted by
 * key, so two batches that touch the same records lock them in the same order and cannot deadlock.
 */
function lastOfEach<T>(records: T[], key: (record: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const record of records) byKey.set(key(record), record);
  return [...byKey.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([, record]) => record);
}

const sourceKey = (r: { source: string; externalId: string }) =>
  JSON.stringify([r.source, r.externalId]);

// PostgreSQL returns bigint and numeric aggregates as strings; SQLite returns numbers.
const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/**
 * Reads `a0 b0 a1 b1 …` (integers, each maybe negative) into `a` and `b`, one character at a
 * time: splitting a million values into strings first made most of the garbage the leaders' view
 * left to collect. The integers are epoch milliseconds and durations, exact in a double.
 */
function readPairs(text: string, a: Float64Array, b: Float64Array) {
  let value = 0;
  let negative = false;
  let digits = false;
  let index = 0;
  const flush = () => {
    const v = negative ? -value : value;
    if (index % 2 === 0) a[index >> 1] = v;
    else b[index >> 1] = v;
    index++;
    value = 0;
    negative = false;
    digits = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits = true;
    } else if (c === 45) {
      negative = true;
    } else if (digits) {
      flush();
    }
  }
  if (digits) flush();
}

/**
 * The delivery and incident events the measures are computed from, in the plugin's database.
 * Writes are idempotent upserts keyed by (source, external id), one transaction per batch; reads
 * are aggregates over a window, grouped by service, for the measures to combine.
 */
export class EventStore {
  /** Opens the plugin's database, running the migrations in `migrations/` unless told to skip them. */
  static async create(database: DatabaseService): Promise<EventStore> {
    return new EventStore(await openDatabase(database));
  }

  /** Over a database already migrated, as the plugin opens it once for all its stores. */
  constructor(private readonly knex: Knex) {}

  /**
   * Writes a validated batch in one transaction: all of it, or none of it. Returns the records
   * written. Given a transaction, writes in it, so a caller can write several batches (and what
   * goes with them, such as a source's cursor) at once.
   */
  async write(batch: EventBatch, outer?: Knex.Transaction): Promise<number> {
    if (outer) return this.writeIn(outer, batch);
    return this.knex.transaction(trx => this.writeIn(trx, batch));
  }

  private async writeIn(
    trx: Knex.Transaction,
    batch: EventBatch,
  ): Promise<number> {
    switch (batch.kind) {
      case 'deployments':
        return this.writeDeployments(trx, batch.records);
      case 'incidents':
        return this.writeIncidents(trx, batch.records);
      case 'availability':
        return this.writeAvailability(trx, batch.records);
      case 'reviews':
        return this.writeReviews(trx, batch.records);
      case 'review-reads':
        return this.writeReviewReads(trx, batch.records);
      case 'actions':
        return this.writeActions(trx, batch.records);
      case 'chaos-days':
        return this.writeChaosDays(trx, batch.records);
      case 'rework':
        return this.writeRework(trx, batch.records);
      default:
        throw new Error(
          `Unknown kind of event ${(batch as { kind: string }).kind}`,
        );
    }
  }

  /** Inserts or updates rows by their key; returns how many rows were written. */
  private async upsert(
    trx: Knex.Transaction,
    table: EventTable,
    rows: Array<Record<string, unknown>>,
  ): Promise<number> {
    await insertRows(trx, table, COLUMNS[table], rows, {
      key: KEY,
      onConflict: 'replace',
    });
    return rows.length;
  }

  /** Like `upsert`, returning each row's id for the child rows that refer to it. */
  private async upsertReturningIds(
    trx: Knex.Transaction,
    table: EventTable,
    rows: Array<Record<string, unknown>>,
  ): Promise<Array<{ id: number; source: string; external_id: string }>> {
    const written = await insertRows(trx, table, COLUMNS[table], rows, {
      key: KEY,
      onConflict: 'replace',
      returning: ['id', 'source', 'external_id'],
    });
    return written.map(row => ({
      id: Number(row.id),
      source: String(row.source),
      external_id: String(row.external_id),
    }));
  }

  /** Replaces the child rows (services hit, services reviewed) of the parents just written. */
  private async replaceServices(
    trx: Knex.Transaction,
    table: 'incident_services' | 'review_services',
    parentColumn: 'incident_id' | 'review_id',
    parents: Array<{ id: number; source: string; external_id: string }>,
    servicesOf: Map<string, string[]>,
  ) {
    for (const part of inParts(parents, partSize(trx, 1))) {
      await trx(table)
        .whereIn(
          parentColumn,
          part.map(p => p.id),
        )
        .delete();
    }
    const rows = parents.flatMap(parent =>
      (
        servicesOf.get(JSON.stringify([parent.source, parent.external_id])) ??
        []
      ).map(service_ref => ({
        [parentColumn]: parent.id,
        service_ref,
      })),
    );
    await insertRows(
      trx,
      table,
      { [parentColumn]: 'integer', service_ref: 'text' },
      rows,
      { key: [parentColumn, 'service_ref'], onConflict: 'ignore' },
    );
  }

  private async writeDeployments(
    trx: Knex.Transaction,
    records: DeploymentRecord[],
  ) {
    const rows = lastOfEach(records, sourceKey).map(r => ({
      source: r.source,
      external_id: r.externalId,
      service_ref: r.service,
      environment: r.environment,
      built_at: r.buildTime,
      deployed_at: r.deployTime,
      release_id: r.releaseId,
      change_request_id: r.changeRequestId,
      standard_change: r.standardChange,
      deployer: r.deployer,
      version: r.version,
    }));
    // The rollups count what changes: the rows replaced, the rows written, and every production
    // deployment whose lockstep may change because a partner sharing its release or
    // change-request id came, went or moved. Their facts are read before and after the write.
    await lockDeploymentWriters(trx);
    const old = await rowsWithKeys(
      trx,
      'deployments',
      ['id', 'release_id', 'change_request_id'],
      rows,
    );
    const shared = (column: 'release_id' | 'change_request_id') => [
      ...new Set(
        [...old, ...rows].flatMap(row =>
          typeof row[column] === 'string' ? [row[column] as string] : [],
        ),
      ),
    ];
    const affected = new Set<number>(old.map(row => Number(row.id)));
    for (const column of ['release_id', 'change_request_id'] as const) {
      for (const id of await deploymentsSharing(trx, column, shared(column))) {
        affected.add(id);
      }
    }
    const deltas = new DeploymentDeltas();
    deltas.addFacts(await deploymentFacts(trx, [...affected]), -1);
    const written = await this.upsertReturningIds(trx, 'deployments', rows);
    for (const row of written) affected.add(row.id);
    deltas.addFacts(await deploymentFacts(trx, [...affected]), 1);
    await deltas.apply(trx);
    return written.length;
  }

  private async writeIncidents(
    trx: Knex.Transaction,
    records: IncidentRecord[],
  ) {
    const unique = lastOfEach(records, sourceKey);
    const rows = unique.map(r => ({
      source: r.source,
      external_id: r.externalId,
      title: r.title,
      started_at: r.startedAt,
      acknowledged_at: r.acknowledgedAt,
      restored_at: r.restoredAt,
      financial_loss: r.financialLoss,
      severity: r.severity,
      major_incident_manager: r.majorIncidentManager,
      review_url: r.reviewUrl,
      url: r.url,
    }));
    const written = await this.upsertReturningIds(trx, 'incidents', rows);
    await this.replaceServices(
      trx,
      'incident_services',
      'incident_id',
      written,
      new Map(unique.map(r => [sourceKey(r), r.services])),
    );
    return written.length;
  }

  private async writeAvailability(
    trx: Knex.Transaction,
    records: AvailabilityRecord[],
  ) {
    const rows = lastOfEach(records, sourceKey).map(r => ({
      source: r.source,
      external_id: r.externalId,
      service_ref: r.service,
      start_at: r.start,
      end_at: r.end,
      good: r.good,
      total: r.total,
    }));
    // New intervals go in without looking anything up; only those already stored are read
    // (locked, so a writer at the same time cannot change them under us) and replaced, and the
    // rollups lose the old counts and gain the new.
    const deltas = new AvailabilityDeltas();
    const inserted = await insertRows(
      trx,
      'availability_intervals',
      COLUMNS.availability_intervals,
      rows,
      { key: KEY, onConflict: 'ignore', returning: KEY },
    );
    const isNew = new Set(
      inserted.map(row =>
        sourceKey({
          source: String(row.source),
          externalId: String(row.external_id),
        }),
      ),
    );
    const existing = rows.filter(
      row =>
        !isNew.has(
          sourceKey({ source: row.source, externalId: row.external_id }),
        ),
    );
    if (existing.length > 0) {
      const old = await rowsWithKeys(
        trx,
        'availability_intervals',
        ['source', 'service_ref', 'start_at', 'good', 'total'],
        existing,
        true,
      );
      for (const row of old) deltas.addInterval(row, -1);
      await this.upsert(trx, 'availability_intervals', existing);
    }
    for (const row of rows) deltas.addInterval(row, 1);
    await deltas.apply(trx);
    return rows.length;
  }

  private async writeReviews(trx: Knex.Transaction, records: ReviewRecord[]) {
    const unique = lastOfEach(records, sourceKey);
    const rows = unique.map(r => ({
      source: r.source,
      external_id: r.externalId,
      incident_source: r.incidentSource,
      incident_external_id: r.incidentExternalId,
      title: r.title,
      url: r.url,
      published_at: r.publishedAt,
    }));
    const written = await this.upsertReturningIds(trx, 'reviews', rows);
    await this.replaceServices(
      trx,
      'review_services',
      'review_id',
      written,
      new Map(unique.map(r => [sourceKey(r), r.services])),
    );
    return written.length;
  }

  private async writeReviewReads(
    trx: Knex.Transaction,
    records: ReviewReadRecord[],
  ) {
    // A read is one person and one review: reading again only moves its time.
    const rows = lastOfEach(records, r =>
      JSON.stringify([r.reviewSource, r.reviewExternalId, r.person]),
    ).map(r => ({
      source: r.source,
      review_source: r.reviewSource,
      review_external_id: r.reviewExternalId,
      person: r.person,
      read_at: r.readAt,
    }));
    await insertRows(trx, 'review_reads', COLUMNS.review_reads, rows, {
      key: ['review_source', 'review_external_id', 'person'],
      onConflict: 'replace',
    });
    return rows.length;
  }

  private async writeActions(trx: Knex.Transaction, records: ActionRecord[]) {
    const rows = lastOfEach(records, sourceKey).map(r => ({
      source: r.source,
      external_id: r.externalId,
      service_ref: r.service,
      review_source: r.reviewSource,
      review_external_id: r.reviewExternalId,
      title: r.title,
      defined_at: r.definedAt,
      completed_at: r.completedAt,
    }));
    return this.upsert(trx, 'improvement_actions', rows);
  }

  private async writeChaosDays(
    trx: Knex.Transaction,
    records: ChaosDayRecord[],
  ) {
    const rows = lastOfEach(records, sourceKey).map(r => ({
      source: r.source,
      external_id: r.externalId,
      service_ref: r.service,
      day: r.day,
      held_at: r.heldAt,
      review_url: r.reviewUrl,
    }));
    return this.upsert(trx, 'chaos_days', rows);
  }

  private async writeRework(trx: Knex.Transaction, records: ReworkRecord[]) {
    const rows = lastOfEach(records, sourceKey).map(r => ({
      source: r.source,
      external_id: r.externalId,
      team_ref: r.team,
      week_start: r.weekStart,
      hours: r.hours,
      team_hours: r.teamHours,
      members: r.members,
      service_ref: r.service,
      title: r.title,
    }));
    return this.upsert(trx, 'rework_items', rows);
  }

  /** Narrows a query to some services where the list is short; a long list is filtered by the caller. */
  private restrict<Q extends Knex.QueryBuilder>(
    query: Q,
    column: string,
    refs?: readonly string[],
  ): Q {
    if (refs && refs.length <= MAX_FILTER_REFS) {
      query.whereIn(column, refs as string[]);
    }
    return query;
  }

  /**
   * Production deployments in the window, per service: how many, how many under a standard
   * change, and how many went out in lockstep, that is sharing a release or change-request id
   * with a production deployment of another service (at any time, so a partner deployed just
   * outside the window still counts). Whole days come from `deployment_days`; the parts of a day
   * at either end of the window from the raw rows.
   */
  async deploymentTotals(
    window: EventWindow,
    services?: readonly string[],
  ): Promise<DeploymentTotals[]> {
    const totals = new Map<string, DeploymentTotals>();
    const add = (rows: Array<Record<string, unknown>>) => {
      for (const row of rows) {
        const service = String(row.service);
        const sum = totals.get(service) ?? {
          service,
          count: 0,
          standard: 0,
          inLockstep: 0,
        };
        sum.count += num(row.deployments);
        sum.standard += num(row.standard);
        sum.inLockstep += num(row.lockstep);
        totals.set(service, sum);
      }
    };
    const { first, end } = wholeDays(window);
    const reads: Array<Promise<Array<Record<string, unknown>>>> = [];
    if (end > first) {
      reads.push(
        this.restrict(
          this.knex('deployment_days')
            .select('service_ref as service')
            .sum({
              deployments: 'deployments',
              standard: 'standard',
              lockstep: 'lockstep',
            })
            .where('day', '>=', first)
            .where('day', '<', end)
            .groupBy('service_ref')
            .havingRaw('sum(deployments) > 0'),
          'service_ref',
          services,
        ),
      );
    }
    for (const edge of windowEdges(window)) {
      reads.push(
        this.restrict(
          this.knex('deployments as d')
            .select('d.service_ref as service')
            .select(this.knex.raw('count(*) as deployments'))
            .select(
              this.knex.raw(
                'sum(case when d.standard_change then 1 else 0 end) as standard',
              ),
            )
            .select(this.knex.raw(`sum(${LOCKSTEP_SQL}) as lockstep`))
            .where('d.environment', PRODUCTION)
            .where('d.deployed_at', '>=', edge.from)
            .where('d.deployed_at', '<', edge.to)
            .groupBy('d.service_ref'),
          'd.service_ref',
          services,
        ),
      );
    }
    for (const rows of await Promise.all(reads)) add(rows);
    return [...totals.values()];
  }

  /**
   * Milliseconds from build to production, and the deploy instants, of each production
   * deployment in the window, per service. The values come as one text per service, since
   * parsing a row per deployment (a quarter of a million for the leaders' view of 10,000
   * services) cost more than reading them, and are read into typed arrays without splitting the
   * text into a string per value.
   */
  async leadTimes(
    window: EventWindow,
    services?: readonly string[],
  ): Promise<
    Array<{ service: string; ms: Float64Array; deployedAt: Float64Array }>
  > {
    const postgres = isPostgres(this.knex);
    const pair = postgres
      ? `deployed_at::text || ' ' || (deployed_at - built_at)::text`
      : `deployed_at || ' ' || (deployed_at - built_at)`;
    const query = this.knex('deployments')
      .select('service_ref as service')
      .select(this.knex.raw('count(*) as n'))
      .select(
        this.knex.raw(
          postgres
            ? `string_agg(${pair}, ' ') as times`
            : `group_concat(${pair}, ' ') as times`,
        ),
      )
      .where('environment', PRODUCTION)
      .where('deployed_at', '>=', window.from)
      .where('deployed_at', '<', window.to)
      .groupBy('service_ref');
    const rows = await this.restrict(query, 'service_ref', services);
    return (rows as Array<{ service: string; n: unknown; times: string }>).map(
      row => {
        const n = num(row.n);
        const ms = new Float64Array(n);
        const deployedAt = new Float64Array(n);
        readPairs(String(row.times), deployedAt, ms);
        return { service: String(row.service), ms, deployedAt };
      },
    );
  }

  /**
   * The `source` of the production deployments, incidents and availability in the window, per
   * service: which tools (or pipelines) the figures rest on, of the kinds asked for. Deployments
   * and availability come from the rollups for whole days and the raw rows for the ends of the
   * window.
   */
  async sourcesOf(
    window: EventWindow,
    services?: readonly string[],
    kinds: readonly EventSourceKind[] = [
      'deployments',
      'incidents',
      'availability',
    ],
  ): Promise<
    Array<{ kind: EventSourceKind; service: string; source: string }>
  > {
    const read = async (
      kind: EventSourceKind,
      query: Knex.QueryBuilder,
      column: string,
    ) => {
      if (!kinds.includes(kind)) return [];
      const rows = await this.restrict(query, column, services);
      return rows.map((row: { service: string; source: string }) => ({
        kind,
        service: String(row.service),
        source: String(row.source),
      }));
    };
    const { first, end } = wholeDays(window);
    const edges = windowEdges(window);
    const reads: Array<
      Promise<Array<{ kind: EventSourceKind; service: string; source: string }>>
    > = [
      read(
        'incidents',
        this.knex('incidents as i')
          .join('incident_services as s', 's.incident_id', 'i.id')
          .distinct('s.service_ref as service', 'i.source as source')
          .where('i.started_at', '>=', window.from)
          .where('i.started_at', '<', window.to),
        's.service_ref',
      ),
    ];
    if (end > first) {
      reads.push(
        read(
          'deployments',
          this.knex('deployment_days')
            .distinct('service_ref as service', 'source')
            .where('day', '>=', first)
            .where('day', '<', end)
            .where('deployments', '>', 0),
          'service_ref',
        ),
        read(
          'availability',
          this.knex('availability_days')
            .distinct('service_ref as service', 'source')
            .where('day', '>=', first)
            .where('day', '<', end)
            .where('intervals', '>', 0),
          'service_ref',
        ),
      );
    }
    for (const edge of edges) {
      reads.push(
        read(
          'deployments',
          this.knex('deployments')
            .distinct('service_ref as service', 'source')
            .where('environment', PRODUCTION)
            .where('deployed_at', '>=', edge.from)
            .where('deployed_at', '<', edge.to),
          'service_ref',
        ),
        read(
          'availability',
          this.knex('availability_intervals')
            .distinct('service_ref as service', 'source')
            .where('start_at', '>=', edge.from)
            .where('start_at', '<', edge.to),
          'service_ref',
        ),
      );
    }
    const seen = new Set<string>();
    return (await Promise.all(reads)).flat().filter(row => {
      const k = JSON.stringify([row.kind, row.service, row.source]);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }

  /**
   * Good and total requests per service over the intervals that start in the window: whole days
   * from `availability_days`, the ends of the window from the raw intervals.
   */
  async availabilityTotals(
    window: EventWindow,
    services?: readonly string[],
  ): Promise<
    Array<{ service: string; good: number; total: number; count: number }>
  > {
    const sums = (count: string) =>
      this.knex.raw(
        `${sumOfCounts(this.knex, 'good')} as good, ${sumOfCounts(
          this.knex,
          'total',
        )} as total, ${count} as intervals`,
      );
    const { first, end } = wholeDays(window);
    const reads: Array<Promise<Array<Record<string, unknown>>>> = [];
    if (end > first) {
      reads.push(
        this.restrict(
          this.knex('availability_days')
            .select('service_ref as service')
            .select(sums('sum(intervals)'))
            .where('day', '>=', first)
            .where('day', '<', end)
            .groupBy('service_ref')
            .havingRaw('sum(intervals) > 0'),
          'service_ref',
          services,
        ),
      );
    }
    for (const edge of windowEdges(window)) {
      reads.push(
        this.restrict(
          this.knex('availability_intervals')
            .select('service_ref as service')
            .select(sums('count(*)'))
            .where('start_at', '>=', edge.from)
            .where('start_at', '<', edge.to)
            .groupBy('service_ref'),
          'service_ref',
          services,
        ),
      );
    }
    // PostgreSQL's sums are exact numerics, added here as bigints so that the parts of a window
    // give the number one sum over its raw rows would; SQLite's total() is a double already.
    const exact = (value: unknown): bigint | number =>
      typeof value === 'string' && /^-?\d+$/.test(value)
        ? BigInt(value)
        : num(value);
    const plus = (a: bigint | number, b: bigint | number) =>
      typeof a === 'bigint' && typeof b === 'bigint' ? a + b : num(a) + num(b);
    const totals = new Map<
      string,
      { good: bigint | number; total: bigint | number; count: number }
    >();
    for (const rows of await Promise.all(reads)) {
      for (const row of rows) {
        const service = String(row.service);
        const sum = totals.get(service);
        if (sum) {
          sum.good = plus(sum.good, exact(row.good));
          sum.total = plus(sum.total, exact(row.total));
          sum.count += num(row.intervals);
        } else {
          totals.set(service, {
            good: exact(row.good),
            total: exact(row.total),
            count: num(row.intervals),
          });
        }
      }
    }
    return [...totals.entries()].map(([service, sum]) => ({
      service,
      good: num(sum.good),
      total: num(sum.total),
      count: sum.count,
    }));
  }

  /** Incidents that started in the window and hit at least one of the services (or any, without a list). */
  async incidents(
    window: EventWindow,
    services?: readonly string[],
  ): Promise<IncidentRow[]> {
    const query = this.knex('incidents as i')
      .join('incident_services as s', 's.incident_id', 'i.id')
      .select(
        'i.id',
        'i.source',
        'i.started_at',
        'i.acknowledged_at',
        'i.restored_at',
        'i.financial_loss',
        's.service_ref',
      )
      .where('i.started_at', '>=', window.from)
      .where('i.started_at', '<', window.to)
      .orderBy('i.id');
    if (services && services.length <= MAX_FILTER_REFS) {
      query.whereIn(
        'i.id',
        this.knex('incident_services')
          .select('incident_id')
          .whereIn('service_ref', services as string[]),
      );
    }
    const byId = new Map<number, IncidentRow>();
    for (const row of (await query) as Array<Record<string, unknown>>) {
      const id = num(row.id);
      let incident = byId.get(id);
      if (!incident) {
        incident = {
          id,
          source: String(row.source),
          startedAt: num(row.started_at),
          acknowledgedAt: numOrNull(row.acknowledged_at),
          restoredAt: numOrNull(row.restored_at),
          financialLoss: numOrNull(row.financial_loss),
          services: [],
        };
        byId.set(id, incident);
      }
      incident.services.push(String(row.service_ref));
    }
    return [...byId.values()];
  }

  /**
   * Post-incident reviews published in the window, as (service, review) pairs, and the distinct
   * (service, person) pairs of the people who have read them.
   */
  async reviewReaders(
    window: EventWindow,
    services?: readonly string[],
  ): Promise<{
    reviews: Array<{ service: string; review: number }>;
    readers: Array<{ service: string; person: string }>;
  }> {
    const reviewed = () =>
      this.restrict(
        this.knex('reviews as v')
          .join('review_services as rs', 'rs.review_id', 'v.id')
          .where('v.published_at', '>=', window.from)
          .where('v.published_at', '<', window.to),
        'rs.service_ref',
        services,
      );
    const reviews = await reviewed().select(
      'rs.service_ref as service',
      'v.id as review',
    );
    const readers = await reviewed()
      .join('review_reads as r', function joinReads() {
        this.on('r.review_source', '=', 'v.source').andOn(
          'r.review_external_id',
          '=',
          'v.external_id',
        );
      })
      .distinct('rs.service_ref as service', 'r.person as person');
    return {
      reviews: reviews.map((row: Record<string, unknown>) => ({
        service: String(row.service),
        review: num(row.review),
      })),
      readers: readers.map((row: Record<string, unknown>) => ({
        service: String(row.service),
        person: String(row.person),
      })),
    };
  }

  /** Improvement actions completed in the window. */
  async completedActions(
    window: EventWindow,
    services?: readonly string[],
  ): Promise<
    Array<{ service: string; definedAt: number; completedAt: number }>
  > {
    const query = this.knex('improvement_actions')
      .select('service_ref', 'defined_at', 'completed_at')
      .where('completed_at', '>=', window.from)
      .where('completed_at', '<', window.to);
    const rows = await this.restrict(query, 'service_ref', services);
    return rows.map((row: Record<string, unknown>) => ({
      service: String(row.service_ref),
      definedAt: num(row.defined_at),
      completedAt: num(row.completed_at),
    }));
  }

  /** Chaos Days held in the window, as (service, day) pairs. */
  async chaosDays(
    window: EventWindow,
    services?: readonly string[],
  ): Promise<Array<{ service: string; day: string }>> {
    const query = this.knex('chaos_days')
      .distinct('service_ref', 'day')
      .where('held_at', '>=', window.from)
      .where('held_at', '<', window.to);
    const rows = await this.restrict(query, 'service_ref', services);
    return rows.map((row: Record<string, unknown>) => ({
      service: String(row.service_ref),
      day: String(row.day),
    }));
  }

  /** Rework hours per team and week, for weeks starting in the window. */
  async reworkWeeks(
    window: EventWindow,
    teams?: readonly string[],
  ): Promise<ReworkRow[]> {
    const query = this.knex('rework_items')
      .select('team_ref', 'week_start', 'hours', 'team_hours', 'members')
      .where('week_start', '>=', window.from)
      .where('week_start', '<', window.to);
    const rows = await this.restrict(query, 'team_ref', teams);
    return rows.map((row: Record<string, unknown>) => ({
      team: String(row.team_ref),
      weekStart: num(row.week_start),
      hours: num(row.hours),
      teamHours: numOrNull(row.team_hours),
      members: numOrNull(row.members),
    }));
  }
}
