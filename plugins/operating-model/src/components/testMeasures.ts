import { EntityMeasures, MeasureSeries } from '../api';

/** A figure set with every measure at "no data", as the backend answers for a window without events. */
export function entityMeasures(
  overrides: Partial<EntityMeasures> = {},
): EntityMeasures {
  return {
    entityRef: 'component:default/bedroom',
    title: 'Bedroom shop',
    from: '2026-08-26T12:00:00.000Z',
    to: '2026-11-24T12:00:00.000Z',
    services: [
      {
        entityRef: 'component:default/bedroom',
        deploymentTarget: 'daily',
        deploymentTargetMet: null,
        availabilityTarget: 99,
        availabilityTargetMet: null,
      },
    ],
    targets: {
      deploymentFrequency: { withTarget: 1, met: 0, notMet: 0 },
      availability: { withTarget: 1, met: 0, notMet: 0 },
    },
    deploymentFrequency: {
      perWeek: null,
      per30Days: null,
      target: 'daily',
      targetMet: null,
      count: 0,
    },
    leadTimeDays: { median: null, p90: null, count: 0 },
    looseCoupling: { ratio: null, count: 0 },
    preApprovedChanges: { ratio: null, count: 0 },
    availability: { ratio: null, target: 99, targetMet: null, count: 0 },
    timeToRestoreMinutes: { median: null, p90: null, count: 0 },
    timeToAcknowledgeMinutes: { median: null, count: 0 },
    financialLossProtection: {
      projected: null,
      actual: null,
      protected: null,
      effectiveness: null,
      count: 0,
    },
    postIncidentReviewReaders: { count: 0, reviews: 0 },
    chaosDays: { count: 0, daysBetween: null },
    improvementActionLeadTimeDays: { median: null, count: 0 },
    improvementActionIntervalDays: { median: null, count: 0 },
    reworkRate: { ratio: null, count: 0, weeks: 0 },
    changeFailureRate: { ratio: null, count: 0 },
    failedDeploymentRecoveryMinutes: { median: null, p90: null, count: 0 },
    dora: {
      reportYear: 2024,
      deploymentFrequency: null,
      leadTime: null,
      changeFailureRate: null,
      failedDeploymentRecovery: null,
    },
    sources: { deployments: [], incidents: [], availability: [] },
    ...overrides,
  };
}

/** Series with nothing in them, for a window without events. */
export function measureSeries(
  overrides: Partial<MeasureSeries> = {},
): MeasureSeries {
  return {
    entityRef: 'component:default/bedroom',
    from: '2026-08-26T12:00:00.000Z',
    to: '2026-11-24T12:00:00.000Z',
    deploymentsPerWeek: [],
    availabilityPerDay: [],
    incidents: [],
    leadTimes: [],
    target: null,
    errorBudget: null,
    ...overrides,
  };
}
