// @ts-check

/**
 * Each event source's cursor and status: where its next read starts, when it last ran and last
 * succeeded, how many events it has written, its last error and the Components it could not map.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('event_sources', table => {
    table.comment('The state of each event source a backend module adds');
    table.string('id').primary().comment('the source id, such as pagerduty');
    table
      .text('cursor')
      .nullable()
      .comment('where the next read starts; the one of the last written page');
    table.timestamp('last_run_at', { useTz: true }).nullable();
    table.timestamp('last_success_at', { useTz: true }).nullable();
    table
      .bigInteger('events_written')
      .notNullable()
      .defaultTo(0)
      .comment('events written by every run so far');
    table.text('last_error').nullable().comment('null once a run succeeds');
    table.integer('mapped').nullable().comment('Components the source maps');
    table
      .text('unmapped')
      .nullable()
      .comment('JSON: the Components it could not map, with why');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('event_sources');
};
