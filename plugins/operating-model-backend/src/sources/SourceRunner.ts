import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  EventSourceEvents,
  OperatingModelEventSource,
} from '@operating-model/backstage-plugin-operating-model-node';
import { Knex } from 'knex';
import { EventStore } from '../events/EventStore';
import {
  EventBatch,
  MAX_BATCH_ITEMS,
  readEventBatch,
} from '../events/eventSchemas';
import { SourceState, SourceStore } from './SourceStore';

/** How often a configured source runs when its config gives no schedule. */
export const DEFAULT_SOURCE_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 15 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 30 },
};

/** The most pages one run reads; the next run goes on from the cursor. */
export const MAX_PAGES_PER_RUN = 10_000;

/** A source as the Data sources panel shows it. */
export interface SourceStatus extends Omit<SourceState, 'cursor'> {
  kinds: string[];
  /** False when `operatingModel.sources.<id>` is not configured: the source never runs. */
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition | null;
}

const KINDS = ['deployments', 'incidents', 'availability'] as const;

/**
 * Turns a page of a source's events into validated batches, with the source's id as the
 * `source` of each, through the same reader as `POST /events`; a bad event refuses the page.
 */
export function batchesOf(sourceId: string, events: EventSourceEvents) {
  const batches: EventBatch[] = [];
  for (const kind of KINDS) {
    const items = (events[kind] ?? []) as object[];
    for (let i = 0; i < items.length; i += MAX_BATCH_ITEMS) {
      const chunk = items
        .slice(i, i + MAX_BATCH_ITEMS)
        .map(item => ({ ...item, source: sourceId }));
      batches.push(readEventBatch(kind, { items: chunk }));
    }
  }
  return batches;
}

/**
 * Runs the event sources backend modules add: each configured one on its schedule
 * (`operatingModel.sources.<id>.schedule`, on one replica at a time), reading page after page
 * from its stored cursor and writing each page's events with the cursor in one transaction.
 */
export class SourceRunner {
  private readonly sources = new Map<string, OperatingModelEventSource>();

  constructor(
    private readonly options: {
      knex: Knex;
      eventStore: EventStore;
      store: SourceStore;
      config: RootConfigService;
      logger: LoggerService;
      onEventsWritten?: () => void;
      now?: () => Date;
    },
  ) {}

  add(source: OperatingModelEventSource) {
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(source.id)) {
      throw new Error(
        `Event source id ${JSON.stringify(
          source.id,
        )} must be lower-case letters, digits and dashes, at most 40`,
      );
    }
    if (this.sources.has(source.id)) {
      throw new Error(`Event source ${source.id} was added twice`);
    }
    this.sources.set(source.id, source);
  }

  /** The schedule of a source, or null when the deployment has not configured it. */
  scheduleOf(id: string): SchedulerServiceTaskScheduleDefinition | null {
    const sourceConfig = this.options.config.getOptionalConfig(
      `operatingModel.sources.${id}`,
    );
    if (!sourceConfig) return null;
    return sourceConfig.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          sourceConfig.getConfig('schedule'),
        )
      : DEFAULT_SOURCE_SCHEDULE;
  }

  /** Schedules every configured source; the others are listed as off. */
  async schedule(scheduler: SchedulerService): Promise<void> {
    for (const source of this.sources.values()) {
      const schedule = this.scheduleOf(source.id);
      if (!schedule) {
        this.options.logger.info(
          `Event source ${source.id} is off: operatingModel.sources.${source.id} is not configured`,
        );
        continue;
      }
      await scheduler.scheduleTask({
        id: `operating-model-source-${source.id}`,
        ...schedule,
        scope: 'global',
        fn: async signal => {
          await this.run(source.id, signal as AbortSignal);
        },
      });
    }
  }

  /**
   * One run of a source. Never throws: a failure is stored as the source's last error, its
   * cursor stays at the last page written, and the next run goes on from there.
   */
  async run(id: string, signal?: AbortSignal): Promise<void> {
    const source = this.sources.get(id);
    if (!source) throw new Error(`No event source ${id}`);
    const { knex, eventStore, store, logger } = this.options;
    const now = this.options.now ?? (() => new Date());
    await store.started(id, now());
    let cursor = (await store.get(id))?.cursor;
    let total = 0;
    const readSignal = signal ?? new AbortController().signal;
    try {
      for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
        const result = await source.read({ cursor, signal: readSignal });
        const batches = batchesOf(id, result.events);
        const written = await knex.transaction(async trx => {
          let sum = 0;
          for (const batch of batches)
            sum += await eventStore.write(batch, trx);
          await store.pageWritten(trx, id, {
            cursor: result.cursor,
            written: sum,
            mapped: result.mapped,
            unmapped: result.unmapped,
          });
          return sum;
        });
        total += written;
        cursor = result.cursor;
        if (!result.more || readSignal.aborted) break;
      }
      await store.succeeded(id, now());
      logger.info(`Event source ${id} wrote ${total} events`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await store.failed(id, message);
      logger.warn(`Event source ${id} failed, and will try again: ${message}`);
    }
    if (total > 0) this.options.onEventsWritten?.();
  }

  /** Every source added, with its state, for the Data sources panel. */
  async statuses(): Promise<SourceStatus[]> {
    const states = new Map(
      (await this.options.store.list()).map(s => [s.id, s]),
    );
    return [...this.sources.values()]
      .sort((a, b) => a.id.localeCompare(b.id, 'en'))
      .map(source => {
        const state = states.get(source.id);
        const schedule = this.scheduleOf(source.id);
        return {
          id: source.id,
          kinds: [...source.kinds],
          enabled: schedule !== null,
          schedule,
          lastRunAt: state?.lastRunAt ?? null,
          lastSuccessAt: state?.lastSuccessAt ?? null,
          eventsWritten: state?.eventsWritten ?? 0,
          lastError: state?.lastError ?? null,
          mapped: state?.mapped ?? null,
          unmapped: state?.unmapped ?? [],
        };
      });
  }
}
