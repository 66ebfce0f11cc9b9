import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A local stand-in for the part of PagerDuty's REST API v2 the module reads, written from the
 * public API reference: `GET /incidents`, `GET /incidents/{id}`,
 * `GET /incidents/{id}/log_entries` and `GET /services/{id}`, with PagerDuty's token header,
 * classic pagination (`offset`, `limit` up to 100, `more`, `total` only with `total=true`, and
 * 400 once `offset + limit` passes 10,000), `since`/`until` windows of at most six months (400
 * beyond), its error body `{ error: { message, code, errors } }`, `ratelimit-*` headers, and
 * 429s and 5xxs a test injects. It serves what a test puts in it; a test changes it between
 * syncs (acknowledges, resolves, adds).
 *
 * Where the reference is silent the stand-in is stricter than PagerDuty, so that the module is
 * shown not to rely on it: log entries come newest first, an `Accept` header without
 * `version=2` is refused (406), and a URL over 8 KB is refused (414) as proxies do.
 */

/** An incident as a test describes it. */
export interface StandInIncidentInput {
  id?: string;
  serviceId: string;
  title: string;
  /** When it was triggered: an ISO 8601 instant. */
  createdAt: string;
  urgency?: 'high' | 'low';
  /** A priority's name, such as `P1`, where the account uses priorities. */
  priority?: string;
  /** Acknowledgements, in order: an incident may be acknowledged more than once. */
  acknowledgedAt?: string[];
  resolvedAt?: string;
}

/** A request the stand-in answered, for tests to inspect. */
export interface StandInRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  status: number;
}

/** A fault a test injects: the next matching requests get `status` instead of an answer. */
export interface StandInFault {
  status: number;
  /** How many matching requests fail; default 1. */
  times?: number;
  /** Which requests fail; default every one. */
  when?: (request: { path: string; query: URLSearchParams }) => boolean;
  /** For a 429: the `ratelimit-reset` seconds; default 1. */
  resetSeconds?: number;
}

type LogType =
  | 'trigger_log_entry'
  | 'notify_log_entry'
  | 'acknowledge_log_entry'
  | 'unacknowledge_log_entry'
  | 'resolve_log_entry';

interface StoredLogEntry {
  id: string;
  type: LogType;
  at: number;
}

interface StoredIncident {
  id: string;
  number: number;
  title: string;
  serviceId: string;
  createdAt: number;
  urgency: 'high' | 'low';
  priority?: { id: string; name: string };
  log: StoredLogEntry[];
}

const API_VERSION = 'application/vnd.pagerduty+json;version=2';
const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 25;
const MAX_RECORDS = 10_000;
const MAX_URL = 8192;
const RATE_LIMIT = 960;
const SORT_FIELDS = ['incident_number', 'created_at', 'resolved_at', 'urgency'];
const STATUSES = ['triggered', 'acknowledged', 'resolved'];

/** PagerDuty renders times to the second, in UTC when asked `time_zone=UTC`. */
const render = (ms: number) =>
  new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly body: {
      error: { message: string; code?: number; errors?: string[] };
    },
  ) {
    super(body.error.message);
  }
}

const invalid = (...errors: string[]) =>
  new Refusal(400, {
    error: { message: 'Invalid Input Provided', code: 2001, errors },
  });

/** PagerDuty's time parameters: an ISO 8601 time, read in UTC when it has no offset (the stand-in's account is in UTC). */
function readTime(name: string, value: string): number {
  const withZone = /([zZ]|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(withZone);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) {
    throw invalid(`${name} is not a valid date and time`);
  }
  return ms;
}

function readCount(query: URLSearchParams, name: string, fallback: number) {
  const value = query.get(name);
  if (value === null || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw invalid(`${name} must be a whole number`);
  return Number(value);
}

const addMonths = (ms: number, months: number) => {
  const date = new Date(ms);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
};

/** The local PagerDuty stand-in. Start one with {@link PagerDutyStandIn.start}. */
export class PagerDutyStandIn {
  /** Every request answered, in order. */
  readonly requests: StandInRequest[] = [];

  private readonly services = new Map<string, string>();
  private readonly incidents = new Map<string, StoredIncident>();
  private readonly faults: Array<
    Required<Omit<StandInFault, 'when'>> & Pick<StandInFault, 'when'>
  > = [];
  private nextNumber = 1;
  private nextLogId = 1;
  private minute = { start: 0, used: 0 };

  private constructor(
    private readonly server: http.Server,
    readonly token: string,
    private readonly options: { now: () => number; requestsPerMinute?: number },
  ) {}

  /**
   * Starts a stand-in on a free local port (or `port`). `requestsPerMinute` turns on a real
   * rate limit: past it, requests get 429 until the minute is over.
   */
  static async start(
    options: {
      token?: string;
      port?: number;
      now?: () => number;
      requestsPerMinute?: number;
    } = {},
  ): Promise<PagerDutyStandIn> {
    const server = http.createServer();
    const standIn = new PagerDutyStandIn(
      server,
      options.token ?? 'stand-in-token',
      {
        now: options.now ?? Date.now,
        requestsPerMinute: options.requestsPerMinute,
      },
    );
    server.on('request', (req, res) => standIn.handle(req, res));
    // Keep-alive sockets would hold the process open after stop(); the module reconnects.
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return standIn;
  }

  /** Where the stand-in listens, as the module's `baseUrl`. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  addService(id: string, name = `Service ${id}`): void {
    this.services.set(id, name);
  }

  removeService(id: string): void {
    this.services.delete(id);
  }

  /** Adds an incident, with the log PagerDuty would have written for it; gives its id. */
  addIncident(input: StandInIncidentInput): string {
    if (!this.services.has(input.serviceId)) {
      throw new Error(`No service ${input.serviceId} in the stand-in`);
    }
    const number = this.nextNumber++;
    const id =
      input.id ?? `Q${number.toString(36).toUpperCase().padStart(7, '0')}`;
    const createdAt = Date.parse(input.createdAt);
    const incident: StoredIncident = {
      id,
      number,
      title: input.title,
      serviceId: input.serviceId,
      createdAt,
      urgency: input.urgency ?? 'high',
      priority: input.priority
        ? {
            id: `PRI${input.priority.replace(/\W/g, '')}`,
            name: input.priority,
          }
        : undefined,
      log: [],
    };
    this.incidents.set(id, incident);
    this.log(incident, 'trigger_log_entry', createdAt);
    this.log(incident, 'notify_log_entry', createdAt + 1000);
    for (const at of input.acknowledgedAt ?? []) this.acknowledge(id, at);
    if (input.resolvedAt) this.resolve(id, input.resolvedAt);
    return id;
  }

  acknowledge(id: string, at: string): void {
    const incident = this.incident(id);
    if (this.statusOf(incident) === 'resolved')
      throw new Error(`${id} is resolved`);
    this.log(incident, 'acknowledge_log_entry', Date.parse(at));
  }

  /** The acknowledgement times out: the incident is triggered again. */
  unacknowledge(id: string, at: string): void {
    this.log(this.incident(id), 'unacknowledge_log_entry', Date.parse(at));
  }

  resolve(id: string, at: string): void {
    const incident = this.incident(id);
    if (this.statusOf(incident) === 'resolved')
      throw new Error(`${id} is resolved`);
    this.log(incident, 'resolve_log_entry', Date.parse(at));
  }

  /** Answers the next matching requests with `fault.status` (a 429 with `ratelimit-reset`). */
  inject(fault: StandInFault): void {
    this.faults.push({
      status: fault.status,
      times: fault.times ?? 1,
      resetSeconds: fault.resetSeconds ?? 1,
      when: fault.when,
    });
  }

  /** How many requests were answered on a path (`/incidents`, `/services/X`, ...) or by a test. */
  count(match: string | RegExp | ((r: StandInRequest) => boolean)): number {
    const matches = (r: StandInRequest) => {
      if (typeof match === 'string') return r.path === match;
      if (match instanceof RegExp) return match.test(r.path);
      return match(r);
    };
    return this.requests.filter(matches).length;
  }

  private incident(id: string): StoredIncident {
    const incident = this.incidents.get(id);
    if (!incident) throw new Error(`No incident ${id} in the stand-in`);
    return incident;
  }

  private log(incident: StoredIncident, type: LogType, at: number) {
    incident.log.push({
      id: `R${(this.nextLogId++).toString(36).toUpperCase().padStart(13, '0')}`,
      type,
      at,
    });
    incident.log.sort((a, b) => a.at - b.at);
  }

  private statusOf(incident: StoredIncident): string {
    let status = 'triggered';
    for (const entry of incident.log) {
      if (entry.type === 'acknowledge_log_entry') status = 'acknowledged';
      if (entry.type === 'unacknowledge_log_entry') status = 'triggered';
      if (entry.type === 'resolve_log_entry') status = 'resolved';
    }
    return status;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = url.pathname;
    const answer = (
      status: number,
      body: unknown,
      headers: Record<string, string> = {},
    ) => {
      this.requests.push({
        method: req.method ?? 'GET',
        path,
        query: url.searchParams,
        status,
      });
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        ...this.rateLimitHeaders(),
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    try {
      if ((req.url ?? '').length > MAX_URL) {
        throw new Refusal(414, { error: { message: 'Request-URI Too Large' } });
      }
      if (req.headers.authorization !== `Token token=${this.token}`) {
        throw new Refusal(401, {
          error: { message: 'Authentication Failed', code: 2006 },
        });
      }
      const accept = String(req.headers.accept ?? '').replace(/\s/g, '');
      if (!accept.includes(API_VERSION)) {
        throw new Refusal(406, {
          error: {
            message: 'Not Acceptable',
            errors: [`The Accept header must ask for ${API_VERSION}`],
          },
        });
      }
      const limited = this.overRateLimit();
      if (limited !== undefined) {
        answer(
          429,
          { error: { message: 'Rate Limit Exceeded', code: 2020 } },
          { 'ratelimit-remaining': '0', 'ratelimit-reset': String(limited) },
        );
        return;
      }
      const fault = this.faults.find(
        f =>
          f.times > 0 && (!f.when || f.when({ path, query: url.searchParams })),
      );
      if (fault) {
        fault.times -= 1;
        if (fault.status === 429) {
          answer(
            429,
            { error: { message: 'Rate Limit Exceeded', code: 2020 } },
            {
              'ratelimit-remaining': '0',
              'ratelimit-reset': String(fault.resetSeconds),
            },
          );
        } else {
          answer(fault.status, {
            error: { message: 'Internal Server Error', code: 2000 },
          });
        }
        return;
      }
      if (req.method !== 'GET') throw this.notFound();
      answer(200, this.route(path, url.searchParams));
    } catch (error) {
      if (error instanceof Refusal) {
        answer(error.status, error.body);
      } else {
        answer(500, {
          error: { message: 'Internal Server Error', code: 2000 },
        });
      }
    }
  }

  private notFound() {
    return new Refusal(404, { error: { message: 'Not Found', code: 2100 } });
  }

  private route(path: string, query: URLSearchParams): unknown {
    if (path === '/incidents') return this.listIncidents(query);
    let match = /^\/incidents\/([^/]+)$/.exec(path);
    if (match) {
      const incident = this.incidents.get(decodeURIComponent(match[1]));
      if (!incident) throw this.notFound();
      return { incident: this.incidentJson(incident) };
    }
    match = /^\/incidents\/([^/]+)\/log_entries$/.exec(path);
    if (match) {
      const incident = this.incidents.get(decodeURIComponent(match[1]));
      if (!incident) throw this.notFound();
      return this.listLogEntries(incident, query);
    }
    match = /^\/services\/([^/]+)$/.exec(path);
    if (match) {
      const id = decodeURIComponent(match[1]);
      const name = this.services.get(id);
      if (name === undefined) throw this.notFound();
      return { service: this.serviceJson(id, name) };
    }
    throw this.notFound();
  }

  private paginate<T>(items: T[], query: URLSearchParams) {
    const limit = Math.min(
      Math.max(readCount(query, 'limit', DEFAULT_LIMIT), 1),
      MAX_LIMIT,
    );
    const offset = readCount(query, 'offset', 0);
    if (offset + limit > MAX_RECORDS) {
      throw new Refusal(400, {
        error: {
          message: 'Arguments Caused Error',
          code: 2002,
          errors: [
            `offset + limit may be at most ${MAX_RECORDS}; narrow the search, for example by dates`,
          ],
        },
      });
    }
    return {
      page: items.slice(offset, offset + limit),
      limit,
      offset,
      more: offset + limit < items.length,
      total: query.get('total') === 'true' ? items.length : null,
    };
  }

  private listIncidents(query: URLSearchParams) {
    const timeZone = query.get('time_zone');
    if (timeZone !== null) {
      try {
        Intl.DateTimeFormat('en-US', { timeZone });
      } catch {
        throw invalid(`time_zone ${timeZone} is not a time zone`);
      }
    }
    let since = -Infinity;
    let until = Infinity;
    if (query.get('date_range') !== 'all') {
      const untilText = query.get('until');
      const sinceText = query.get('since');
      until = untilText ? readTime('until', untilText) : this.options.now();
      since = sinceText ? readTime('since', sinceText) : addMonths(until, -1);
      if (until < since) throw invalid('until must not be before since');
      if (until > addMonths(since, 6)) {
        throw invalid('The range from since to until may be at most 6 months');
      }
    }
    const serviceIds = query.getAll('service_ids[]');
    const statuses = query.getAll('statuses[]');
    for (const status of statuses) {
      if (!STATUSES.includes(status))
        throw invalid(`statuses[] ${status} is not a status`);
    }
    const urgencies = query.getAll('urgencies[]');
    const sort = this.readSort(query.get('sort_by'));

    const matching = [...this.incidents.values()].filter(
      incident =>
        incident.createdAt >= since &&
        incident.createdAt < until &&
        (serviceIds.length === 0 || serviceIds.includes(incident.serviceId)) &&
        (statuses.length === 0 || statuses.includes(this.statusOf(incident))) &&
        (urgencies.length === 0 || urgencies.includes(incident.urgency)),
    );
    matching.sort((a, b) => {
      for (const { field, direction } of sort) {
        const x = this.sortValue(a, field);
        const y = this.sortValue(b, field);
        if (x !== y) return (x < y ? -1 : 1) * direction;
      }
      return 0;
    });
    const { page, ...pagination } = this.paginate(matching, query);
    return { incidents: page.map(i => this.incidentJson(i)), ...pagination };
  }

  private readSort(value: string | null) {
    if (!value) return [{ field: 'incident_number', direction: 1 }];
    const parts = value.split(',');
    if (parts.length > 2) throw invalid('sort_by takes at most two fields');
    return parts.map(part => {
      const [field, direction = 'asc'] = part.split(':');
      if (
        !SORT_FIELDS.includes(field) ||
        !['asc', 'desc'].includes(direction)
      ) {
        throw invalid(`sort_by ${part} is not a field and direction`);
      }
      return { field, direction: direction === 'asc' ? 1 : -1 };
    });
  }

  private sortValue(incident: StoredIncident, field: string): number | string {
    switch (field) {
      case 'created_at':
        return incident.createdAt;
      case 'resolved_at':
        return this.resolvedAt(incident) ?? Infinity;
      case 'urgency':
        return incident.urgency;
      default:
        return incident.number;
    }
  }

  private resolvedAt(incident: StoredIncident): number | undefined {
    return incident.log.find(e => e.type === 'resolve_log_entry')?.at;
  }

  private listLogEntries(incident: StoredIncident, query: URLSearchParams) {
    const entries = [...incident.log].reverse();
    const { page, ...pagination } = this.paginate(entries, query);
    return {
      log_entries: page.map(entry => ({
        id: entry.id,
        type: entry.type,
        summary: entry.type
          .replace(/_log_entry$/, '')
          .replace(/^\w/, c => c.toUpperCase()),
        self: `${this.url}/log_entries/${entry.id}?incident_id=${incident.id}`,
        html_url: `https://stand-in.pagerduty.example/incidents/${incident.id}/log_entries/${entry.id}`,
        created_at: render(entry.at),
        agent: {
          id: incident.serviceId,
          type: 'service_reference',
          summary: this.services.get(incident.serviceId) ?? incident.serviceId,
        },
        channel: {
          type: entry.type === 'trigger_log_entry' ? 'api' : 'web_trigger',
        },
        service: this.serviceReference(incident.serviceId),
        incident: {
          id: incident.id,
          type: 'incident_reference',
          summary: `[#${incident.number}] ${incident.title}`,
          self: `${this.url}/incidents/${incident.id}`,
          html_url: this.incidentUrl(incident),
        },
        teams: [],
        contexts: [],
      })),
      ...pagination,
    };
  }

  private incidentUrl(incident: StoredIncident) {
    return `https://stand-in.pagerduty.example/incidents/${incident.id}`;
  }

  private serviceReference(id: string) {
    return {
      id,
      type: 'service_reference',
      summary: this.services.get(id) ?? id,
      self: `${this.url}/services/${id}`,
      html_url: `https://stand-in.pagerduty.example/service-directory/${id}`,
    };
  }

  private serviceJson(id: string, name: string) {
    return {
      ...this.serviceReference(id),
      type: 'service',
      name,
      description: null,
      status: 'active',
      auto_resolve_timeout: 14400,
      acknowledgement_timeout: 600,
      created_at: '2020-01-01T00:00:00Z',
      alert_creation: 'create_alerts_and_incidents',
      escalation_policy: {
        id: 'PSTANDIN',
        type: 'escalation_policy_reference',
        summary: 'Stand-in escalation policy',
      },
      teams: [],
      integrations: [],
    };
  }

  private incidentJson(incident: StoredIncident) {
    const status = this.statusOf(incident);
    const lastChange = [...incident.log]
      .reverse()
      .find(e => e.type !== 'notify_log_entry');
    const lastTrigger = [...incident.log]
      .reverse()
      .find(
        e =>
          e.type === 'trigger_log_entry' ||
          e.type === 'unacknowledge_log_entry',
      );
    const resolvedAt = this.resolvedAt(incident);
    const trigger = incident.log[0];
    return {
      id: incident.id,
      type: 'incident',
      summary: `[#${incident.number}] ${incident.title}`,
      self: `${this.url}/incidents/${incident.id}`,
      html_url: this.incidentUrl(incident),
      incident_number: incident.number,
      title: incident.title,
      created_at: render(incident.createdAt),
      updated_at: render(incident.log[incident.log.length - 1].at),
      status,
      incident_key: `${incident.id.toLowerCase()}-key`,
      service: this.serviceReference(incident.serviceId),
      assignments:
        status === 'resolved'
          ? []
          : [
              {
                at: render(incident.createdAt),
                assignee: {
                  id: 'PUSER01',
                  type: 'user_reference',
                  summary: 'On-call engineer',
                },
              },
            ],
      assigned_via: 'escalation_policy',
      // PagerDuty's definition: for an incident neither acknowledged nor resolved, its updated_at.
      last_status_change_at: render(
        status === 'triggered'
          ? incident.log[incident.log.length - 1].at
          : lastChange!.at,
      ),
      resolved_at: resolvedAt === undefined ? null : render(resolvedAt),
      first_trigger_log_entry: {
        id: trigger.id,
        type: 'trigger_log_entry_reference',
        summary: 'Triggered through the API',
        self: `${this.url}/log_entries/${trigger.id}?incident_id=${incident.id}`,
        html_url: `https://stand-in.pagerduty.example/incidents/${incident.id}/log_entries/${trigger.id}`,
      },
      alert_counts: {
        all: 1,
        triggered: status === 'resolved' ? 0 : 1,
        resolved: status === 'resolved' ? 1 : 0,
      },
      is_mergeable: true,
      incident_type: { name: 'incident_default' },
      escalation_policy: {
        id: 'PSTANDIN',
        type: 'escalation_policy_reference',
        summary: 'Stand-in escalation policy',
      },
      teams: [],
      pending_actions: [],
      // PagerDuty lists the acknowledgements in force: none once resolved or triggered again.
      acknowledgements:
        status === 'acknowledged'
          ? incident.log
              .filter(
                e =>
                  e.type === 'acknowledge_log_entry' &&
                  e.at >= (lastTrigger?.at ?? 0),
              )
              .map(e => ({
                at: render(e.at),
                acknowledger: {
                  id: 'PUSER01',
                  type: 'user_reference',
                  summary: 'On-call engineer',
                },
              }))
          : [],
      urgency: incident.urgency,
      priority: incident.priority
        ? {
            id: incident.priority.id,
            type: 'priority_reference',
            summary: incident.priority.name,
            self: `${this.url}/priorities/${incident.priority.id}`,
          }
        : null,
    };
  }

  private rateLimitHeaders(): Record<string, string> {
    const limit = this.options.requestsPerMinute ?? RATE_LIMIT;
    const reset = Math.max(
      1,
      Math.ceil((this.minute.start + 60_000 - this.options.now()) / 1000),
    );
    return {
      'ratelimit-limit': String(limit),
      'ratelimit-remaining': String(Math.max(0, limit - this.minute.used)),
      'ratelimit-reset': String(Math.min(60, reset)),
    };
  }

  /** With a per-minute limit, the seconds until it resets once it is used up; else undefined. */
  private overRateLimit(): number | undefined {
    const now = this.options.now();
    if (now >= this.minute.start + 60_000)
      this.minute = { start: now, used: 0 };
    this.minute.used += 1;
    const limit = this.options.requestsPerMinute;
    if (limit === undefined || this.minute.used <= limit) return undefined;
    return Math.max(1, Math.ceil((this.minute.start + 60_000 - now) / 1000));
  }
}
