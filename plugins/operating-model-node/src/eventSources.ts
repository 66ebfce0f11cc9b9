import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * The kinds of event a source may yield: the same kinds, and the same JSON shapes, as
 * `POST /api/operating-model/events/{kind}` takes.
 *
 * @public
 */
export type EventSourceKind = 'deployments' | 'incidents' | 'availability';

/**
 * A production deployment, as `POST /events/deployments` takes it. Times are ISO 8601 instants.
 *
 * @public
 */
export interface EventSourceDeployment {
  externalId: string;
  /** A component entity ref, such as `component:default/bedroom`. */
  service: string;
  environment: string;
  buildTime: string;
  deployTime: string;
  releaseId?: string | null;
  changeRequestId?: string | null;
  standardChange?: boolean;
  deployer?: string | null;
  version?: string | null;
}

/**
 * An incident, as `POST /events/incidents` takes it. Times are ISO 8601 instants.
 *
 * @public
 */
export interface EventSourceIncident {
  externalId: string;
  /** Component entity refs. */
  services: string[];
  title?: string | null;
  startedAt: string;
  acknowledgedAt?: string | null;
  restoredAt?: string | null;
  financialLoss?: number | null;
  severity?: string | null;
  majorIncidentManager?: boolean | null;
  reviewUrl?: string | null;
  /** The incident in the tool it came from, such as its PagerDuty page (http or https). */
  url?: string | null;
}

/**
 * Good and total requests of a service over an interval, as `POST /events/availability` takes
 * them.
 *
 * @public
 */
export interface EventSourceAvailability {
  externalId: string;
  service: string;
  start: string;
  end: string;
  good: number;
  total: number;
}

/**
 * Events a source read, by kind. The `source` of every event is the source's id.
 *
 * @public
 */
export interface EventSourceEvents {
  deployments?: EventSourceDeployment[];
  incidents?: EventSourceIncident[];
  availability?: EventSourceAvailability[];
}

/**
 * A Component a source could not map to the tool it reads, such as a PagerDuty service id that
 * PagerDuty does not know. Reported on the Data sources panel; never fatal.
 *
 * @public
 */
export interface EventSourceUnmapped {
  entityRef: string;
  reason: string;
}

/**
 * What one call of {@link OperatingModelEventSource.read} gives.
 *
 * @public
 */
export interface EventSourceReadResult {
  /** The events of this page; written in one transaction with `cursor`, all or none. */
  events: EventSourceEvents;
  /** Where the next read starts; kept only once this page's events are written. */
  cursor: string | undefined;
  /** True when there is more to read now: the runner reads again at once with `cursor`. */
  more?: boolean;
  /** How many Components the source maps to the tool, on this read. */
  mapped?: number;
  /** The Components it could not map, on this read. */
  unmapped?: EventSourceUnmapped[];
}

/**
 * What the runner passes to {@link OperatingModelEventSource.read}.
 *
 * @public
 */
export interface EventSourceReadOptions {
  /** The cursor the last written page gave; undefined on the first run. */
  cursor: string | undefined;
  /** Aborted when the run's timeout passes or the backend stops. */
  signal: AbortSignal;
}

/**
 * A source of events for the measures: a backend module adds one through
 * {@link operatingModelEventSourcesExtensionPoint}. The backend plugin runs it on the schedule
 * `operatingModel.sources.<id>.schedule` (on one replica at a time), stores its cursor and
 * status, and writes its events through the same validation and idempotent
 * (`source`, `externalId`) upsert as `POST /events`.
 *
 * @public
 */
export interface OperatingModelEventSource {
  /** A short id such as `pagerduty`; the `source` of its events and its config key. */
  id: string;
  /** The kinds of event it yields. */
  kinds: EventSourceKind[];
  /**
   * Reads one page of events after `cursor`. Throwing keeps the cursor: the run is retried on
   * the next schedule from the last written page.
   */
  read(options: EventSourceReadOptions): Promise<EventSourceReadResult>;
}

/**
 * The extension point through which backend modules add event sources.
 *
 * @public
 */
export interface OperatingModelEventSourcesExtensionPoint {
  addEventSource(...sources: OperatingModelEventSource[]): void;
}

/**
 * Adds event sources to the operating-model backend plugin.
 *
 * @public
 */
export const operatingModelEventSourcesExtensionPoint =
  createExtensionPoint<OperatingModelEventSourcesExtensionPoint>({
    id: 'operating-model.event-sources',
  });
