// @ts-check

/**
 * Each incident may link to itself in the tool it came from (a PagerDuty incident's page).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    table
      .string('url', 2048)
      .nullable()
      .comment('the incident in the tool it came from; http or https');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incidents', table => {
    table.dropColumn('url');
  });
};
