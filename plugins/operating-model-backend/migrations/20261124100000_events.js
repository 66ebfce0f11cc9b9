// @ts-check

/**
 * The delivery and incident events the measures are computed from (SPEC "Data the measures
 * need"). Each record is keyed by the tool it came from and that tool's own id, so writing the
 * same record again updates it. Instants are epoch milliseconds in `bigint` columns: the measures
 * subtract and compare them in SQL, and integers do that the same way on SQLite and PostgreSQL.
 * Entity refs are stored lower-cased, as `kind:namespace/name`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  /**
   * @param {import('knex').Knex.CreateTableBuilder} table
   * @param {string} what
   */
  const keyed = (table, what) => {
    table.increments('id');
    table
      .string('source', 255)
      .notNullable()
      .comment(`The tool that reported the ${what}`);
    table
      .string('external_id', 255)
      .notNullable()
      .comment(`The ${what}'s id in that tool`);
    table.unique(['source', 'external_id']);
  };

  await knex.schema.createTable('deployments', table => {
    table.comment(
      'Deployments of services to any environment; the measures read production ones',
    );
    keyed(table, 'deployment');
    table.string('service_ref', 255).notNullable();
    table
      .string('environment', 255)
      .notNullable()
      .comment('Lower-cased, such as production');
    table
      .bigInteger('built_at')
      .notNullable()
      .comment('Epoch ms the release candidate was built');
    table.bigInteger('deployed_at').notNullable().comment('Epoch ms');
    table.string('release_id', 255).nullable();
    table.string('change_request_id', 255).nullable();
    table.boolean('standard_change').notNullable().defaultTo(false);
    table.string('deployer', 255).nullable();
    table.string('version', 255).nullable();
    table.index(['service_ref', 'deployed_at'], 'deployments_service_time_idx');
    table.index(['deployed_at'], 'deployments_time_idx');
    // Lockstep detection looks deployments up by these ids.
    table.index(['release_id'], 'deployments_release_idx', {
      predicate: knex.whereNotNull('release_id'),
    });
    table.index(['change_request_id'], 'deployments_change_request_idx', {
      predicate: knex.whereNotNull('change_request_id'),
    });
  });

  await knex.schema.createTable('incidents', table => {
    table.comment(
      'Incidents: from losing an availability target to regaining it',
    );
    keyed(table, 'incident');
    table.string('title', 1024).nullable();
    table.bigInteger('started_at').notNullable().comment('Epoch ms');
    table.bigInteger('acknowledged_at').nullable().comment('Epoch ms');
    table
      .bigInteger('restored_at')
      .nullable()
      .comment('Epoch ms; null while still open');
    table
      .double('financial_loss')
      .nullable()
      .comment('Money lost, in the configured currency');
    table.string('severity', 255).nullable();
    table.boolean('major_incident_manager').nullable();
    table.text('review_url').nullable();
    table.index(['started_at'], 'incidents_time_idx');
  });

  await knex.schema.createTable('incident_services', table => {
    table.comment('The services an incident hit');
    table
      .integer('incident_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('service_ref', 255).notNullable();
    table.primary(['incident_id', 'service_ref']);
    table.index(['service_ref'], 'incident_services_service_idx');
  });

  await knex.schema.createTable('availability_intervals', table => {
    table.comment(
      'Good and total request counts of a service over an interval',
    );
    keyed(table, 'interval');
    table.string('service_ref', 255).notNullable();
    table.bigInteger('start_at').notNullable().comment('Epoch ms, inclusive');
    table.bigInteger('end_at').notNullable().comment('Epoch ms, exclusive');
    table.bigInteger('good').notNullable();
    table.bigInteger('total').notNullable();
    table.index(['service_ref', 'start_at'], 'availability_service_time_idx');
    table.index(['start_at'], 'availability_time_idx');
  });

  await knex.schema.createTable('reviews', table => {
    table.comment('Post-incident reviews');
    keyed(table, 'review');
    table.string('incident_source', 255).nullable();
    table.string('incident_external_id', 255).nullable();
    table.string('title', 1024).nullable();
    table.text('url').nullable();
    table.bigInteger('published_at').notNullable().comment('Epoch ms');
    table.index(['published_at'], 'reviews_time_idx');
  });

  await knex.schema.createTable('review_services', table => {
    table.comment('The services a post-incident review is about');
    table
      .integer('review_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('reviews')
      .onDelete('CASCADE');
    table.string('service_ref', 255).notNullable();
    table.primary(['review_id', 'service_ref']);
    table.index(['service_ref'], 'review_services_service_idx');
  });

  await knex.schema.createTable('review_reads', table => {
    table.comment(
      'Who read a post-incident review: one row per person and review, however often they read it',
    );
    table.increments('id');
    table
      .string('source', 255)
      .notNullable()
      .comment('The tool that reported the read');
    table.string('review_source', 255).notNullable();
    table.string('review_external_id', 255).notNullable();
    table
      .string('person', 255)
      .notNullable()
      .comment('A user entity ref or an email, lower-cased');
    table
      .bigInteger('read_at')
      .notNullable()
      .comment('Epoch ms of the latest read reported');
    table.unique(['review_source', 'review_external_id', 'person']);
  });

  await knex.schema.createTable('improvement_actions', table => {
    table.comment('Improvement actions from post-incident reviews');
    keyed(table, 'action');
    table.string('service_ref', 255).notNullable();
    table.string('review_source', 255).nullable();
    table.string('review_external_id', 255).nullable();
    table.string('title', 1024).nullable();
    table.bigInteger('defined_at').notNullable().comment('Epoch ms');
    table
      .bigInteger('completed_at')
      .nullable()
      .comment('Epoch ms; null while not done');
    table.index(
      ['service_ref', 'completed_at'],
      'improvement_actions_service_time_idx',
    );
    table.index(['completed_at'], 'improvement_actions_time_idx');
  });

  await knex.schema.createTable('chaos_days', table => {
    table.comment('Chaos Days run against a service');
    keyed(table, 'Chaos Day');
    table.string('service_ref', 255).notNullable();
    table.string('day', 10).notNullable().comment('yyyy-MM-dd');
    table
      .bigInteger('held_at')
      .notNullable()
      .comment('Epoch ms of the day’s start, UTC');
    table.text('review_url').nullable();
    table.index(['service_ref', 'held_at'], 'chaos_days_service_time_idx');
    table.index(['held_at'], 'chaos_days_time_idx');
  });

  await knex.schema.createTable('rework_items', table => {
    table.comment('Unplanned operational work a team did in a week');
    keyed(table, 'rework item');
    table.string('team_ref', 255).notNullable();
    table
      .bigInteger('week_start')
      .notNullable()
      .comment('Epoch ms of the Monday, UTC');
    table.double('hours').notNullable();
    table
      .double('team_hours')
      .nullable()
      .comment('The team’s working hours that week');
    table.integer('members').nullable().comment('The team’s size that week');
    table.string('service_ref', 255).nullable();
    table.string('title', 1024).nullable();
    table.index(['team_ref', 'week_start'], 'rework_items_team_time_idx');
    table.index(['week_start'], 'rework_items_time_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'rework_items',
    'chaos_days',
    'improvement_actions',
    'review_reads',
    'review_services',
    'reviews',
    'availability_intervals',
    'incident_services',
    'incidents',
    'deployments',
  ]) {
    await knex.schema.dropTable(table);
  }
};
