// @ts-check

/**
 * Removed overrides are kept with who removed them and when, and each person's calendar feed
 * links carry a generation that resetting the link raises, which revokes the old ones.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('rota_overrides', table => {
    table
      .string('removed_by')
      .nullable()
      .comment('who removed the override; null while it stands');
    table.timestamp('removed_at', { useTz: true }).nullable();
  });
  await knex.schema.createTable('feed_link_generations', table => {
    table.comment(
      'The calendar link generation of each person; links of an older generation are refused',
    );
    table.string('person').primary().comment('user entity ref, lower-cased');
    table.integer('generation').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('feed_link_generations');
  await knex.schema.alterTable('rota_overrides', table => {
    table.dropColumn('removed_at');
    table.dropColumn('removed_by');
  });
};
