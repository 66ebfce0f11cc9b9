/*
 * The time series behind the measures' charts, as `GET /measures/{kind}/{namespace}/{name}/series`
 * answers. Weeks start on Monday and days at midnight, both in UTC, as the event store keeps
 * rework weeks and Chaos Days. Instants are ISO 8601 strings.
 */

/**
 * Production deployments in one week. Weeks with none between the first and last are given as 0.
 *
 * @public
 */
export interface DeploymentsInWeek {
  /** The Monday 00:00 UTC the week starts on; the first week may start before the window. */
  weekStart: string;
  count: number;
}

/**
 * Good and total requests of the availability intervals that start on one day. Days without
 * intervals are left out.
 *
 * @public
 */
export interface AvailabilityOnDay {
  /** `yyyy-MM-dd`, UTC. */
  day: string;
  good: number;
  total: number;
  /** good ÷ total; null when total is 0. */
  ratio: number | null;
}

/**
 * A post-incident review, by the key the review-read route takes.
 *
 * @public
 */
export interface ReviewKey {
  source: string;
  externalId: string;
  title: string | null;
  url: string | null;
}

/**
 * One incident that started in the window and hit a service in scope.
 *
 * @public
 */
export interface IncidentInSeries {
  source: string;
  externalId: string;
  title: string | null;
  /** The first service in scope it hit, by ref; `services` lists them all. */
  service: string;
  services: string[];
  startedAt: string;
  acknowledgedAt: string | null;
  /** Null while the incident is still open. */
  restoredAt: string | null;
  timeToRestoreMinutes: number | null;
  /** The earliest post-incident review written about it, where one was sent. */
  review: ReviewKey | null;
  /** The review link sent with the incident itself, where there was one. */
  reviewUrl: string | null;
  /** The incident in the tool it came from (its PagerDuty page), where known. */
  url: string | null;
}

/**
 * One production deployment's lead time, from build to production.
 *
 * @public
 */
export interface LeadTimeOfDeployment {
  service: string;
  deployTime: string;
  leadTimeDays: number;
}

/**
 * A single service's targets in force at the end of the window.
 *
 * @public
 */
export interface SeriesTarget {
  /** In percent, such as 99.9. */
  availability: number | null;
  deploymentsPerWeek: number | null;
  tolerableUnavailabilitySecondsPerWeek: number | null;
}

/**
 * A single service's error budget for the week that holds the end of the window (or now, for a
 * window still open). `usedSeconds` is the unavailable share of that week's requests times the
 * seconds of the week gone by; null, as `leftSeconds`, without requests that week. `leftSeconds`
 * goes below zero once the budget is overspent.
 *
 * @public
 */
export interface ErrorBudget {
  weekStart: string;
  /** The end of the part of the week measured. */
  until: string;
  allowedSeconds: number;
  usedSeconds: number | null;
  leftSeconds: number | null;
  /** How many availability intervals the figure rests on. */
  count: number;
}

/**
 * The series of a Component, Group (its services) or Domain (its services) over a window.
 *
 * @public
 */
export interface MeasureSeries {
  entityRef: string;
  from: string;
  to: string;
  deploymentsPerWeek: DeploymentsInWeek[];
  availabilityPerDay: AvailabilityOnDay[];
  incidents: IncidentInSeries[];
  leadTimes: LeadTimeOfDeployment[];
  /** Only for a single service the catalog knows. */
  target: SeriesTarget | null;
  /** Only for a single service with an availability target. */
  errorBudget: ErrorBudget | null;
}
