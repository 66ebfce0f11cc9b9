import { setTimeout as delay } from 'node:timers/promises';

/** A reference to another PagerDuty object, as the REST API embeds one. */
export interface PagerDutyReference {
  id: string;
  type: string;
  summary?: string | null;
  self?: string | null;
  html_url?: string | null;
}

/** The fields of a PagerDuty incident this module reads. */
export interface PagerDutyIncident {
  id: string;
  incident_number?: number;
  title?: string | null;
  summary?: string | null;
  status: string;
  urgency?: string | null;
  priority?: PagerDutyReference | null;
  created_at: string;
  resolved_at?: string | null;
  last_status_change_at?: string | null;
  html_url?: string | null;
  service?: PagerDutyReference | null;
  acknowledgements?: Array<{ at: string }> | null;
}

/** The fields of an incident's log entry this module reads. */
export interface PagerDutyLogEntry {
  id: string;
  type: string;
  created_at: string;
}

/** One page of `GET /incidents`, with PagerDuty's classic pagination fields. */
export interface PagerDutyIncidentPage {
  incidents: PagerDutyIncident[];
  limit: number;
  offset: number;
  more: boolean;
  total: number | null;
}

/** When an incident was first acknowledged and when it was resolved, from its log entries. */
export interface IncidentTimes {
  acknowledgedAt?: string;
  resolvedAt?: string;
}

/** PagerDuty's classic pagination gives at most 100 records a request. */
export const PAGE_LIMIT = 100;

/** The sum of `offset` and `limit` may not pass 10,000: PagerDuty answers 400 beyond it. */
export const OFFSET_CAP = 10_000;

/** How often a 5xx or a dropped connection is tried in all, before the read fails. */
const MAX_ATTEMPTS = 4;

/** How many 429s one request waits out before the read fails (and the next run goes on). */
const MAX_RATE_LIMIT_WAITS = 20;

/** The longest single wait for a rate limit to reset: PagerDuty's limits are per minute. */
const MAX_RATE_LIMIT_WAIT_MS = 60_000;

type Query = Record<string, string | number | boolean | string[] | undefined>;

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    throw signal.aborted ? signal.reason : error;
  }
}

/** PagerDuty's error body, `{ error: { message, code, errors } }`, in one line. */
function errorText(body: unknown): string {
  const error = (body as { error?: unknown } | null)?.error as
    | { message?: unknown; code?: unknown; errors?: unknown }
    | undefined;
  if (!error || typeof error !== 'object') return '';
  const parts = [
    typeof error.message === 'string' ? error.message : undefined,
    typeof error.code === 'number' ? `code ${error.code}` : undefined,
    Array.isArray(error.errors) ? error.errors.join('; ') : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? `: ${parts.join(', ')}` : '';
}

/**
 * The few GETs of PagerDuty's REST API v2 this module makes, with its authentication and
 * versioning headers. A 429 waits for `ratelimit-reset` and tries again; a 5xx or a dropped
 * connection is tried again with a doubling delay, a bounded number of times; then the read
 * fails and the runner keeps its cursor. Every wait ends when the run's signal aborts.
 */
export class PagerDutyClient {
  /** Requests sent, answered or not: the figure the README's request counts describe. */
  requests = 0;

  private readonly baseUrl: string;
  private readonly token: string;
  private readonly retryDelayMs: number;

  constructor(options: {
    baseUrl: string;
    token: string;
    /** The first delay after a 5xx; each next one doubles. Default one second. */
    retryDelayMs?: number;
  }) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
  }

  /** One page of the incidents of some services created in `[since, until)`, oldest first. */
  async incidents(
    request: {
      serviceIds: string[];
      since: string;
      until: string;
      offset: number;
    },
    signal: AbortSignal,
  ): Promise<PagerDutyIncidentPage> {
    const { body } = await this.get(
      '/incidents',
      {
        'service_ids[]': request.serviceIds,
        since: request.since,
        until: request.until,
        time_zone: 'UTC',
        // Creation order, with the incident number to break ties, keeps offsets stable and
        // lets a window that passes 10,000 incidents start again from its last creation time.
        sort_by: 'created_at:asc,incident_number:asc',
        offset: request.offset,
        limit: PAGE_LIMIT,
      },
      signal,
    );
    const page = body as Partial<PagerDutyIncidentPage>;
    return {
      incidents: Array.isArray(page.incidents) ? page.incidents : [],
      limit: page.limit ?? PAGE_LIMIT,
      offset: page.offset ?? request.offset,
      more: page.more === true,
      total: page.total ?? null,
    };
  }

  /** One incident, or undefined when PagerDuty has none with that id. */
  async incident(
    id: string,
    signal: AbortSignal,
  ): Promise<PagerDutyIncident | undefined> {
    const { status, body } = await this.get(
      `/incidents/${encodeURIComponent(id)}`,
      { time_zone: 'UTC' },
      signal,
      { notFound: true },
    );
    if (status === 404) return undefined;
    return (body as { incident?: PagerDutyIncident }).incident;
  }

  /**
   * When the incident was first acknowledged and when it was resolved, from all its log
   * entries: the incident's own `acknowledgements` list is emptied once it is resolved.
   */
  async incidentTimes(id: string, signal: AbortSignal): Promise<IncidentTimes> {
    const times: IncidentTimes = {};
    for (let offset = 0; offset + PAGE_LIMIT <= OFFSET_CAP; ) {
      const { status, body } = await this.get(
        `/incidents/${encodeURIComponent(id)}/log_entries`,
        { time_zone: 'UTC', offset, limit: PAGE_LIMIT },
        signal,
        { notFound: true },
      );
      if (status === 404) break;
      const page = body as {
        log_entries?: PagerDutyLogEntry[];
        more?: boolean;
      };
      const entries = Array.isArray(page.log_entries) ? page.log_entries : [];
      for (const entry of entries) {
        const at = Date.parse(entry.created_at);
        if (Number.isNaN(at)) continue;
        // The order of log entries is not documented: the earliest acknowledgement and the
        // latest resolution are taken whatever order they come in.
        if (
          entry.type === 'acknowledge_log_entry' &&
          (!times.acknowledgedAt || at < Date.parse(times.acknowledgedAt))
        ) {
          times.acknowledgedAt = new Date(at).toISOString();
        }
        if (
          entry.type === 'resolve_log_entry' &&
          (!times.resolvedAt || at > Date.parse(times.resolvedAt))
        ) {
          times.resolvedAt = new Date(at).toISOString();
        }
      }
      if (page.more !== true || entries.length === 0) break;
      offset += entries.length;
    }
    return times;
  }

  /** False when PagerDuty answers 404 for the service id. */
  async serviceExists(id: string, signal: AbortSignal): Promise<boolean> {
    const { status } = await this.get(
      `/services/${encodeURIComponent(id)}`,
      {},
      signal,
      { notFound: true },
    );
    return status !== 404;
  }

  private async get(
    path: string,
    query: Query,
    signal: AbortSignal,
    options: { notFound?: boolean } = {},
  ): Promise<{ status: number; body: unknown }> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        params.append(key, String(item));
      }
    }
    const search = params.toString();
    const url = `${this.baseUrl}${path}${search ? `?${search}` : ''}`;
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      signal.throwIfAborted();
      let response: { status: number; headers: Headers; body: unknown };
      try {
        this.requests += 1;
        response = await this.send(url, signal);
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        failures += 1;
        if (failures >= MAX_ATTEMPTS) {
          throw new Error(
            `PagerDuty did not answer GET ${path} after ${failures} attempts: ${
              error instanceof Error ? error.message : String(error)
            }`,
          );
        }
        await sleep(this.retryDelayMs * 2 ** (failures - 1), signal);
        continue;
      }

      if (response.status === 429) {
        rateLimited += 1;
        if (rateLimited > MAX_RATE_LIMIT_WAITS) {
          throw new Error(
            `PagerDuty kept answering 429 Too Many Requests to GET ${path}; the next run goes on from here`,
          );
        }
        // ratelimit-reset is the number of seconds until the limit resets.
        const reset = Number(response.headers.get('ratelimit-reset'));
        const waitMs =
          Number.isFinite(reset) && reset >= 0
            ? Math.min(reset * 1000, MAX_RATE_LIMIT_WAIT_MS)
            : this.retryDelayMs;
        await sleep(waitMs, signal);
        continue;
      }

      if (response.status >= 500) {
        failures += 1;
        if (failures >= MAX_ATTEMPTS) {
          throw new Error(
            `PagerDuty answered ${
              response.status
            } to GET ${path} ${failures} times${errorText(response.body)}`,
          );
        }
        await sleep(this.retryDelayMs * 2 ** (failures - 1), signal);
        continue;
      }

      const { body } = response;
      if (response.status === 404 && options.notFound) {
        return { status: 404, body };
      }
      if (response.status === 401) {
        throw new Error(
          `PagerDuty refused the token (401 Unauthorized${errorText(
            body,
          )}): set operatingModel.sources.pagerduty.token to a REST API key`,
        );
      }
      if (response.status === 403) {
        throw new Error(
          `PagerDuty does not let this token read ${path} (403 Forbidden${errorText(
            body,
          )})`,
        );
      }
      if (response.status < 200 || response.status >= 300) {
        throw new Error(
          `PagerDuty answered ${response.status} to GET ${path}${errorText(
            body,
          )}`,
        );
      }
      return { status: response.status, body };
    }
  }

  /**
   * One request, its body read whole. Each request has its own abort signal, tied to the run's
   * for as long as it lasts: a run makes thousands of requests, and fetch keeps a listener on
   * the signal it is given until the response is garbage-collected.
   */
  private async send(
    url: string,
    signal: AbortSignal,
  ): Promise<{ status: number; headers: Headers; body: unknown }> {
    const request = new AbortController();
    const abort = () => request.abort(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    try {
      const response = await fetch(url, {
        headers: {
          Accept: 'application/vnd.pagerduty+json;version=2',
          Authorization: `Token token=${this.token}`,
        },
        signal: request.signal,
      });
      const text = await response.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // An answer that is not JSON: an error status keeps its status; a success is retried.
        if (response.ok) {
          throw new Error(
            `PagerDuty answered ${response.status} with a body that is not JSON`,
          );
        }
      }
      return { status: response.status, headers: response.headers, body };
    } finally {
      signal.removeEventListener('abort', abort);
    }
  }
}
