import {
  DistributionFigure,
  distributionFigure,
  RatioFigure,
} from './measures';

const MS_PER_MINUTE = 60_000;

/**
 * The year of the DORA report (Accelerate State of DevOps) whose software delivery performance
 * clusters the levels below are read against.
 *
 * @public
 */
export const DORA_REPORT_YEAR = 2024;

/**
 * One of DORA's software delivery performance clusters.
 *
 * @public
 */
export type DoraLevel = 'elite' | 'high' | 'medium' | 'low';

/**
 * The DORA level each of the four key metrics reaches, null where there is no figure.
 *
 * @public
 */
export interface DoraLevels {
  reportYear: number;
  deploymentFrequency: DoraLevel | null;
  leadTime: DoraLevel | null;
  changeFailureRate: DoraLevel | null;
  failedDeploymentRecovery: DoraLevel | null;
}

/**
 * The clusters of the 2024 report, metric by metric: the least a cluster deploys, the longest
 * lead time and recovery it has, and its typical change failure rate. Recovery is "less than
 * one day" for both high and medium in the report; a recovery between a day and a week, which
 * the report gives to no cluster, is read as medium.
 *
 * @public
 */
export const DORA_CLUSTERS: ReadonlyArray<{
  level: DoraLevel;
  /** Deployments per day at least (elite: more than one a day, "on demand"). */
  deploysPerDayAbove: number;
  leadTimeDaysBelow: number;
  changeFailureRate: number;
  recoveryMinutesBelow: number;
}> = [
  {
    level: 'elite',
    deploysPerDayAbove: 1,
    leadTimeDaysBelow: 1,
    changeFailureRate: 0.05,
    recoveryMinutesBelow: 60,
  },
  {
    level: 'high',
    deploysPerDayAbove: 1 / 7,
    leadTimeDaysBelow: 7,
    changeFailureRate: 0.2,
    recoveryMinutesBelow: 24 * 60,
  },
  {
    level: 'medium',
    deploysPerDayAbove: 1 / 30,
    leadTimeDaysBelow: 30,
    changeFailureRate: 0.1,
    recoveryMinutesBelow: 7 * 24 * 60,
  },
  {
    level: 'low',
    deploysPerDayAbove: 0,
    leadTimeDaysBelow: Infinity,
    changeFailureRate: 0.4,
    recoveryMinutesBelow: Infinity,
  },
];

const first = (test: (c: (typeof DORA_CLUSTERS)[number]) => boolean) =>
  DORA_CLUSTERS.find(test)?.level ?? 'low';

/**
 * The DORA level of each key metric: deployment frequency and lead time by the cluster's
 * range, recovery by its bound, and the change failure rate by the cluster whose typical rate
 * is nearest (the report's rates are not in cluster order: high 20%, medium 10%).
 *
 * @public
 */
export function doraLevels(figures: {
  deploymentsPerDay: number | null;
  leadTimeDays: number | null;
  changeFailureRate: number | null;
  recoveryMinutes: number | null;
}): DoraLevels {
  const {
    deploymentsPerDay,
    leadTimeDays,
    changeFailureRate,
    recoveryMinutes,
  } = figures;
  const nearestRate = (rate: number) =>
    [...DORA_CLUSTERS].sort(
      (a, b) =>
        Math.abs(a.changeFailureRate - rate) -
        Math.abs(b.changeFailureRate - rate),
    )[0].level;
  return {
    reportYear: DORA_REPORT_YEAR,
    deploymentFrequency:
      deploymentsPerDay === null
        ? null
        : first(c => deploymentsPerDay > c.deploysPerDayAbove),
    leadTime:
      leadTimeDays === null
        ? null
        : first(c => leadTimeDays < c.leadTimeDaysBelow),
    changeFailureRate:
      changeFailureRate === null ? null : nearestRate(changeFailureRate),
    failedDeploymentRecovery:
      recoveryMinutes === null
        ? null
        : first(c => recoveryMinutes < c.recoveryMinutesBelow),
  };
}

/**
 * A production deployment, for the change failure rate.
 *
 * @public
 */
export interface DeploymentTime {
  service: string;
  deployedAt: number;
}

/**
 * An incident, for the change failure rate.
 *
 * @public
 */
export interface ServiceIncidentTimes {
  services: readonly string[];
  startedAt: number;
  restoredAt?: number | null;
}

/**
 * The change failure rate and failed-deployment recovery time: a production deployment failed
 * when an incident on the same service started at or after it and before that service's next
 * deployment; its recovery is that first incident's start to its restoration.
 *
 * @public
 */
export function changeFailure(
  deployments: readonly DeploymentTime[],
  incidents: readonly ServiceIncidentTimes[],
): {
  changeFailureRate: RatioFigure;
  failedDeploymentRecoveryMinutes: DistributionFigure;
} {
  const starts = new Map<string, ServiceIncidentTimes[]>();
  for (const incident of incidents) {
    for (const service of new Set(incident.services)) {
      const list = starts.get(service) ?? [];
      list.push(incident);
      starts.set(service, list);
    }
  }
  for (const list of starts.values()) {
    list.sort((a, b) => a.startedAt - b.startedAt);
  }
  const byService = new Map<string, number[]>();
  for (const d of deployments) {
    const list = byService.get(d.service) ?? [];
    list.push(d.deployedAt);
    byService.set(d.service, list);
  }
  let failed = 0;
  const recoveries: number[] = [];
  for (const [service, times] of byService) {
    times.sort((a, b) => a - b);
    const serviceIncidents = starts.get(service) ?? [];
    let next = 0;
    for (let i = 0; i < times.length; i++) {
      const until = i + 1 < times.length ? times[i + 1] : Infinity;
      while (
        next < serviceIncidents.length &&
        serviceIncidents[next].startedAt < times[i]
      ) {
        next++;
      }
      const incident = serviceIncidents[next];
      if (incident && incident.startedAt < until) {
        failed++;
        if (incident.restoredAt !== null && incident.restoredAt !== undefined) {
          recoveries.push(
            (incident.restoredAt - incident.startedAt) / MS_PER_MINUTE,
          );
        }
      }
    }
  }
  const count = deployments.length;
  return {
    changeFailureRate: { ratio: count === 0 ? null : failed / count, count },
    failedDeploymentRecoveryMinutes: distributionFigure(recoveries),
  };
}
