import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { OrgSnapshot } from './readOrgSnapshot';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-operating-model-backend',
  'migrations',
);

interface SnapshotRow {
  id: string;
  read_at: Date | string;
  body: string;
}

/** Keeps the last catalog snapshot in the plugin's database. */
export class SnapshotStore {
  static async create(database: DatabaseService): Promise<SnapshotStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new SnapshotStore(knex);
  }

  private constructor(private readonly knex: Knex) {}

  async save(snapshot: OrgSnapshot): Promise<void> {
    const body = JSON.stringify({
      services: snapshot.services,
      titles: [...snapshot.titles],
    });
    await this.knex<SnapshotRow>('catalog_snapshots')
      .insert({ id: 'latest', read_at: snapshot.readAt, body })
      .onConflict('id')
      .merge();
  }

  async load(): Promise<OrgSnapshot | undefined> {
    const row = await this.knex<SnapshotRow>('catalog_snapshots')
      .where({ id: 'latest' })
      .first();
    if (!row) return undefined;
    const body = JSON.parse(row.body) as {
      services: OrgSnapshot['services'];
      titles: Array<[string, string]>;
    };
    return {
      services: body.services,
      titles: new Map(body.titles),
      readAt: new Date(row.read_at),
    };
  }
}
