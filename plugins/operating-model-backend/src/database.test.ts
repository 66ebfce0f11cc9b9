import knexFactory from 'knex';
import { migrate } from './database';
import { postgresMissing, testDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = testDatabases(['POSTGRES_15', 'SQLITE_3']);

it('runs against a real PostgreSQL server where the test command provides one', () => {
  expect(postgresMissing(databases)).toBe(false);
});

// Replicas share one database server; an in-memory SQLite database belongs to one pool alone.
const servers = databases.eachSupportedId().filter(([id]) => id !== 'SQLITE_3');

describe.each(servers)('migrations on %s', databaseId => {
  it('let three replicas start together on an empty database', async () => {
    const first = await databases.init(databaseId);
    // More pools on the same database, as more replicas have.
    const others = [
      knexFactory(first.client.config),
      knexFactory(first.client.config),
    ];
    try {
      const results = await Promise.allSettled(
        [first, ...others].map(knex => migrate(knex)),
      );
      expect(results.map(r => r.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
      const [{ count }] = await first('rota_overrides').count({ count: '*' });
      expect(Number(count)).toBe(0);
    } finally {
      await Promise.all(others.map(knex => knex.destroy()));
    }
  });
});

describe.each(databases.eachSupportedId())(
  'the migration lock on %s',
  databaseId => {
    it('waits while another replica holds the migration lock, then migrates', async () => {
      const knex = await databases.init(databaseId);
      await migrate(knex);
      // Another replica is part way through its migrations: the lock is held for a while.
      await knex('knex_migrations_lock').update({ is_locked: 1 });
      let released = false;
      const release = new Promise<void>(resolve =>
        setTimeout(async () => {
          await knex('knex_migrations_lock').update({ is_locked: 0 });
          released = true;
          resolve();
        }, 1_500),
      );
      await migrate(knex);
      expect(released).toBe(true);
      await release;
    });

    it('migrates when replicas racing to create the lock table each inserted its row', async () => {
      const knex = await databases.init(databaseId);
      await migrate(knex);
      await knex('knex_migrations_lock').insert({ is_locked: 0 });
      const [before] = await knex('knex_migrations_lock').count({ n: '*' });
      expect(Number(before.n)).toBe(2);
      await migrate(knex);
      const [{ n }] = await knex('knex_migrations_lock').count({ n: '*' });
      expect(Number(n)).toBe(1);
    });

    it('gives up, naming the lock, when it is never released', async () => {
      const knex = await databases.init(databaseId);
      await migrate(knex);
      await knex('knex_migrations_lock').update({ is_locked: 1 });
      await expect(migrate(knex, { lockWaitMs: 600 })).rejects.toThrow(
        /locked/i,
      );
    });
  },
);
