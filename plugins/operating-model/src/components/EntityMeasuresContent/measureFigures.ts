import {
  DoraLevel,
  EntityMeasures,
  MeasureSeries,
  TargetTally,
} from '@operating-model/backstage-plugin-operating-model-common';
import { OperatingModelTranslation } from '../../translation';
import { frequencyTitle } from '../shared/describe';
import {
  countOf,
  formatCount,
  formatAvailability,
  formatAvailabilityRatio,
  formatDays,
  formatMinutes,
  formatMoney,
  formatNumber,
  formatPercent,
  formatSeconds,
} from '../shared/format';

/** One headline figure as a card shows it. A null value is shown as "No data", never as 0. */
export interface FigureCardContent {
  id: string;
  title: string;
  value: string | null;
  /** A second line under the value: a p90, the parts of a sum. */
  detail?: string;
  /** The target, with whether it is met; for a team or domain, how many of its services meet theirs. */
  target?: { text: string; met: boolean | null };
  /** For the four key metrics, the DORA level the figure reaches: `DORA 2024: high`. */
  dora?: string;
  /** How many events the figure rests on, in words. */
  basis: string;
}

/** Met when every service with data meets its target, missed when any misses, else unknown. */
export function tallyStatus(tally: TargetTally): boolean | null {
  if (tally.notMet > 0) return false;
  if (tally.met > 0) return true;
  return null;
}

/** "3 of 5 services meet it": of the services with a target, how many meet it over the window. */
export function tallyText(tally: TargetTally): string {
  if (tally.withTarget === 0) return 'No service has this target';
  const unknown = tally.withTarget - tally.met - tally.notMet;
  const text = `${tally.met} of ${countOf(tally.withTarget, 'service')} meet${
    tally.withTarget === 1 ? 's' : ''
  } it`;
  return unknown > 0 ? `${text} (${unknown} without data)` : text;
}

/** A Component's own target; for a team or domain, how many of its services meet theirs. */
function figureTarget(
  single: boolean,
  own: FigureCardContent['target'],
  tally: TargetTally,
): FigureCardContent['target'] {
  return single ? own : { text: tallyText(tally), met: tallyStatus(tally) };
}

/**
 * What is left of this week's error budget, or by how much it is overspent, with units; with no
 * availability data yet, what is allowed. The figure card and the availability chart both say it.
 */
export function errorBudgetText(
  budget: MeasureSeries['errorBudget'],
): string | undefined {
  if (!budget) return undefined;
  const allowed = formatSeconds(budget.allowedSeconds);
  if (budget.leftSeconds === null)
    return `Error budget this week: no data yet (${allowed} allowed)`;
  if (budget.leftSeconds >= 0) {
    return `Error budget left this week: ${formatSeconds(
      budget.leftSeconds,
    )} of ${allowed}`;
  }
  return `Error budget overspent this week by ${formatSeconds(
    -budget.leftSeconds,
  )} (${allowed} allowed)`;
}

/** `DORA 2024: high`, or nothing where the figure has no data to place. */
export function doraText(
  level: DoraLevel | null,
  reportYear: number,
  t: OperatingModelTranslation,
): string | undefined {
  if (level === null) return undefined;
  return t('measures.dora', {
    year: String(reportYear),
    level: t(`dora.level.${level}`),
  });
}

/** The headline figures of a Component, Group or Domain, in the order the tab shows them. */
export function measureFigures(
  measures: EntityMeasures,
  series: MeasureSeries | undefined,
  currency: string,
  t: OperatingModelTranslation,
): FigureCardContent[] {
  const single = measures.entityRef.startsWith('component:');
  const money = (value: number | null) =>
    value === null ? '—' : formatMoney(value, currency);
  const d = measures.deploymentFrequency;
  const a = measures.availability;
  const budget = series?.errorBudget ?? null;
  const loss = measures.financialLossProtection;
  const readers = measures.postIncidentReviewReaders;
  const failure = measures.changeFailureRate;
  const recovery = measures.failedDeploymentRecoveryMinutes;
  const dora = (level: DoraLevel | null) =>
    doraText(level, measures.dora.reportYear, t);

  return [
    {
      id: 'deployment-frequency',
      title: 'Deployment frequency',
      value: d.perWeek === null ? null : `${formatNumber(d.perWeek)} a week`,
      detail:
        d.per30Days === null
          ? undefined
          : `${formatNumber(d.per30Days)} per 30 days`,
      target: figureTarget(
        single,
        d.target === null
          ? undefined
          : { text: `Target: ${frequencyTitle(d.target)}`, met: d.targetMet },
        measures.targets.deploymentFrequency,
      ),
      dora: dora(measures.dora.deploymentFrequency),
      basis: `From ${countOf(d.count, 'production deployment')}`,
    },
    {
      id: 'availability',
      title: 'Availability',
      value: formatAvailabilityRatio(a.ratio),
      // The card's detail is the budget only once there is availability data to spend it.
      detail:
        budget?.leftSeconds === null ? undefined : errorBudgetText(budget),
      target: figureTarget(
        single,
        a.target === null
          ? undefined
          : {
              text: `Target: ${formatAvailability(a.target)}`,
              met: a.targetMet,
            },
        measures.targets.availability,
      ),
      basis: `From ${countOf(a.count, 'availability interval')}`,
    },
    {
      id: 'time-to-restore',
      title: 'Time to restore',
      value: formatMinutes(measures.timeToRestoreMinutes.median),
      detail:
        measures.timeToRestoreMinutes.p90 === null
          ? undefined
          : `Median; 90th percentile ${formatMinutes(
              measures.timeToRestoreMinutes.p90,
            )}`,
      basis: `From ${countOf(
        measures.timeToRestoreMinutes.count,
        'restored incident',
      )}`,
    },
    {
      id: 'time-to-acknowledge',
      title: 'Time to acknowledge',
      value: formatMinutes(measures.timeToAcknowledgeMinutes.median),
      detail:
        measures.timeToAcknowledgeMinutes.median === null
          ? undefined
          : 'Median',
      basis: `From ${countOf(
        measures.timeToAcknowledgeMinutes.count,
        'acknowledged incident',
      )}`,
    },
    {
      id: 'lead-time',
      title: 'Deployment lead time',
      value: formatDays(measures.leadTimeDays.median),
      detail:
        measures.leadTimeDays.p90 === null
          ? undefined
          : `Median; 90th percentile ${formatDays(measures.leadTimeDays.p90)}`,
      dora: dora(measures.dora.leadTime),
      basis: `From ${countOf(
        measures.leadTimeDays.count,
        'production deployment',
      )}`,
    },
    {
      id: 'change-failure-rate',
      title: t('measures.changeFailureRate.title'),
      value: formatPercent(failure.ratio),
      detail:
        failure.ratio === null
          ? undefined
          : t('measures.changeFailureRate.detail'),
      dora: dora(measures.dora.changeFailureRate),
      basis: t('measures.changeFailureRate.basis', {
        count: failure.count,
        deployments: formatCount(failure.count),
      }),
    },
    {
      id: 'failed-deployment-recovery',
      title: t('measures.failedDeploymentRecovery.title'),
      value: formatMinutes(recovery.median),
      detail:
        recovery.p90 === null
          ? undefined
          : t('measures.failedDeploymentRecovery.detail', {
              p90: formatMinutes(recovery.p90) ?? '',
            }),
      dora: dora(measures.dora.failedDeploymentRecovery),
      basis: t('measures.failedDeploymentRecovery.basis', {
        count: recovery.count,
        recoveries: formatCount(recovery.count),
      }),
    },
    {
      id: 'loose-coupling',
      title: 'Loose coupling',
      value: formatPercent(measures.looseCoupling.ratio),
      detail:
        measures.looseCoupling.ratio === null
          ? undefined
          : 'Of deployments went out on their own, not in lockstep with another service',
      basis: `From ${countOf(
        measures.looseCoupling.count,
        'production deployment',
      )}`,
    },
    {
      id: 'pre-approved-changes',
      title: 'Pre-approved changes',
      value: formatPercent(measures.preApprovedChanges.ratio),
      detail:
        measures.preApprovedChanges.ratio === null
          ? undefined
          : 'Of deployments made under a standard change',
      basis: `From ${countOf(
        measures.preApprovedChanges.count,
        'production deployment',
      )}`,
    },
    {
      id: 'financial-loss-protection',
      title: 'Financial loss protection',
      value: formatPercent(loss.effectiveness),
      detail:
        loss.projected === null
          ? undefined
          : `Projected ${money(loss.projected)} · actual ${money(
              loss.actual,
            )} · protected ${money(loss.protected)}`,
      basis: `From ${countOf(
        loss.count,
        'restored incident',
      )} with a known exposure`,
    },
    {
      id: 'review-readers',
      title: 'Post-incident review readers',
      // With no review published there is nothing to read: no data, rather than 0 readers.
      value: readers.reviews === 0 ? null : countOf(readers.count, 'reader'),
      detail: readers.reviews === 0 ? undefined : 'Unique people',
      basis: `From ${countOf(readers.reviews, 'review')} published`,
    },
    {
      id: 'chaos-days',
      title: 'Chaos Days',
      value:
        measures.chaosDays.count === 0
          ? null
          : countOf(measures.chaosDays.count, 'Chaos Day'),
      detail:
        measures.chaosDays.daysBetween === null
          ? undefined
          : `One every ${formatDays(measures.chaosDays.daysBetween)} (median)`,
      basis: `From ${countOf(
        measures.chaosDays.count,
        'day',
      )} with a Chaos Day`,
    },
    {
      id: 'improvement-action-lead-time',
      title: 'Improvement action lead time',
      value: formatDays(measures.improvementActionLeadTimeDays.median),
      detail:
        measures.improvementActionLeadTimeDays.median === null
          ? undefined
          : 'Median, definition to completion',
      basis: `From ${countOf(
        measures.improvementActionLeadTimeDays.count,
        'completed action',
      )}`,
    },
    {
      id: 'improvement-action-interval',
      title: 'Improvement action frequency',
      value:
        measures.improvementActionIntervalDays.median === null
          ? null
          : `Every ${formatDays(
              measures.improvementActionIntervalDays.median,
            )}`,
      detail:
        measures.improvementActionIntervalDays.median === null
          ? undefined
          : 'Median days between completions',
      basis: `From ${countOf(
        measures.improvementActionIntervalDays.count,
        'completed action',
      )}`,
    },
    {
      id: 'rework-rate',
      title: 'Rework rate',
      value: formatPercent(measures.reworkRate.ratio),
      detail:
        measures.reworkRate.ratio === null
          ? undefined
          : `Of team time on unplanned work, over ${countOf(
              measures.reworkRate.weeks,
              'team-week',
            )}`,
      basis: `From ${countOf(measures.reworkRate.count, 'rework item')}`,
    },
  ];
}
