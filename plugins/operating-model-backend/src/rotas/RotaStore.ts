import { Knex } from 'knex';
import { randomBytes, randomUUID } from 'crypto';
import {
  Override,
  RecordedShift,
} from '@operating-model/backstage-plugin-operating-model-common';

interface ShiftRow {
  rota_ref: string;
  start: Date | number | string;
  end: Date | number | string;
  person: string;
  team: string | null;
  recorded_at: Date | number | string;
}

interface OverrideRow {
  id: string;
  rota_ref: string;
  person: string;
  covers: string | null;
  start: Date | number | string;
  end: Date | number | string;
  reason: string | null;
  created_by: string;
  created_at: Date | number | string;
  removed_by?: string | null;
  removed_at?: Date | number | string | null;
}

/** SQLite hands timestamps back as numbers and PostgreSQL as Dates; the API speaks ISO. */
function iso(value: Date | number | string): string {
  return new Date(value).toISOString();
}

function toOverride(row: OverrideRow): Override {
  return {
    id: row.id,
    person: row.person,
    covers: row.covers,
    start: iso(row.start),
    end: iso(row.end),
    reason: row.reason ?? undefined,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
  };
}

/** Recorded shifts, overrides and the feed-signing secret, in the plugin's database. */
export class RotaStore {
  constructor(private readonly knex: Knex) {}

  /**
   * The recorded shifts a window needs: those overlapping it, and the last one before it, from
   * which the rotation carries on.
   */
  async recordedShiftsAround(
    rotaRef: string,
    from: Date,
    to: Date,
  ): Promise<RecordedShift[]> {
    const before = await this.knex<ShiftRow>('rota_shifts')
      .where({ rota_ref: rotaRef })
      .andWhere('start', '<', from)
      .orderBy('start', 'desc')
      .first();
    const within = await this.knex<ShiftRow>('rota_shifts')
      .where({ rota_ref: rotaRef })
      .andWhere('start', '>=', from)
      .andWhere('start', '<', to)
      .orderBy('start', 'asc');
    const rows = before ? [before, ...within] : within;
    return rows.map(row => ({
      person: row.person,
      start: iso(row.start),
      end: iso(row.end),
      ...(row.team ? { team: row.team } : {}),
    }));
  }

  /** Records shifts that have started; one already recorded is kept as it was. */
  async recordShifts(
    rotaRef: string,
    shifts: RecordedShift[],
    now: Date,
  ): Promise<void> {
    if (shifts.length === 0) return;
    await this.knex<ShiftRow>('rota_shifts')
      .insert(
        shifts.map(s => ({
          rota_ref: rotaRef,
          start: new Date(s.start),
          end: new Date(s.end),
          person: s.person,
          team: s.team ?? null,
          recorded_at: now,
        })),
      )
      .onConflict(['rota_ref', 'start'])
      .ignore();
  }

  async listOverrides(
    rotaRef: string,
    from: Date,
    to: Date,
  ): Promise<Override[]> {
    const rows = await this.knex<OverrideRow>('rota_overrides')
      .where({ rota_ref: rotaRef })
      .whereNull('removed_at')
      .andWhere('start', '<', to)
      .andWhere('end', '>', from)
      .orderBy('created_at', 'asc');
    return rows.map(toOverride);
  }

  async getOverride(
    rotaRef: string,
    id: string,
  ): Promise<Override | undefined> {
    const row = await this.knex<OverrideRow>('rota_overrides')
      .where({ rota_ref: rotaRef, id })
      .whereNull('removed_at')
      .first();
    return row ? toOverride(row) : undefined;
  }

  async createOverride(
    rotaRef: string,
    input: {
      person: string;
      covers: string | null;
      start: Date;
      end: Date;
      reason?: string;
    },
    createdBy: string,
    now: Date,
  ): Promise<Override> {
    const row: OverrideRow = {
      id: randomUUID(),
      rota_ref: rotaRef,
      person: input.person,
      covers: input.covers,
      start: input.start,
      end: input.end,
      reason: input.reason ?? null,
      created_by: createdBy,
      created_at: now,
    };
    await this.knex<OverrideRow>('rota_overrides').insert(row);
    return toOverride(row);
  }

  /** Marks a standing override removed, keeping it with who removed it and when; false when there is none. */
  async removeOverride(
    rotaRef: string,
    id: string,
    removedBy: string,
    now: Date,
  ): Promise<boolean> {
    const updated = await this.knex<OverrideRow>('rota_overrides')
      .where({ rota_ref: rotaRef, id })
      .whereNull('removed_at')
      .update({ removed_by: removedBy, removed_at: now });
    return updated > 0;
  }

  /** A person's calendar link generation: 0 until they first reset their link. */
  async feedLinkGeneration(person: string): Promise<number> {
    const row = await this.knex('feed_link_generations')
      .where({ person })
      .first();
    return row ? Number(row.generation) : 0;
  }

  /** Raises a person's link generation, so every link issued before is refused; answers the new one. */
  async resetFeedLinks(person: string): Promise<number> {
    // One statement, so two resets at once both count rather than race to insert the first row.
    await this.knex('feed_link_generations')
      .insert({ person, generation: 1 })
      .onConflict('person')
      .merge({
        generation: this.knex.raw('feed_link_generations.generation + 1'),
      });
    return this.feedLinkGeneration(person);
  }

  /** The secret that signs calendar feed links, made on first use. */
  async feedSecret(): Promise<string> {
    const existing = await this.knex('feed_secrets')
      .where({ name: 'calendar' })
      .first();
    if (existing) return existing.value;
    await this.knex('feed_secrets')
      .insert({ name: 'calendar', value: randomBytes(32).toString('hex') })
      .onConflict('name')
      .ignore();
    const row = await this.knex('feed_secrets')
      .where({ name: 'calendar' })
      .first();
    return row.value;
  }
}
