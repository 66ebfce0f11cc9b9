import type { DoraLevels } from './dora';
import { tolerableUnavailabilitySecondsPerWeek } from './availability';
import { deploymentsPer30Days } from './deployment';
import { ServiceAssessment } from './types';

/*
 * Rule 11: the playbook's measures, as pure functions over figures the backend reads from its
 * event store. Every figure carries `count`, the number of events it rests on, and is null when
 * it rests on none: "no data" must never read as "zero deployments" or "0% available".
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/**
 * The hours in a working week of one person, used for rework rate when a team's hours are not
 * given.
 *
 * @public
 */
export const STANDARD_HOURS_PER_PERSON_WEEK = 37.5;

/**
 * A median with the number of values it was taken from.
 *
 * @public
 */
export interface MedianFigure {
  median: number | null;
  count: number;
}

/**
 * A median and 90th percentile with the number of values they were taken from.
 *
 * @public
 */
export interface DistributionFigure extends MedianFigure {
  p90: number | null;
}

/**
 * A share between 0 and 1 with the number of events it is a share of.
 *
 * @public
 */
export interface RatioFigure {
  ratio: number | null;
  count: number;
}

/**
 * Production deployments per week and per 30 days, against the service's deployment frequency
 * target.
 *
 * @public
 */
export interface DeploymentFrequencyFigure {
  perWeek: number | null;
  per30Days: number | null;
  /** The name of the service's deployment frequency target, such as `weekly`; null for a team or domain. */
  target: string | null;
  targetMet: boolean | null;
  count: number;
}

/**
 * Availability over the window, against the service's availability target.
 *
 * @public
 */
export interface AvailabilityFigure {
  /** Good requests ÷ all requests over the window. */
  ratio: number | null;
  /** In percent, for example 99.9; null for a team or domain, whose services have their own. */
  target: number | null;
  targetMet: boolean | null;
  /** How many availability intervals the ratio rests on. */
  count: number;
}

/**
 * What incidents would have lost, did lose and were kept from losing over the window, and the share
 * protected.
 *
 * @public
 */
export interface FinancialLossProtectionFigure {
  projected: number | null;
  actual: number | null;
  protected: number | null;
  /** Σ protected ÷ Σ projected, as a fraction (0.7023 for the playbook's 70%). */
  effectiveness: number | null;
  /** How many incidents the figures rest on. */
  count: number;
}

/**
 * How often Chaos Days were held over the window.
 *
 * @public
 */
export interface ChaosDaysFigure {
  /** Distinct days with a Chaos Day in the window. */
  count: number;
  /** Median days from one Chaos Day to the next; null with fewer than two. */
  daysBetween: number | null;
}

/**
 * How widely the post-incident reviews published in the window were read.
 *
 * @public
 */
export interface ReviewReadersFigure {
  /** Unique people who read the post-incident reviews published in the window. */
  count: number;
  /** How many reviews were published in the window. */
  reviews: number;
}

/**
 * The share of team time spent on unplanned operational work over the window.
 *
 * @public
 */
export interface ReworkRateFigure extends RatioFigure {
  /** How many team-weeks the ratio covers. */
  weeks: number;
}

/**
 * Every measure of rule 11 for one service, team, domain or the organisation, over one window.
 *
 * @public
 */
export interface MeasureFigures {
  deploymentFrequency: DeploymentFrequencyFigure;
  leadTimeDays: DistributionFigure;
  looseCoupling: RatioFigure;
  preApprovedChanges: RatioFigure;
  availability: AvailabilityFigure;
  timeToRestoreMinutes: DistributionFigure;
  timeToAcknowledgeMinutes: MedianFigure;
  financialLossProtection: FinancialLossProtectionFigure;
  postIncidentReviewReaders: ReviewReadersFigure;
  chaosDays: ChaosDaysFigure;
  improvementActionLeadTimeDays: MedianFigure;
  improvementActionIntervalDays: MedianFigure;
  reworkRate: ReworkRateFigure;
  /** Production deployments followed by an incident on the service before its next deployment. */
  changeFailureRate: RatioFigure;
  /** From the incident that failed a deployment to its restoration. */
  failedDeploymentRecoveryMinutes: DistributionFigure;
}

/**
 * One service's targets and whether it meets them over the window; null where unknown.
 *
 * @public
 */
export interface ServiceTargetStatus {
  entityRef: string;
  deploymentTarget: string | null;
  deploymentTargetMet: boolean | null;
  availabilityTarget: number | null;
  availabilityTargetMet: boolean | null;
}

/**
 * How many of a scope's services meet a target: `withTarget − met − notMet` have no data yet.
 *
 * @public
 */
export interface TargetTally {
  withTarget: number;
  met: number;
  notMet: number;
}

/**
 * The measures of a Component, Group or Domain, as `GET /measures/{kind}/{namespace}/{name}`
 * answers.
 *
 * @public
 */
export interface EntityMeasures extends MeasureFigures {
  entityRef: string;
  title?: string | null;
  /** ISO instants; the window includes `from` and excludes `to`. */
  from: string;
  to: string;
  services: ServiceTargetStatus[];
  targets: { deploymentFrequency: TargetTally; availability: TargetTally };
  /** The DORA level each of the four key metrics reaches. */
  dora: DoraLevels;
  /** Where the events behind the figures came from: their `source`s, by kind. */
  sources: EventSources;
}

/**
 * The `source`s of the events of each kind the measures rest on, such as `pagerduty`.
 *
 * @public
 */
export interface EventSources {
  deployments: string[];
  incidents: string[];
  availability: string[];
}

/**
 * The leaders' view, as `GET /measures?groupBy=team|domain` answers.
 *
 * @public
 */
export interface LeadersMeasures {
  groupBy: 'team' | 'domain';
  from: string;
  to: string;
  items: EntityMeasures[];
  /** Every service in the catalog together. */
  organisation: EntityMeasures;
}

/**
 * Puts the k-th smallest value (counting from 0) at index k, every smaller or equal value before
 * it and every greater or equal value after it, and returns it: Hoare's quickselect with a
 * median-of-three pivot. A percentile needs only one or two ranks of the sorted values, and
 * selecting them is linear where a sort is n log n (the leaders' view takes percentiles of a
 * million lead times); the values it picks are exactly those a sort puts at those ranks.
 */
function medianOfThree(a: number, b: number, c: number): number {
  if (a < b) {
    if (b < c) return b;
    return a < c ? c : a;
  }
  if (a < c) return a;
  return b < c ? c : b;
}

function selectRank(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    const a = values[lo];
    const b = values[(lo + hi) >>> 1];
    const c = values[hi];
    const pivot = medianOfThree(a, b, c);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i] = values[j];
        values[j] = swap;
        i++;
        j--;
      }
    }
    // Now [lo, j] ≤ pivot, (j, i) = pivot and [i, hi] ≥ pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k];
}

/** The smallest value from index `from` on. */
function smallestFrom(values: Float64Array, from: number): number {
  let least = values[from];
  for (let i = from + 1; i < values.length; i++) {
    if (values[i] < least) least = values[i];
  }
  return least;
}

function checkFraction(p: number) {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(
      `A percentile is taken at a fraction from 0 to 1, not ${p}`,
    );
  }
}

/** The quantile at p of values a working copy holds, reordered in place. */
function quantileOf(work: Float64Array, p: number): number {
  const rank = (work.length - 1) * p;
  const below = Math.floor(rank);
  const low = selectRank(work, below);
  if (rank === below) return low;
  // Every value after `below` is at least `low`: the next rank is the least of them.
  const high = smallestFrom(work, below + 1);
  return low + (rank - below) * (high - low);
}

/**
 * The p-th quantile (0 ≤ p ≤ 1) by linear interpolation between the closest ranks: the value at
 * rank (n − 1)·p of the sorted values, counting from 0. This is the method of PostgreSQL's
 * `percentile_cont`, Excel's `PERCENTILE.INC` and NumPy's default, so a figure can be checked
 * against any of them; the median is the same method at p = 0.5. The values are not reordered:
 * the ranks are found in one copy, without sorting it.
 *
 * @public
 */
export function percentile(
  values: ArrayLike<number>,
  p: number,
): number | null {
  if (values.length === 0) return null;
  checkFraction(p);
  return quantileOf(Float64Array.from(values), p);
}

/**
 * The middle value, or the mean of the two middle values of an even count.
 *
 * @public
 */
export function median(values: ArrayLike<number>): number | null {
  return percentile(values, 0.5);
}

/**
 * The median of the values, with how many there were.
 *
 * @public
 */
export function medianFigure(values: ArrayLike<number>): MedianFigure {
  return { median: median(values), count: values.length };
}

/**
 * The median and 90th percentile of the values, with how many there were: both ranks from one
 * working copy, so a caller need not (and should not) sort the values first.
 *
 * @public
 */
export function distributionFigure(
  values: ArrayLike<number>,
): DistributionFigure {
  if (values.length === 0) return { median: null, p90: null, count: 0 };
  const work = Float64Array.from(values);
  return {
    median: quantileOf(work, 0.5),
    p90: quantileOf(work, 0.9),
    count: values.length,
  };
}

/**
 * The share `part ÷ count`, null when there is nothing to take a share of.
 *
 * @public
 */
export function ratioFigure(part: number, count: number): RatioFigure {
  return { ratio: count > 0 ? part / count : null, count };
}

/**
 * The length of a window in days (fractional).
 *
 * @public
 */
export function windowDays(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / MS_PER_DAY;
}

/**
 * Whether an instant (epoch milliseconds) is in a window: `from` included, `to` excluded.
 *
 * @public
 */
export function inWindow(
  time: number,
  window: { from: Date; to: Date },
): boolean {
  return window.from.getTime() <= time && time < window.to.getTime();
}

/**
 * Deployment frequency: production deployments per week and per 30 days over the window, and
 * whether that meets the service's target (a frequency name such as `weekly`, turned into
 * deployments per 30 days by the configured frequencies).
 *
 * @public
 */
export function deploymentFrequency(input: {
  count: number;
  windowDays: number;
  target: string | null;
  frequencies: Record<string, number>;
}): DeploymentFrequencyFigure {
  const { count, target } = input;
  if (count === 0 || !(input.windowDays > 0)) {
    return { perWeek: null, per30Days: null, target, targetMet: null, count };
  }
  const perDay = count / input.windowDays;
  const per30Days = perDay * 30;
  const required =
    target === null ? null : deploymentsPer30Days(target, input.frequencies);
  return {
    perWeek: perDay * 7,
    per30Days,
    target,
    // A tiny tolerance: 30 deployments in 30 days is daily, however the division rounds.
    targetMet: required === null ? null : per30Days >= required - 1e-9,
    count,
  };
}

/**
 * Availability: good ÷ total requests over the window, against the target in percent.
 *
 * @public
 */
export function availabilityFigure(input: {
  good: number;
  total: number;
  count: number;
  target: number | null;
}): AvailabilityFigure {
  const { target, count } = input;
  if (count === 0 || !(input.total > 0)) {
    return { ratio: null, target, targetMet: null, count };
  }
  const ratio = input.good / input.total;
  return {
    ratio,
    target,
    targetMet: target === null ? null : ratio * 100 >= target - 1e-9,
    count,
  };
}

/**
 * A deployment as lockstep detection needs it.
 *
 * @public
 */
export interface DeploymentCoupling {
  id: string;
  service: string;
  releaseId?: string | null;
  changeRequestId?: string | null;
}

/**
 * The ids of deployments that went out in lockstep: another service's deployment shares their
 * release id or their change-request id. Two deployments of the same service sharing an id are
 * not lockstep; that is one service released in steps.
 *
 * @public
 */
export function deploymentsInLockstep(
  deployments: readonly DeploymentCoupling[],
): Set<string> {
  const servicesBy = (key: 'releaseId' | 'changeRequestId') => {
    const services = new Map<string, Set<string>>();
    for (const d of deployments) {
      const value = d[key];
      if (value === null || value === undefined || value === '') continue;
      const set = services.get(value) ?? new Set<string>();
      set.add(d.service);
      services.set(value, set);
    }
    return services;
  };
  const byRelease = servicesBy('releaseId');
  const byChange = servicesBy('changeRequestId');
  const shared = (
    services: Map<string, Set<string>>,
    value: string | null | undefined,
  ) =>
    value !== null &&
    value !== undefined &&
    value !== '' &&
    (services.get(value)?.size ?? 0) > 1;
  return new Set(
    deployments
      .filter(
        d =>
          shared(byRelease, d.releaseId) || shared(byChange, d.changeRequestId),
      )
      .map(d => d.id),
  );
}

/**
 * Loose coupling: the share of deployments that did NOT go out in lockstep with another service's.
 *
 * @public
 */
export function looseCoupling(input: {
  deployments: number;
  inLockstep: number;
}): RatioFigure {
  return ratioFigure(input.deployments - input.inLockstep, input.deployments);
}

/**
 * Pre-approved changes: the share of deployments made under a standard (pre-approved) change.
 *
 * @public
 */
export function preApprovedChanges(input: {
  deployments: number;
  standard: number;
}): RatioFigure {
  return ratioFigure(input.standard, input.deployments);
}

/**
 * One incident's part in financial loss protection, for one service it hit.
 *
 * @public
 */
export interface IncidentLossInput {
  /** Groups the parts of one incident, so an incident that hit two services counts once. */
  incident?: string;
  /** The exposure per hour in force when the incident started. */
  exposurePerHour: number;
  /** The availability target in force when the incident started, in percent. */
  availabilityTarget: number;
  /** From the start of the incident to restoration. */
  durationSeconds: number;
  /** The money the incident cost, where it was recorded. */
  recordedLoss?: number | null;
}

/**
 * Financial loss protection of one incident. Projected: the loss had the incident lasted the
 * whole tolerable unavailability of a week (exposure per hour × tolerable hours). Actual: the
 * recorded loss, or else exposure per hour × the incident's hours. Protected: what a restore
 * faster than the target allots was worth, never below zero.
 *
 * @public
 */
export function incidentLossProtection(input: IncidentLossInput): {
  projected: number;
  actual: number;
  protected: number;
} {
  const tolerableHours =
    tolerableUnavailabilitySecondsPerWeek(input.availabilityTarget) / 3600;
  const projected = input.exposurePerHour * tolerableHours;
  const actual =
    input.recordedLoss ??
    (input.exposurePerHour * input.durationSeconds) / 3600;
  return { projected, actual, protected: Math.max(0, projected - actual) };
}

/**
 * Financial loss protection over many incidents: effectiveness = Σ protected ÷ Σ projected.
 *
 * @public
 */
export function financialLossProtection(
  incidents: readonly IncidentLossInput[],
): FinancialLossProtectionFigure {
  if (incidents.length === 0) {
    return {
      projected: null,
      actual: null,
      protected: null,
      effectiveness: null,
      count: 0,
    };
  }
  const ids = new Set(
    incidents.map((incident, index) => incident.incident ?? `#${index}`),
  );
  let projected = 0;
  let actual = 0;
  let protectedLoss = 0;
  for (const incident of incidents) {
    const part = incidentLossProtection(incident);
    projected += part.projected;
    actual += part.actual;
    protectedLoss += part.protected;
  }
  return {
    projected,
    actual,
    protected: protectedLoss,
    effectiveness: projected > 0 ? protectedLoss / projected : null,
    count: ids.size,
  };
}

/**
 * The exposure per hour an assessment puts at stake: during a peak event the peak exposure,
 * where it is higher (rule 3), else the ordinary one; null where the exposure is unknown.
 *
 * @public
 */
export function exposurePerHourInForce(
  assessment: Pick<
    ServiceAssessment,
    'financialExposurePerHour' | 'peakFinancialExposurePerHour' | 'peak'
  >,
): number | null {
  const base = assessment.financialExposurePerHour;
  const peak = assessment.peakFinancialExposurePerHour;
  if (assessment.peak?.active && peak !== null)
    return Math.max(peak, base ?? 0);
  return base;
}

/**
 * Splits an incident's recorded loss between the services it hit, in proportion to their
 * exposure per hour (equally when none has an exposure), so that the parts add up to the whole.
 *
 * @public
 */
export function apportionLoss(
  loss: number,
  exposures: readonly number[],
): number[] {
  const total = exposures.reduce((sum, e) => sum + e, 0);
  if (total > 0) return exposures.map(e => (loss * e) / total);
  return exposures.map(() => loss / exposures.length);
}

/**
 * An incident's times, as epoch milliseconds.
 *
 * @public
 */
export interface IncidentTimes {
  startedAt: number;
  acknowledgedAt?: number | null;
  restoredAt?: number | null;
}

/**
 * Time to restore availability, in minutes from the start of each incident to its restoration.
 * An incident still open has no time to restore yet and is left out.
 *
 * @public
 */
export function timeToRestoreMinutes(
  incidents: readonly IncidentTimes[],
): DistributionFigure {
  return distributionFigure(
    incidents
      .filter(i => i.restoredAt !== null && i.restoredAt !== undefined)
      .map(i => (i.restoredAt! - i.startedAt) / MS_PER_MINUTE),
  );
}

/**
 * Time to acknowledge, in minutes from the start of each incident to its acknowledgement.
 *
 * @public
 */
export function timeToAcknowledgeMinutes(
  incidents: readonly IncidentTimes[],
): MedianFigure {
  return medianFigure(
    incidents
      .filter(i => i.acknowledgedAt !== null && i.acknowledgedAt !== undefined)
      .map(i => (i.acknowledgedAt! - i.startedAt) / MS_PER_MINUTE),
  );
}

/** The median of the gaps between consecutive values, sorted; null with fewer than two. */
function medianGap(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((value, index) => value - sorted[index]);
  return median(gaps);
}

/**
 * Chaos Days: how many distinct days had one, and the median days from one to the next. Days are
 * `yyyy-MM-dd`; one Chaos Day that exercised several services counts once.
 *
 * @public
 */
export function chaosDaysFigure(days: readonly string[]): ChaosDaysFigure {
  const distinct = [...new Set(days)];
  const gap = medianGap(distinct.map(day => Date.parse(`${day}T00:00:00Z`)));
  return {
    count: distinct.length,
    daysBetween: gap === null ? null : gap / MS_PER_DAY,
  };
}

/**
 * Improvement action lead time: median days from definition to completion, of completed actions.
 *
 * @public
 */
export function improvementActionLeadTimeDays(
  actions: ReadonlyArray<{ definedAt: number; completedAt: number | null }>,
): MedianFigure {
  return medianFigure(
    actions
      .filter(a => a.completedAt !== null)
      .map(a => (a.completedAt! - a.definedAt) / MS_PER_DAY),
  );
}

/**
 * Improvement action frequency: the median days between consecutive completions. `count` is the
 * number of completions; the median needs at least two.
 *
 * @public
 */
export function improvementActionIntervalDays(
  completedAt: readonly number[],
): MedianFigure {
  const gap = medianGap(completedAt);
  return {
    median: gap === null ? null : gap / MS_PER_DAY,
    count: completedAt.length,
  };
}

/**
 * One rework item: unplanned operational work a team did in one week.
 *
 * @public
 */
export interface ReworkInput {
  team: string;
  /** Any stable key of the week, such as the epoch milliseconds of its Monday. */
  week: string | number;
  hours: number;
  /** The team's working hours that week, where the source knows them. */
  teamHours?: number | null;
  /** The team's size that week, where the source knows it. */
  members?: number | null;
}

/**
 * Rework rate: the share of team time spent on unplanned operational work. Items are summed per
 * team and week; a week's team hours are the hours given with its items, else its members ×
 * 37.5 h, else the catalogue's member count × 37.5 h (`teamSize`). The rate over the window is
 * Σ rework hours ÷ Σ team hours of the team-weeks that have items, which weights each week by the
 * team's time; a week with no item is not known to have had no rework, so it is left out, and so
 * is a week whose team hours cannot be told. `count` is the number of items the rate rests on.
 *
 * @public
 */
export function reworkRate(
  items: readonly ReworkInput[],
  teamSize: (team: string) => number | undefined = () => undefined,
): ReworkRateFigure {
  const weeks = new Map<
    string,
    { team: string; hours: number; teamHours: number | null; count: number }
  >();
  for (const item of items) {
    const key = JSON.stringify([item.team, item.week]);
    const week = weeks.get(key) ?? {
      team: item.team,
      hours: 0,
      teamHours: null,
      count: 0,
    };
    week.hours += item.hours;
    week.count += 1;
    const given =
      item.teamHours ??
      (item.members ? item.members * STANDARD_HOURS_PER_PERSON_WEEK : null);
    if (given !== null && given > 0)
      week.teamHours = Math.max(week.teamHours ?? 0, given);
    weeks.set(key, week);
  }
  let hours = 0;
  let teamHours = 0;
  let count = 0;
  let counted = 0;
  for (const week of weeks.values()) {
    const size = teamSize(week.team);
    const available =
      week.teamHours ?? (size ? size * STANDARD_HOURS_PER_PERSON_WEEK : null);
    if (available === null) continue;
    hours += week.hours;
    teamHours += available;
    count += week.count;
    counted += 1;
  }
  return {
    ratio: counted > 0 ? hours / teamHours : null,
    count,
    weeks: counted,
  };
}
