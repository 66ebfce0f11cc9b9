import { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { migrate } from './database';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

it('runs against a real PostgreSQL server where the test command provides one', () => {
  if (process.env.OPERATING_MODEL_REQUIRE_POSTGRES) {
    expect(databases.supports('POSTGRES_15')).toBe(true);
  }
});

describe.each(databases.eachSupportedId())('migrations on %s', databaseId => {
  it('let two replicas start together on an empty database', async () => {
    const first = await databases.init(databaseId);
    // A second pool on the same database, as a second replica has.
    const second = knexFactory(first.client.config);
    try {
      const results = await Promise.allSettled([migrate(first), migrate(second)]);
      expect(results.map(r => r.status)).toEqual(['fulfilled', 'fulfilled']);
      const [{ count }] = await first('rota_overrides').count({ count: '*' });
      expect(Number(count)).toBe(0);
    } finally {
      await second.destroy();
    }
  });
});
