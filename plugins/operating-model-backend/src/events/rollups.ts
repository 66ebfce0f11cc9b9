import { Knex } from 'knex';
import {
  ColumnTypes,
  inParts,
  insertRows,
  isPostgres,
  partSize,
} from './bulkWrite';

/** Only production deployments count in the measures (rule 11). */
export const PRODUCTION = 'production';
export const MS_PER_DAY = 86_400_000;

/**
 * Whether a deployment went out in lockstep: it shares a release or change-request id with a
 * production deployment of another service (at any time). Written once, for the raw reads and
 * for the rollups.
 */
export const LOCKSTEP_SQL = `case when
    (d.release_id is not null and exists (
      select 1 from deployments o
      where o.release_id = d.release_id and o.service_ref <> d.service_ref and o.environment = '${PRODUCTION}'))
    or (d.change_request_id is not null and exists (
      select 1 from deployments o
      where o.change_request_id = d.change_request_id and o.service_ref <> d.service_ref and o.environment = '${PRODUCTION}'))
  then 1 else 0 end`;

/**
 * Serialises writers of deployments on PostgreSQL (SQLite has one writer anyway). Whether a
 * deployment is in lockstep depends on other services' deployments, so two batches written at
 * once could each miss the other's partner and leave `deployment_days.lockstep` wrong; they are
 * a few a minute, so waiting costs nothing that matters.
 */
const DEPLOYMENT_WRITERS_LOCK = 0x6f6d_6465_706c; // "omdepl"

export async function lockDeploymentWriters(trx: Knex.Transaction) {
  if (isPostgres(trx)) {
    await trx.raw('select pg_advisory_xact_lock(?)', [DEPLOYMENT_WRITERS_LOCK]);
  }
}

/** The days a window covers whole, `[first, end)`; empty when it covers none. */
export function wholeDays(window: { from: number; to: number }): {
  first: number;
  end: number;
} {
  // Rollups start at 1970-01-01: anything before is read raw.
  const first = Math.max(0, Math.ceil(window.from / MS_PER_DAY));
  const end = Math.floor(window.to / MS_PER_DAY);
  return end > first ? { first, end } : { first: 0, end: 0 };
}

/**
 * The parts of a window outside its whole days, which are read from the raw rows: all of it
 * when it covers no whole day.
 */
export function windowEdges(window: {
  from: number;
  to: number;
}): Array<{ from: number; to: number }> {
  const { first, end } = wholeDays(window);
  if (end === first) return [window];
  return [
    { from: window.from, to: first * MS_PER_DAY },
    { from: end * MS_PER_DAY, to: window.to },
  ].filter(w => w.to > w.from);
}

const key = (service: string, day: number, source: string) =>
  JSON.stringify([service, day, source]);

/** A change to the rollups: sums to add, per service, day and source. */
class Deltas<T extends Record<string, number | bigint>> {
  private readonly byKey = new Map<
    string,
    { service: string; day: number; source: string; sums: T }
  >();

  constructor(private readonly zero: () => T) {}

  add(service: string, at: number, source: string, sign: 1 | -1, values: T) {
    if (at < 0) return;
    const day = Math.floor(at / MS_PER_DAY);
    const k = key(service, day, source);
    let entry = this.byKey.get(k);
    if (!entry) {
      entry = { service, day, source, sums: this.zero() };
      this.byKey.set(k, entry);
    }
    const sums = entry.sums as Record<string, number | bigint>;
    for (const [name, value] of Object.entries(values)) {
      sums[name] =
        typeof value === 'bigint'
          ? (sums[name] as bigint) + (sign === 1 ? value : -value)
          : (sums[name] as number) + sign * value;
    }
  }

  /** The changes that change something, in key order, so that writers lock rows in one order. */
  entries() {
    return [...this.byKey.values()]
      .filter(e => Object.values(e.sums).some(v => v !== 0 && v !== BigInt(0)))
      .sort(
        (a, b) =>
          compare(a.service, b.service) ||
          a.day - b.day ||
          compare(a.source, b.source),
      );
  }
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

const DEPLOYMENT_DAY_COLUMNS: ColumnTypes = {
  service_ref: 'text',
  day: 'integer',
  source: 'text',
  deployments: 'integer',
  standard: 'integer',
  lockstep: 'integer',
};

const AVAILABILITY_DAY_COLUMNS: ColumnTypes = {
  service_ref: 'text',
  day: 'integer',
  source: 'text',
  good: 'numeric',
  total: 'numeric',
  intervals: 'integer',
};

const ROLLUP_KEY = ['service_ref', 'day', 'source'];

export type DeploymentSums = {
  deployments: number;
  standard: number;
  lockstep: number;
};

export class DeploymentDeltas extends Deltas<DeploymentSums> {
  constructor() {
    super(() => ({ deployments: 0, standard: 0, lockstep: 0 }));
  }

  /** Counts (`sign` 1) or uncounts (-1) facts read with `deploymentFacts`. */
  addFacts(facts: DeploymentFact[], sign: 1 | -1) {
    for (const f of facts) {
      this.add(f.service, f.deployedAt, f.source, sign, {
        deployments: 1,
        standard: f.standard ? 1 : 0,
        lockstep: f.lockstep ? 1 : 0,
      });
    }
  }

  async apply(trx: Knex.Transaction) {
    await insertRows(
      trx,
      'deployment_days',
      DEPLOYMENT_DAY_COLUMNS,
      this.entries().map(e => ({
        service_ref: e.service,
        day: e.day,
        source: e.source,
        ...e.sums,
      })),
      { key: ROLLUP_KEY, onConflict: 'add' },
    );
  }
}

export type AvailabilitySums = {
  good: bigint;
  total: bigint;
  intervals: number;
};

/** Request counts are summed as bigints: their sums pass 2^53, and PostgreSQL keeps them exact. */
export class AvailabilityDeltas extends Deltas<AvailabilitySums> {
  constructor() {
    super(() => ({ good: BigInt(0), total: BigInt(0), intervals: 0 }));
  }

  addInterval(row: Record<string, unknown>, sign: 1 | -1) {
    this.add(
      String(row.service_ref),
      Number(row.start_at),
      String(row.source),
      sign,
      {
        good: BigInt(row.good as number | string),
        total: BigInt(row.total as number | string),
        intervals: 1,
      },
    );
  }

  async apply(trx: Knex.Transaction) {
    const postgres = isPostgres(trx);
    // PostgreSQL reads numeric text exactly; better-sqlite3 takes a number (a double past 2^53).
    const value = (v: bigint) => (postgres ? v.toString() : Number(v));
    await insertRows(
      trx,
      'availability_days',
      AVAILABILITY_DAY_COLUMNS,
      this.entries().map(e => ({
        service_ref: e.service,
        day: e.day,
        source: e.source,
        good: value(e.sums.good),
        total: value(e.sums.total),
        intervals: e.sums.intervals,
      })),
      { key: ROLLUP_KEY, onConflict: 'add' },
    );
  }
}

export interface DeploymentFact {
  id: number;
  service: string;
  source: string;
  deployedAt: number;
  standard: boolean;
  lockstep: boolean;
}

/**
 * What the rollups count of the production deployments with these ids, as they are now. The
 * environment is told here rather than in SQL, so that the only condition is on the ids and
 * PostgreSQL looks them up by key even on a table without statistics yet.
 */
export async function deploymentFacts(
  trx: Knex.Transaction,
  ids: readonly number[],
): Promise<DeploymentFact[]> {
  const facts: DeploymentFact[] = [];
  const postgres = isPostgres(trx);
  for (const part of inParts(ids, partSize(trx, 1))) {
    const query = trx('deployments as d')
      .select(
        'd.id',
        'd.environment',
        'd.service_ref',
        'd.source',
        'd.deployed_at',
        'd.standard_change',
      )
      .select(trx.raw(`${LOCKSTEP_SQL} as lockstep`));
    if (postgres) query.whereRaw('d.id = any(?::integer[])', [part]);
    else query.whereIn('d.id', part as number[]);
    for (const row of (await query) as Array<Record<string, unknown>>) {
      if (row.environment !== PRODUCTION) continue;
      facts.push({
        id: Number(row.id),
        service: String(row.service_ref),
        source: String(row.source),
        deployedAt: Number(row.deployed_at),
        standard: Boolean(row.standard_change),
        lockstep: Number(row.lockstep) === 1,
      });
    }
  }
  return facts;
}

/** The ids of the deployments with any of these release or change-request ids. */
export async function deploymentsSharing(
  trx: Knex.Transaction,
  column: 'release_id' | 'change_request_id',
  values: readonly string[],
): Promise<number[]> {
  const ids: number[] = [];
  const postgres = isPostgres(trx);
  for (const part of inParts(values, partSize(trx, 1))) {
    const query = trx('deployments').select('id');
    if (postgres) query.whereRaw(`${column} = any(?::text[])`, [part]);
    else query.whereIn(column, part as string[]);
    for (const row of (await query) as Array<{ id: unknown }>) {
      ids.push(Number(row.id));
    }
  }
  return ids;
}
