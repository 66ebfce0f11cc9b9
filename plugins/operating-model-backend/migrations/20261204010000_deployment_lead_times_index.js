// @ts-check

/**
 * The measures read every production deployment of a window for the lead-time percentiles and
 * the change failure rate: (service, deploy time, build time). An index holding those columns
 * lets PostgreSQL answer from the index alone (a year of 10,000 services' deployments is spread
 * over the whole table, since they arrive service by service), and SQLite likewise. Not a
 * partial index on production deployments: with one, PostgreSQL planned the lockstep look-ups
 * (`environment = 'production'` and a release id) as reads of that whole index while the table
 * had no statistics yet, and ingestion slowed to a crawl.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const postgres = String(knex.client.config.client ?? '').includes('pg');
  await knex.raw(
    postgres
      ? `create index deployments_lead_times_idx on deployments (deployed_at) include (environment, service_ref, built_at)`
      : `create index deployments_lead_times_idx on deployments (deployed_at, environment, service_ref, built_at)`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('drop index deployments_lead_times_idx');
};
