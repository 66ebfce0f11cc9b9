// @ts-check

/**
 * Rotas: the shifts that have started (so a membership change never rewrites them), the
 * overrides people make, and the secret that signs calendar feed links.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rota_shifts', table => {
    table.comment(
      'Shifts that have started, recorded as they were when they started',
    );
    table
      .string('rota_ref')
      .notNullable()
      .comment('group:… or domain:… entity ref');
    table.timestamp('start', { useTz: true }).notNullable();
    table.timestamp('end', { useTz: true }).notNullable();
    table.string('person').notNullable().comment('user entity ref');
    table
      .string('team')
      .nullable()
      .comment('the team a domain rota drew the person from');
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.primary(['rota_ref', 'start']);
  });

  await knex.schema.createTable('rota_overrides', table => {
    table.comment('A person covering a span of a rota for someone else');
    table.string('id').primary();
    table.string('rota_ref').notNullable();
    table.string('person').notNullable().comment('who covers');
    table
      .string('covers')
      .nullable()
      .comment('whose shift is covered, where known');
    table.timestamp('start', { useTz: true }).notNullable();
    table.timestamp('end', { useTz: true }).notNullable();
    table.text('reason').nullable();
    table.string('created_by').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['rota_ref', 'start'], 'rota_overrides_rota_start_idx');
  });

  await knex.schema.createTable('feed_secrets', table => {
    table.comment(
      'Secrets that sign calendar feed links, so a phone can subscribe without a session',
    );
    table.string('name').primary();
    table.string('value').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('feed_secrets');
  await knex.schema.dropTable('rota_overrides');
  await knex.schema.dropTable('rota_shifts');
};
