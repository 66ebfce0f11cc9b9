import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/** The databases a test file runs on. */
export function testDatabases(ids: TestDatabaseId[]): TestDatabases {
  return TestDatabases.create({ ids });
}

/**
 * True when the README's test command provides a PostgreSQL server (it sets
 * OPERATING_MODEL_REQUIRE_POSTGRES) but these databases cannot reach it: each database test
 * file expects this to be false, so that no file passes on SQLite alone there.
 */
export function postgresMissing(databases: TestDatabases): boolean {
  return (
    Boolean(process.env.OPERATING_MODEL_REQUIRE_POSTGRES) &&
    !databases.supports('POSTGRES_15')
  );
}
