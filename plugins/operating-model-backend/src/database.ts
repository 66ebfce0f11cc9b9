import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-operating-model-backend',
  'migrations',
);

const MIGRATION_ATTEMPTS = 3;

/**
 * Runs the migrations. Replicas that start together on an empty database race to create knex's
 * own bookkeeping tables (the migration lock exists only once they do), and the loser fails with
 * a duplicate-table error; trying again finds them made and waits on the lock.
 */
export async function migrate(knex: Knex): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory: migrationsDir });
      return;
    } catch (error) {
      if (attempt >= MIGRATION_ATTEMPTS) throw error;
      await new Promise(resolve => setTimeout(resolve, 250 * attempt));
    }
  }
}

/** The plugin's database, migrated to the latest schema unless the deployment says not to. */
export async function openDatabase(database: DatabaseService): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await migrate(knex);
  }
  return knex;
}
