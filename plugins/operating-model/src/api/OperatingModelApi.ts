import { createApiRef } from '@backstage/core-plugin-api';
import {
  AssessedService,
  IncidentLossAnswer,
  IncidentLossRequest,
  OnCallCostReport,
  OnCallLoadReport,
  PitfallsAnswer,
  EntityMeasures,
  LeadersMeasures,
  MeasureSeries,
  OnCallResult,
  CalendarLink,
  Override,
  RotaSchedule,
} from '@operating-model/backstage-plugin-operating-model-common';
import type {
  DirectoryFacets,
  DirectoryQuery,
  DirectoryService,
  DirectoryServicesPage,
} from '@operating-model/backstage-plugin-operating-model-common';

// The response types live in the common package, where the backend that serves them uses them too.
export type { AssessedService, OnCallResult, RotaSchedule };
export type {
  DirectoryFacets,
  DirectoryQuery,
  DirectoryService,
  DirectoryServicesPage,
};
export type { EntityMeasures, LeadersMeasures, MeasureSeries };
export type {
  IncidentLossAnswer,
  IncidentLossRequest,
  OnCallCostReport,
  OnCallLoadReport,
  PitfallsAnswer,
};

/**
 * A window of the measures: `from` included, `to` excluded.
 *
 * @public
 */
export interface MeasuresWindow {
  from: Date;
  to: Date;
}

/**
 * Where a post-incident review lives, answered once the read is recorded.
 *
 * @public
 */
export interface ReviewReadResult {
  url: string;
}

/**
 * What a person fills in to cover part of a rota.
 *
 * @public
 */
export interface OverrideRequest {
  person: string;
  start: string;
  end: string;
  covers?: string | null;
  reason?: string;
}

/**
 * The kinds of event a source reads.
 *
 * @public
 */
export type EventSourceKind = 'deployments' | 'incidents' | 'availability';

/**
 * A length of time as Backstage's config and scheduler write it: `{ minutes: 15 }`.
 *
 * @public
 */
export interface EventSourceDuration {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
}

/**
 * When a source runs, as the backend's scheduler reads `operatingModel.sources.<id>.schedule`.
 *
 * @public
 */
export interface EventSourceSchedule {
  frequency?: EventSourceDuration | { cron: string } | { trigger: 'manual' };
  timeout?: EventSourceDuration;
  initialDelay?: EventSourceDuration;
  scope?: string;
}

/**
 * One event source a backend module adds, with the state of its runs, as `GET /sources` answers.
 *
 * @public
 */
export interface EventSourceStatus {
  id: string;
  kinds: EventSourceKind[];
  /** False when `operatingModel.sources.<id>` is not configured: the source never runs. */
  enabled: boolean;
  /** Null when the source is off. */
  schedule: EventSourceSchedule | null;
  /** ISO instants; null before the first run, or the first success. */
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  eventsWritten: number;
  /** The error of the last run, null once a run succeeds. */
  lastError: string | null;
  /** Components the source maps to the tool it reads, on its last read; null when it does not say. */
  mapped: number | null;
  /** Components it could not map, and why. */
  unmapped: { entityRef: string; reason: string }[];
}

/**
 * What the frontend asks of the operating-model backend.
 *
 * @public
 */
export interface OperatingModelApi {
  /** Every assessed service, as at `at` (default now). */
  listServices(options?: { at?: Date }): Promise<AssessedService[]>;
  /** One service, by entity ref; rejects with a 404 ResponseError when it is not assessed. */
  getService(
    entityRef: string,
    options?: { at?: Date },
  ): Promise<AssessedService>;
  /** Who is paged for a service now, or at `at`. */
  getOnCall(entityRef: string, options?: { at?: Date }): Promise<OnCallResult>;
  /** A Group's or Domain's rota between two instants. */
  getSchedule(
    rotaRef: string,
    window: { from: Date; to: Date },
  ): Promise<RotaSchedule>;
  addOverride(rotaRef: string, override: OverrideRequest): Promise<Override>;
  removeOverride(rotaRef: string, id: string): Promise<void>;
  /**
   * A signed link to a rota's (a Group or Domain ref) or a person's (a User ref) calendar feed,
   * issued for the signed-in user; `url` is the full address to subscribe to.
   */
  getCalendarLink(entityRef: string): Promise<CalendarLink & { url: string }>;
  /** Revokes every calendar link issued for the user (a User ref) and answers a new personal one. */
  resetCalendarLinks(userRef: string): Promise<CalendarLink & { url: string }>;
  /**
   * A page of the discoverability view's rows (services, or services under team or domain
   * headings), searched, filtered and grouped by the backend, with the counts.
   */
  queryDirectory(query: DirectoryQuery): Promise<DirectoryServicesPage>;
  /**
   * Fair load and pay per person and rota over a window; without one, the calendar quarter that
   * holds now. Rejects with a 403 without the `operating-model.on-call-load.read` permission.
   */
  getOnCallLoad(window?: MeasuresWindow): Promise<OnCallLoadReport>;
  /** The teams and domains the discoverability view filters by. */
  getDirectoryFacets(): Promise<DirectoryFacets>;
  /** One service's directory row (ownership findings, on call now); rejects with a 404 when it is not a service. */
  getDirectoryService(entityRef: string): Promise<DirectoryService>;
  /** The measures of a Component, Group or Domain over a window. */
  getMeasures(
    entityRef: string,
    window: MeasuresWindow,
  ): Promise<EntityMeasures>;
  /** The series behind the measures' charts, over the same window. */
  getMeasureSeries(
    entityRef: string,
    window: MeasuresWindow,
  ): Promise<MeasureSeries>;
  /** Every team's or domain's measures, and the whole organisation's. */
  getLeaders(
    groupBy: 'team' | 'domain',
    window: MeasuresWindow,
  ): Promise<LeadersMeasures>;
  /** Records the signed-in person as a reader of a post-incident review and gives its url. */
  readReview(source: string, id: string): Promise<ReviewReadResult>;
  /** Rule 10: how bad an incident going on now is, and how fast to restore. */
  getIncidentLoss(request: IncidentLossRequest): Promise<IncidentLossAnswer>;
  /** On-call cost per team and domain over a window (default the last 90 days). */
  getOnCallCosts(window?: MeasuresWindow): Promise<OnCallCostReport>;
  /** Rule 12's pitfall signals and the quarterly reflection over a window (default the last 90 days). */
  getPitfalls(window?: MeasuresWindow): Promise<PitfallsAnswer>;
  /** Every event source backend modules add, configured or not, with the state of its runs. */
  getEventSources(): Promise<EventSourceStatus[]>;
}

/**
 * The API ref of the operating-model backend's client, for `useApi` and for apps that swap the
 * client.
 *
 * @public
 */
export const operatingModelApiRef = createApiRef<OperatingModelApi>({
  id: 'plugin.operating-model.service',
});
