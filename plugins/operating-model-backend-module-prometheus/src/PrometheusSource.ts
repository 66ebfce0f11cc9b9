import {
  AuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_PROMETHEUS_GOOD,
  ANNOTATION_PROMETHEUS_TOTAL,
} from '@operating-model/backstage-plugin-operating-model-common';
import {
  EventSourceAvailability,
  EventSourceReadOptions,
  EventSourceReadResult,
  EventSourceUnmapped,
  OperatingModelEventSource,
} from '@operating-model/backstage-plugin-operating-model-node';
import { createHash } from 'crypto';
import { risesByStep, RangeSeries } from './increases';

/** The settings under `operatingModel.sources.prometheus`. */
export interface PrometheusSourceSettings {
  baseUrl: string;
  /** Seconds per availability interval. */
  step: number;
  /** How far back the first run reads, in days. */
  initialWindowDays: number;
  /** Selectors for Components without the annotations; `{{name}}` and `{{namespace}}` are filled in. */
  goodTemplate?: string;
  totalTemplate?: string;
  headers: Record<string, string>;
}

/** Components read per page: each costs two queries per window of at most MAX_POINTS steps. */
export const SERVICES_PER_PAGE = 20;
/** The longest stretch one query reads raw samples for: a week, or one step if longer. */
export const MAX_QUERY_SECONDS = 7 * 86400;
/** How far before a stretch a query reaches for each series' baseline sample (Prometheus' staleness). */
export const BASELINE_SECONDS = 300;

const DURATION = /^(\d+)(ms|s|m|h|d|w)$/;
const SECONDS: Record<string, number> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
};

/** Reads a Prometheus duration such as `1h` or `30m` into whole seconds. */
export function readStep(value: string, key: string): number {
  const match = DURATION.exec(value.trim());
  const seconds = match ? Number(match[1]) * SECONDS[match[2]] : NaN;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86400) {
    throw new Error(
      `${key}: expected a Prometheus duration of whole seconds, from 1s to 1d, such as 1h; got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return seconds;
}

/** Reads `operatingModel.sources.prometheus`, naming the key of a bad value. */
export function readPrometheusSettings(
  config: RootConfigService,
): PrometheusSourceSettings | undefined {
  const section = config.getOptionalConfig('operatingModel.sources.prometheus');
  if (!section) return undefined;
  const key = 'operatingModel.sources.prometheus';
  const baseUrl = section.getString('baseUrl').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(baseUrl)) {
    throw new Error(`${key}.baseUrl: expected an http or https URL`);
  }
  const days = section.getOptionalNumber('initialWindowDays') ?? 30;
  if (!Number.isInteger(days) || days < 1 || days > 731) {
    throw new Error(`${key}.initialWindowDays: expected whole days, 1 to 731`);
  }
  const goodTemplate = section.getOptionalString('goodTemplate');
  const totalTemplate = section.getOptionalString('totalTemplate');
  if (Boolean(goodTemplate) !== Boolean(totalTemplate)) {
    throw new Error(
      `${key}: goodTemplate and totalTemplate go together; give both or neither`,
    );
  }
  const headersConfig = section.getOptionalConfig('headers');
  const headers: Record<string, string> = {};
  for (const name of headersConfig?.keys() ?? []) {
    headers[name] = headersConfig!.getString(name);
  }
  return {
    baseUrl,
    step: readStep(section.getOptionalString('step') ?? '1h', `${key}.step`),
    initialWindowDays: days,
    goodTemplate,
    totalTemplate,
    headers,
  };
}

/** Where a sync is: complete up to `done`; a run in progress reads up to `to`, from service `next`. */
interface Cursor {
  done?: number;
  run?: { from: number; to: number; next: number };
}

function readCursor(value: string | undefined): Cursor {
  if (!value) return {};
  try {
    const parsed = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

/** One Component and the two selectors of its good and total requests. */
interface Mapped {
  entityRef: string;
  good: string;
  total: string;
}

/** A Prometheus error answer for one query: the selector is wrong, not the server. */
class QueryRefused extends Error {}

const fill = (template: string, entity: Entity) =>
  template
    .replace(/\{\{\s*name\s*\}\}/g, entity.metadata.name)
    .replace(
      /\{\{\s*namespace\s*\}\}/g,
      entity.metadata.namespace ?? 'default',
    );

/**
 * Availability events from Prometheus: for each Component, the rise of its good and total
 * request counters in each step, one event per service and step.
 */
export class PrometheusSource implements OperatingModelEventSource {
  readonly id = 'prometheus';
  readonly kinds = ['availability' as const];

  constructor(
    private readonly options: {
      settings: PrometheusSourceSettings;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      fetch?: typeof fetch;
      now?: () => Date;
    },
  ) {}

  async read({
    cursor,
    signal,
  }: EventSourceReadOptions): Promise<EventSourceReadResult> {
    const { settings } = this.options;
    const now = (this.options.now ?? (() => new Date()))();
    const state = readCursor(cursor);
    const { mapped, unmapped } = await this.components();
    let run = state.run;
    if (!run) {
      const to =
        Math.floor(now.getTime() / 1000 / settings.step) * settings.step;
      const from =
        state.done ??
        to -
          Math.ceil((settings.initialWindowDays * 86400) / settings.step) *
            settings.step;
      if (from >= to) {
        return {
          events: {},
          cursor: JSON.stringify({ done: state.done }),
          mapped: mapped.length,
          unmapped,
        };
      }
      run = { from, to, next: 0 };
    }
    const page = mapped.slice(run.next, run.next + SERVICES_PER_PAGE);
    const availability: EventSourceAvailability[] = [];
    const refused: EventSourceUnmapped[] = [];
    for (const service of page) {
      try {
        availability.push(
          ...(await this.intervals(service, run.from, run.to, signal)),
        );
      } catch (error) {
        if (!(error instanceof QueryRefused)) throw error;
        refused.push({ entityRef: service.entityRef, reason: error.message });
      }
    }
    const next = run.next + page.length;
    const finished = next >= mapped.length;
    const nextCursor: Cursor = finished
      ? { done: run.to }
      : { done: state.done, run: { ...run, next } };
    return {
      events: { availability },
      cursor: JSON.stringify(nextCursor),
      more: !finished,
      mapped: mapped.length - refused.length,
      unmapped: [...unmapped, ...refused],
    };
  }

  /** The Components with selectors, in a stable order, and those whose selectors are incomplete. */
  private async components(): Promise<{
    mapped: Mapped[];
    unmapped: EventSourceUnmapped[];
  }> {
    const { catalog, auth, settings } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const mapped: Mapped[] = [];
    const unmapped: EventSourceUnmapped[] = [];
    let cursor: string | undefined;
    do {
      const response = await catalog.queryEntities(
        cursor
          ? { cursor, limit: 500 }
          : {
              filter: { kind: 'Component' },
              fields: [
                'kind',
                'metadata.name',
                'metadata.namespace',
                'metadata.annotations',
              ],
              orderFields: [{ field: 'metadata.name', order: 'asc' }],
              limit: 500,
            },
        { credentials },
      );
      for (const entity of response.items) {
        const annotations = entity.metadata.annotations ?? {};
        const entityRef = stringifyEntityRef(entity);
        const good =
          annotations[ANNOTATION_PROMETHEUS_GOOD] ??
          (settings.goodTemplate && fill(settings.goodTemplate, entity));
        const total =
          annotations[ANNOTATION_PROMETHEUS_TOTAL] ??
          (settings.totalTemplate && fill(settings.totalTemplate, entity));
        if (good && total) {
          mapped.push({ entityRef, good, total });
        } else if (good || total) {
          unmapped.push({
            entityRef,
            reason: `has ${
              good ? ANNOTATION_PROMETHEUS_GOOD : ANNOTATION_PROMETHEUS_TOTAL
            } but no ${
              good ? ANNOTATION_PROMETHEUS_TOTAL : ANNOTATION_PROMETHEUS_GOOD
            }; both are needed`,
          });
        }
      }
      cursor = response.pageInfo.nextCursor;
    } while (cursor);
    mapped.sort((a, b) => (a.entityRef < b.entityRef ? -1 : 1));
    return { mapped, unmapped };
  }

  /** One service's availability events over (from, to], a stretch of steps at a time. */
  private async intervals(
    service: Mapped,
    from: number,
    to: number,
    signal: AbortSignal,
  ): Promise<EventSourceAvailability[]> {
    const { step } = this.options.settings;
    const stretch = Math.max(1, Math.floor(MAX_QUERY_SECONDS / step)) * step;
    const events: EventSourceAvailability[] = [];
    for (let start = from; start < to; start += stretch) {
      const end = Math.min(to, start + stretch);
      const good = risesByStep(
        await this.samples(service.good, start, end, signal),
        start,
        end,
        step,
      );
      const total = risesByStep(
        await this.samples(service.total, start, end, signal),
        start,
        end,
        step,
      );
      for (const [stepEnd, rise] of total) {
        const all = Math.round(rise);
        const ok = Math.min(all, Math.round(good.get(stepEnd) ?? 0));
        if (all === 0) continue;
        const startIso = new Date((stepEnd - step) * 1000).toISOString();
        events.push({
          externalId: externalIdOf(service.entityRef, startIso),
          service: service.entityRef,
          start: startIso,
          end: new Date(stepEnd * 1000).toISOString(),
          good: ok,
          total: all,
        });
      }
    }
    return events;
  }

  /** The raw samples of a selector's series over (start, end], with a baseline before start. */
  private samples(
    selector: string,
    start: number,
    end: number,
    signal: AbortSignal,
  ): Promise<RangeSeries[]> {
    const reach =
      end - start + Math.max(BASELINE_SECONDS, this.options.settings.step);
    return this.query(`${selector}[${reach}s]`, end, selector, signal);
  }

  private async query(
    query: string,
    time: number,
    selector: string,
    signal: AbortSignal,
  ): Promise<RangeSeries[]> {
    const { baseUrl, headers } = this.options.settings;
    const doFetch = this.options.fetch ?? fetch;
    const params = new URLSearchParams({ query, time: String(time) });
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/api/v1/query?${params}`, {
        headers: { ...headers, Accept: 'application/json' },
        signal,
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } })
        .cause;
      throw new Error(
        `Could not reach Prometheus at ${baseUrl}: ${
          cause?.code ?? cause?.message ?? (error as Error).message
        }`,
      );
    }
    const text = await response.text();
    let answer: {
      status?: string;
      error?: string;
      errorType?: string;
      data?: { resultType?: string; result?: RangeSeries[] };
    } = {};
    try {
      answer = JSON.parse(text);
    } catch {
      // Not Prometheus' JSON: an auth proxy's page, say; told below by status.
    }
    if (response.status === 400 || response.status === 422) {
      throw new QueryRefused(
        `Prometheus refused the selector ${JSON.stringify(selector)}: ${
          answer.error ?? `HTTP ${response.status}`
        }`,
      );
    }
    if (!response.ok || answer.status !== 'success') {
      throw new Error(
        `Prometheus at ${baseUrl} answered HTTP ${response.status}${
          answer.error ? `: ${answer.error}` : ''
        }`,
      );
    }
    if (answer.data?.resultType !== 'matrix') {
      throw new QueryRefused(
        `The query ${JSON.stringify(
          query,
        )} is not a counter selector: Prometheus answered a ${
          answer.data?.resultType ?? 'non-matrix'
        } for a range`,
      );
    }
    return answer.data.result ?? [];
  }
}

/** The event's key: the service and the interval's start, within the store's 255 characters. */
function externalIdOf(entityRef: string, startIso: string): string {
  const id = `${startIso} ${entityRef}`;
  return id.length <= 255
    ? id
    : `${startIso} ${createHash('sha256').update(entityRef).digest('hex')}`;
}
