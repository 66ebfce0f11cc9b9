import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@operating-model/backstage-plugin-operating-model-backend',
  'migrations',
);

/** How many times a failure other than a held lock is tried again. */
const MIGRATION_ATTEMPTS = 3;
/** How long a replica waits for another replica's migrations to finish before giving up. */
const LOCK_WAIT_MS = 120_000;

/**
 * Runs the migrations. Replicas that start together on an empty database race to create knex's
 * own bookkeeping tables (the migration lock exists only once they do), and the loser fails with
 * a duplicate-table error; trying again finds them made and waits on the lock. Knex does not
 * wait on a held lock itself: it fails at once, so a replica keeps trying while another one's
 * migrations run, for as long as `LOCK_WAIT_MS`, however slow the machine.
 */
export async function migrate(
  knex: Knex,
  options: { lockWaitMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.lockWaitMs ?? LOCK_WAIT_MS);
  let otherFailures = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory: migrationsDir });
      return;
    } catch (error) {
      const locked = (error as Error)?.name === 'MigrationLocked';
      if (locked) await keepOneLockRow(knex);
      if (
        locked ? Date.now() >= deadline : ++otherFailures >= MIGRATION_ATTEMPTS
      ) {
        throw error;
      }
      await new Promise(resolve =>
        setTimeout(resolve, Math.min(250 * attempt, 2_000)),
      );
    }
  }
}

/**
 * Replicas that create knex's lock table together can each insert its single row. Knex takes the
 * lock only when its update changes exactly one row, so with two rows no replica could ever
 * migrate: every one is told the table is locked. Keeps one row: the locked one if a replica
 * holds the lock, else the first, so replicas repairing at once keep the same one.
 */
export async function keepOneLockRow(knex: Knex): Promise<void> {
  const rows: Array<{ index: number; is_locked: number | boolean }> =
    await knex('knex_migrations_lock')
      .select('index', 'is_locked')
      .orderBy('index')
      .catch(() => []);
  if (rows.length <= 1) return;
  const keep = rows.find(row => Number(row.is_locked) === 1) ?? rows[0];
  await knex('knex_migrations_lock').whereNot('index', keep.index).delete();
}

/** The plugin's database, migrated to the latest schema unless the deployment says not to. */
export async function openDatabase(database: DatabaseService): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await migrate(knex);
  }
  return knex;
}
