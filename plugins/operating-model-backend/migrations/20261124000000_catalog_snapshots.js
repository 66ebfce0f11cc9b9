// @ts-check

/**
 * The last catalog snapshot the plugin read, so that after a restart it answers from it at once
 * instead of waiting for the first catalog read.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('catalog_snapshots', table => {
    table.comment(
      'The last catalog snapshot read by the operating-model plugin',
    );
    table.string('id').primary().comment('Always "latest"');
    table.timestamp('read_at', { useTz: true }).notNullable();
    table
      .text('body', 'longtext')
      .notNullable()
      .comment('The snapshot as JSON');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('catalog_snapshots');
};
