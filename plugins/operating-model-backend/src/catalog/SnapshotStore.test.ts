import { postgresMissing, testDatabases } from '../__testUtils__/testDatabases';
import { migrate } from '../database';
import { OrgSnapshot } from './readOrgSnapshot';
import { SnapshotStore } from './SnapshotStore';

const databases = testDatabases(['POSTGRES_15', 'SQLITE_3']);

const snapshot: OrgSnapshot = {
  services: [
    {
      entityRef: 'component:default/checkout',
      title: 'Checkout\twith a tab\nand a new line',
      owner: 'group:default/payments',
      system: null,
      domain: null,
      annotations: { 'operating-model.io/financial-exposure': '200K' },
      links: [{ url: 'https://runbooks.example/checkout', type: 'runbook' }],
      dependsOn: [],
    },
  ],
  groups: [
    {
      entityRef: 'group:default/payments',
      type: 'team',
      annotations: {},
      members: ['user:default/ana'],
    },
  ],
  users: [{ entityRef: 'user:default/ana', email: null, optedOut: false }],
  domains: [],
  resources: [],
  titles: new Map([
    ['component:default/checkout', 'Checkout'],
    ['user:default/ana', 'Ana Müller'],
  ]),
  readAt: new Date('2026-06-03T12:00:00.000Z'),
};

describe('SnapshotStore', () => {
  it('runs on PostgreSQL wherever the test command provides it', () => {
    expect(postgresMissing(databases)).toBe(false);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('reads back what it stored, empty lists and text with tabs and new lines included', async () => {
      const knex = await databases.init(databaseId);
      await migrate(knex);
      const store = new SnapshotStore(knex);
      await expect(store.load()).resolves.toBeUndefined();
      await store.save(snapshot);
      await expect(store.load()).resolves.toEqual(snapshot);

      const { resources: _, ...withoutResources } = snapshot;
      await store.save(withoutResources);
      const loaded = await store.load();
      expect(loaded).toEqual(withoutResources);
      expect(loaded).not.toHaveProperty('resources', []);
    });

    it('stores a large snapshot in parts of whole lines and reads it back', async () => {
      const knex = await databases.init(databaseId);
      await migrate(knex);
      const store = new SnapshotStore(knex);
      const large: OrgSnapshot = {
        ...snapshot,
        services: Array.from({ length: 6000 }, (_, i) => ({
          ...snapshot.services[0],
          entityRef: `component:default/service-${i}`,
          title: `Service ${i} ${'x'.repeat(i % 300)}`,
        })),
      };
      await store.save(large);
      await expect(store.load()).resolves.toEqual(large);
      const rows = await knex('catalog_snapshots').count({ n: '*' });
      expect(Number(rows[0].n)).toBeGreaterThan(2);
      // A smaller snapshot afterwards leaves no part of the larger one behind.
      await store.save(snapshot);
      await expect(store.load()).resolves.toEqual(snapshot);
      const after = await knex('catalog_snapshots').count({ n: '*' });
      expect(Number(after[0].n)).toBe(2);
    });

    it('reads a body stored as one JSON object, as bodies were before', async () => {
      const knex = await databases.init(databaseId);
      await migrate(knex);
      await knex('catalog_snapshots').insert({
        id: 'latest',
        read_at: snapshot.readAt,
        body: JSON.stringify({
          services: snapshot.services,
          groups: snapshot.groups,
          users: snapshot.users,
          domains: snapshot.domains,
          titles: [...snapshot.titles],
        }),
      });
      const { resources: _, ...before } = snapshot;
      await expect(new SnapshotStore(knex).load()).resolves.toEqual({
        ...before,
        resources: undefined,
      });
    });
  });
});
