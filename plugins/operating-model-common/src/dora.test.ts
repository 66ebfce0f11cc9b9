import { changeFailure, DoraLevel, doraLevels } from './dora';

const H = 3_600_000;

describe('changeFailure', () => {
  it.each<
    [
      string,
      Array<[string, number]>,
      Array<[string[], number, number | null]>,
      { failed: number; count: number; recovery: number | null },
    ]
  >([
    [
      'no deployments: no rate',
      [],
      [[['a'], 1 * H, 2 * H]],
      { failed: 0, count: 0, recovery: null },
    ],
    [
      'an incident after a deployment and before the next fails it',
      [
        ['a', 0],
        ['a', 10 * H],
      ],
      [[['a'], 1 * H, 3 * H]],
      { failed: 1, count: 2, recovery: 120 },
    ],
    [
      'an incident before any deployment fails none',
      [['a', 5 * H]],
      [[['a'], 1 * H, 2 * H]],
      { failed: 0, count: 1, recovery: null },
    ],
    [
      'another service’s incident fails nothing here',
      [['a', 0]],
      [[['b'], 1 * H, 2 * H]],
      { failed: 0, count: 1, recovery: null },
    ],
    [
      'the last deployment is failed by any incident after it',
      [
        ['a', 0],
        ['a', 10 * H],
      ],
      [[['a'], 11 * H, 11.5 * H]],
      { failed: 1, count: 2, recovery: 30 },
    ],
    [
      'two incidents after one deployment fail it once, recovering from the first',
      [['a', 0]],
      [
        [['a'], 1 * H, 2 * H],
        [['a'], 3 * H, 9 * H],
      ],
      { failed: 1, count: 1, recovery: 60 },
    ],
    [
      'an incident on two services fails a deployment of each',
      [
        ['a', 0],
        ['b', 0],
      ],
      [[['a', 'b'], 1 * H, null]],
      { failed: 2, count: 2, recovery: null },
    ],
  ])('%s', (_name, deployments, incidents, expected) => {
    const result = changeFailure(
      deployments.map(([service, deployedAt]) => ({ service, deployedAt })),
      incidents.map(([services, startedAt, restoredAt]) => ({
        services,
        startedAt,
        restoredAt,
      })),
    );
    expect(result.changeFailureRate).toEqual({
      ratio: expected.count ? expected.failed / expected.count : null,
      count: expected.count,
    });
    expect(result.failedDeploymentRecoveryMinutes.median).toBe(
      expected.recovery,
    );
  });
});

describe('doraLevels (DORA 2024 clusters)', () => {
  const none: Parameters<typeof doraLevels>[0] = {
    deploymentsPerDay: null,
    leadTimeDays: null,
    changeFailureRate: null,
    recoveryMinutes: null,
  };
  it.each<
    [
      string,
      Partial<typeof none>,
      Exclude<keyof ReturnType<typeof doraLevels>, 'reportYear'>,
      DoraLevel | null,
    ]
  >([
    ['no figure, no level', {}, 'deploymentFrequency', null],
    [
      'several deploys a day is elite',
      { deploymentsPerDay: 3 },
      'deploymentFrequency',
      'elite',
    ],
    [
      'once a day is high',
      { deploymentsPerDay: 1 },
      'deploymentFrequency',
      'high',
    ],
    [
      'twice a week is high',
      { deploymentsPerDay: 2 / 7 },
      'deploymentFrequency',
      'high',
    ],
    [
      'once a fortnight is medium',
      { deploymentsPerDay: 1 / 14 },
      'deploymentFrequency',
      'medium',
    ],
    [
      'once a quarter is low',
      { deploymentsPerDay: 1 / 91 },
      'deploymentFrequency',
      'low',
    ],
    [
      'a lead time of hours is elite',
      { leadTimeDays: 0.2 },
      'leadTime',
      'elite',
    ],
    ['three days is high', { leadTimeDays: 3 }, 'leadTime', 'high'],
    ['two weeks is medium', { leadTimeDays: 14 }, 'leadTime', 'medium'],
    ['two months is low', { leadTimeDays: 60 }, 'leadTime', 'low'],
    [
      '4% failed is elite',
      { changeFailureRate: 0.04 },
      'changeFailureRate',
      'elite',
    ],
    [
      '9% failed is nearest medium’s 10%',
      { changeFailureRate: 0.09 },
      'changeFailureRate',
      'medium',
    ],
    [
      '18% failed is nearest high’s 20%',
      { changeFailureRate: 0.18 },
      'changeFailureRate',
      'high',
    ],
    [
      '50% failed is low',
      { changeFailureRate: 0.5 },
      'changeFailureRate',
      'low',
    ],
    [
      'recovery in 20 minutes is elite',
      { recoveryMinutes: 20 },
      'failedDeploymentRecovery',
      'elite',
    ],
    [
      'in 5 hours is high',
      { recoveryMinutes: 300 },
      'failedDeploymentRecovery',
      'high',
    ],
    [
      'in 3 days is medium',
      { recoveryMinutes: 3 * 1440 },
      'failedDeploymentRecovery',
      'medium',
    ],
    [
      'in 2 weeks is low',
      { recoveryMinutes: 14 * 1440 },
      'failedDeploymentRecovery',
      'low',
    ],
  ])('%s', (_name, figures, metric, level) => {
    const levels = doraLevels({ ...none, ...figures });
    expect(levels[metric]).toBe(level);
    expect(levels.reportYear).toBe(2024);
  });
});
