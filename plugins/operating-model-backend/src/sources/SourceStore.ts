import { Knex } from 'knex';
import { EventSourceUnmapped } from '@operating-model/backstage-plugin-operating-model-node';

/** What the plugin keeps of one event source between runs. */
export interface SourceState {
  id: string;
  cursor: string | undefined;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  eventsWritten: number;
  lastError: string | null;
  mapped: number | null;
  unmapped: EventSourceUnmapped[];
}

interface SourceRow {
  id: string;
  cursor: string | null;
  last_run_at: Date | number | string | null;
  last_success_at: Date | number | string | null;
  events_written: number | string;
  last_error: string | null;
  mapped: number | null;
  unmapped: string | null;
}

/** SQLite hands timestamps back as numbers and PostgreSQL as Dates; the API speaks ISO. */
const iso = (value: Date | number | string | null) =>
  value === null ? null : new Date(value).toISOString();

function readUnmapped(value: string | null): EventSourceUnmapped[] {
  if (!value) return [];
  try {
    const parsed = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** The most unmapped Components kept per source: enough to act on, bounded whatever a source reports. */
export const MAX_UNMAPPED = 1000;

/** Each event source's cursor and status, in the table `event_sources`. */
export class SourceStore {
  constructor(private readonly knex: Knex) {}

  async get(id: string): Promise<SourceState | undefined> {
    const row = await this.knex<SourceRow>('event_sources')
      .where({ id })
      .first();
    return row ? toState(row) : undefined;
  }

  async list(): Promise<SourceState[]> {
    const rows = await this.knex<SourceRow>('event_sources').orderBy('id');
    return rows.map(toState);
  }

  /** Records that a run began, making the row on a source's first run. */
  async started(id: string, at: Date): Promise<void> {
    await this.knex('event_sources')
      .insert({ id, last_run_at: at, events_written: 0 })
      .onConflict('id')
      .merge({ last_run_at: at });
  }

  /**
   * Records a written page in the transaction that wrote its events: the cursor moves only with
   * them, so a run that fails later starts again after the last page written, never before it.
   */
  async pageWritten(
    trx: Knex.Transaction,
    id: string,
    page: {
      cursor: string | undefined;
      written: number;
      mapped?: number;
      unmapped?: EventSourceUnmapped[];
    },
  ): Promise<void> {
    const update: Record<string, unknown> = {
      cursor: page.cursor ?? null,
      events_written: trx.raw('events_written + ?', [page.written]),
    };
    if (page.mapped !== undefined) update.mapped = page.mapped;
    if (page.unmapped !== undefined) {
      update.unmapped = JSON.stringify(
        page.unmapped.slice(0, MAX_UNMAPPED).map(u => ({
          entityRef: String(u.entityRef).slice(0, 255),
          reason: String(u.reason).slice(0, 500),
        })),
      );
    }
    await trx('event_sources').where({ id }).update(update);
  }

  async succeeded(id: string, at: Date): Promise<void> {
    await this.knex('event_sources')
      .where({ id })
      .update({ last_success_at: at, last_error: null });
  }

  async failed(id: string, message: string): Promise<void> {
    await this.knex('event_sources')
      .where({ id })
      .update({ last_error: message.slice(0, 2000) });
  }
}

function toState(row: SourceRow): SourceState {
  return {
    id: row.id,
    cursor: row.cursor ?? undefined,
    lastRunAt: iso(row.last_run_at),
    lastSuccessAt: iso(row.last_success_at),
    eventsWritten: Number(row.events_written),
    lastError: row.last_error,
    mapped: row.mapped,
    unmapped: readUnmapped(row.unmapped),
  };
}
