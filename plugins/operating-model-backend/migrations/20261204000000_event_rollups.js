// @ts-check

/**
 * Per-service, per-day (UTC) sums of production deployments and of availability intervals, kept
 * up to date by EventStore in the transaction that writes the events, so that the measures, the
 * leaders' view and the directory's 30-day figures add up a few rows per service and day instead
 * of every raw row. A day (epoch ms / 86,400,000) rather than an hour: availability arrives hourly
 * or finer, so hourly sums would be as many rows as the intervals; the windows asked for are whole
 * days, and what falls in a part of a day at either end of a window is read from the raw rows.
 * The source is part of the key so that the measures can name the tools the figures rest on.
 * Instants before 1970-01-01 are left out (the store reads them raw).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const postgres = String(knex.client.config.client ?? '').includes('pg');
  await knex.schema.createTable('deployment_days', table => {
    table.comment(
      'Production deployments per service, UTC day and source, from the deployments table',
    );
    table.string('service_ref', 255).notNullable();
    table
      .integer('day')
      .notNullable()
      .comment('Days since 1970-01-01 UTC of deployed_at');
    table.string('source', 255).notNullable();
    table.integer('deployments').notNullable();
    table
      .integer('standard')
      .notNullable()
      .comment('of them under a standard change');
    table
      .integer('lockstep')
      .notNullable()
      .comment(
        'of them sharing a release or change-request id with another service’s production deployment',
      );
    table.primary(['service_ref', 'day', 'source']);
    table.index(['day'], 'deployment_days_day_idx');
  });
  await knex.schema.createTable('availability_days', table => {
    table.comment(
      'Good and total requests per service, UTC day and source, from availability_intervals',
    );
    table.string('service_ref', 255).notNullable();
    table
      .integer('day')
      .notNullable()
      .comment('Days since 1970-01-01 UTC of start_at');
    table.string('source', 255).notNullable();
    // Sums of counts pass 2^63: numeric on PostgreSQL; SQLite turns an overflowing integer into a real.
    if (postgres) {
      table.specificType('good', 'numeric').notNullable();
      table.specificType('total', 'numeric').notNullable();
    } else {
      table.bigInteger('good').notNullable();
      table.bigInteger('total').notNullable();
    }
    table.integer('intervals').notNullable();
    table.primary(['service_ref', 'day', 'source']);
    table.index(['day'], 'availability_days_day_idx');
  });

  const DAY = 86_400_000;
  const lockstep = `case when
      (d.release_id is not null and exists (
        select 1 from deployments o
        where o.release_id = d.release_id and o.service_ref <> d.service_ref and o.environment = 'production'))
      or (d.change_request_id is not null and exists (
        select 1 from deployments o
        where o.change_request_id = d.change_request_id and o.service_ref <> d.service_ref and o.environment = 'production'))
    then 1 else 0 end`;
  await knex.raw(
    `insert into deployment_days (service_ref, day, source, deployments, standard, lockstep)
     select d.service_ref, d.deployed_at / ${DAY}, d.source, count(*),
       sum(case when d.standard_change then 1 else 0 end), sum(${lockstep})
     from deployments d
     where d.environment = 'production' and d.deployed_at >= 0
     group by d.service_ref, d.deployed_at / ${DAY}, d.source`,
  );
  // SQLite's sum() of integers fails past 2^63; its total() sums as a double.
  const sum = postgres ? 'sum' : 'total';
  await knex.raw(
    `insert into availability_days (service_ref, day, source, good, total, intervals)
     select service_ref, start_at / ${DAY}, source, ${sum}(good), ${sum}(total), count(*)
     from availability_intervals
     where start_at >= 0
     group by service_ref, start_at / ${DAY}, source`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('availability_days');
  await knex.schema.dropTable('deployment_days');
};
