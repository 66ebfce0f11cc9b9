import { Knex } from 'knex';
import { OrgSnapshot } from './readOrgSnapshot';

interface SnapshotRow {
  id: string;
  read_at: Date | string;
  body: string;
}

/** Keeps the last catalog snapshot in the plugin's database. */
export class SnapshotStore {
  constructor(private readonly knex: Knex) {}

  async save(snapshot: OrgSnapshot): Promise<void> {
    const { services, groups, users, domains, resources } = snapshot;
    const body = JSON.stringify({
      services,
      groups,
      users,
      domains,
      resources,
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
    const body = JSON.parse(row.body) as Omit<
      OrgSnapshot,
      'titles' | 'readAt'
    > & {
      titles: Array<[string, string]>;
    };
    return {
      services: body.services,
      groups: body.groups ?? [],
      users: body.users ?? [],
      domains: body.domains ?? [],
      resources: body.resources,
      titles: new Map(body.titles),
      readAt: new Date(row.read_at),
    };
  }
}
