import { Knex } from 'knex';

/** Keeps each SQLite statement under its limit of bound values (32,766). */
const MAX_BOUND_VALUES = 30_000;
/** SQLite writes a multi-row insert as one compound SELECT, which it caps at 500 terms. */
const SQLITE_ROWS_PER_STATEMENT = 500;
/**
 * PostgreSQL takes a whole batch as one array per column, so a statement's size does not grow
 * with its bound values; this only bounds the memory of one statement.
 */
const POSTGRES_ROWS_PER_STATEMENT = 10_000;

/** The PostgreSQL type of each column written, for the arrays `unnest` reads rows from. */
export type ColumnTypes = Record<
  string,
  'text' | 'bigint' | 'integer' | 'boolean' | 'double precision' | 'numeric'
>;

export function isPostgres(knex: Knex): boolean {
  return String(knex.client.config.client ?? '').includes('pg');
}

export function inParts<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/** How many items of `columns` bound values each fit in one statement. */
export function partSize(knex: Knex, columns: number): number {
  if (isPostgres(knex)) return POSTGRES_ROWS_PER_STATEMENT;
  return Math.max(
    1,
    Math.min(SQLITE_ROWS_PER_STATEMENT, Math.floor(MAX_BOUND_VALUES / columns)),
  );
}

export interface InsertOptions {
  /** The columns of the unique key a row may already have. */
  key: string[];
  /**
   * What a row whose key exists does: `ignore` leaves the stored row, `replace` overwrites every
   * other column, `add` adds the given numeric columns to the stored ones.
   */
  onConflict: 'ignore' | 'replace' | 'add';
  returning?: string[];
}

/**
 * Inserts rows, all with the columns of `types`, deciding on a key that exists as told. On
 * PostgreSQL one statement takes each column as an array and reads the rows with `unnest`,
 * which costs a fraction of binding every value separately (a batch of 10,000 deployments is
 * 110,000 values); SQLite gets multi-row inserts within its limits.
 */
export async function insertRows(
  trx: Knex.Transaction | Knex,
  table: string,
  types: ColumnTypes,
  rows: ReadonlyArray<Record<string, unknown>>,
  options: InsertOptions,
): Promise<Array<Record<string, unknown>>> {
  const columns = Object.keys(types);
  const others = columns.filter(c => !options.key.includes(c));
  const written: Array<Record<string, unknown>> = [];
  if (rows.length === 0) return written;
  if (isPostgres(trx)) {
    const id = (name: string) => `"${name}"`;
    let conflict: string;
    if (options.onConflict === 'ignore') {
      conflict = 'do nothing';
    } else if (options.onConflict === 'replace') {
      conflict = `do update set ${others
        .map(c => `${id(c)} = excluded.${id(c)}`)
        .join(', ')}`;
    } else {
      conflict = `do update set ${others
        .map(c => `${id(c)} = ${id(table)}.${id(c)} + excluded.${id(c)}`)
        .join(', ')}`;
    }
    const sql = `insert into ${id(table)} (${columns
      .map(id)
      .join(', ')}) select * from unnest(${columns
      .map(c => `?::${types[c]}[]`)
      .join(', ')}) on conflict (${options.key
      .map(id)
      .join(', ')}) ${conflict}${
      options.returning
        ? ` returning ${options.returning.map(id).join(', ')}`
        : ''
    }`;
    for (const part of inParts(rows, POSTGRES_ROWS_PER_STATEMENT)) {
      const result = await trx.raw(
        sql,
        // node-postgres sends each JavaScript array as one PostgreSQL array.
        columns.map(c =>
          part.map(row => row[c] ?? null),
        ) as unknown as Knex.RawBinding[],
      );
      if (options.returning) written.push(...result.rows);
    }
    return written;
  }
  for (const part of inParts(rows, partSize(trx, columns.length))) {
    const insert = trx(table).insert(part).onConflict(options.key);
    let query: Knex.QueryBuilder;
    if (options.onConflict === 'ignore') {
      query = insert.ignore();
    } else if (options.onConflict === 'replace') {
      query = insert.merge(others);
    } else {
      query = insert.merge(
        Object.fromEntries(
          others.map(c => [
            c,
            trx.raw('?? + excluded.??', [`${table}.${c}`, c]),
          ]),
        ),
      );
    }
    if (options.returning) {
      written.push(...(await query.returning(options.returning)));
    } else {
      await query;
    }
  }
  return written;
}

/**
 * The rows of `table` with the given (source, external id) keys, with the columns asked for;
 * locked against other writers on PostgreSQL when `lock` is set.
 */
export async function rowsWithKeys(
  trx: Knex.Transaction,
  table: string,
  columns: string[],
  keys: ReadonlyArray<{ source: unknown; external_id: unknown }>,
  lock = false,
): Promise<Array<Record<string, unknown>>> {
  const found: Array<Record<string, unknown>> = [];
  if (keys.length === 0) return found;
  if (isPostgres(trx)) {
    for (const part of inParts(keys, POSTGRES_ROWS_PER_STATEMENT)) {
      const query = trx(table)
        .select(columns)
        .whereRaw(
          '(source, external_id) in (select * from unnest(?::text[], ?::text[]))',
          [
            part.map(k => k.source),
            part.map(k => k.external_id),
          ] as unknown as Knex.RawBinding[],
        );
      if (lock) query.forUpdate();
      found.push(...(await query));
    }
    return found;
  }
  for (const part of inParts(keys, partSize(trx, 2))) {
    found.push(
      ...(await trx(table)
        .select(columns)
        .whereIn(
          ['source', 'external_id'],
          part.map(k => [k.source, k.external_id]) as any,
        )),
    );
  }
  return found;
}
