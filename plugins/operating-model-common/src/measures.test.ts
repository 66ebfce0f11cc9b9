import { DEFAULT_DEPLOYMENT_FREQUENCIES } from './deployment';
import {
  apportionLoss,
  availabilityFigure,
  chaosDaysFigure,
  deploymentFrequency,
  deploymentsInLockstep,
  distributionFigure,
  exposurePerHourInForce,
  financialLossProtection,
  improvementActionIntervalDays,
  improvementActionLeadTimeDays,
  inWindow,
  incidentLossProtection,
  looseCoupling,
  median,
  percentile,
  preApprovedChanges,
  reworkRate,
  timeToAcknowledgeMinutes,
  timeToRestoreMinutes,
  windowDays,
} from './measures';

const minutes = (n: number) => n * 60_000;
const days = (n: number) => n * 86_400_000;

describe('median and percentile', () => {
  it.each([
    [[], null],
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 10, 10, 40], 10],
  ])('takes the median of %p as %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it.each([
    // Linear interpolation between closest ranks: rank (n - 1) × p, counting from 0.
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5, 5.5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0, 1],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1, 10],
    [[5, 1], 0.9, 4.6],
    [[42], 0.9, 42],
  ])('takes the quantile of %p at %p as %p', (values, p, expected) => {
    expect(percentile(values, p)).toBeCloseTo(expected, 10);
  });

  it('has no quantile of no values', () => {
    expect(percentile([], 0.9)).toBeNull();
  });

  it('refuses a fraction outside 0 to 1', () => {
    expect(() => percentile([1], 90)).toThrow('from 0 to 1');
  });

  it.each([
    ['distinct', 1],
    ['with many repeats', 7],
    ['already sorted', 0],
  ])(
    'finds the same ranks as sorting does, on seeded values %s',
    (_name, repeats) => {
      let state = 17;
      const next = () => {
        state = (state * 48271) % 2147483647;
        return state / 2147483647;
      };
      for (const n of [1, 2, 3, 10, 101, 1000, 4097]) {
        const values = Array.from({ length: n }, () =>
          repeats > 0 ? Math.floor(next() * repeats * 3) : next() * 100,
        );
        if (repeats === 0) values.sort((a, b) => a - b);
        const sorted = [...values].sort((a, b) => a - b);
        const byRank = (p: number) => {
          const rank = (n - 1) * p;
          const below = Math.floor(rank);
          const above = Math.ceil(rank);
          return (
            sorted[below] + (rank - below) * (sorted[above] - sorted[below])
          );
        };
        for (const p of [0, 0.1, 0.5, 0.9, 0.99, 1]) {
          expect(percentile(values, p)).toBe(byRank(p));
        }
        expect(distributionFigure(Float64Array.from(values))).toEqual({
          median: byRank(0.5),
          p90: byRank(0.9),
          count: n,
        });
      }
    },
  );

  it('never reorders the values it is given', () => {
    const values = [3, 1, 2];
    distributionFigure(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('windows', () => {
  const window = {
    from: new Date('2026-01-01T00:00:00Z'),
    to: new Date('2026-01-08T00:00:00Z'),
  };
  it.each([
    ['2025-12-31T23:59:59.999Z', false],
    ['2026-01-01T00:00:00Z', true],
    ['2026-01-07T23:59:59.999Z', true],
    ['2026-01-08T00:00:00Z', false],
  ])('puts %s in the window: %p', (instant, expected) => {
    expect(inWindow(Date.parse(instant), window)).toBe(expected);
  });

  it('measures a window in days', () => {
    expect(windowDays(window.from, window.to)).toBe(7);
  });
});

describe('deploymentFrequency', () => {
  const frequencies = DEFAULT_DEPLOYMENT_FREQUENCIES;
  it.each([
    // count, window days, target, per week, per 30 days, target met
    [90, 90, 'daily', 7, 30, true],
    [89, 90, 'daily', (89 / 90) * 7, (89 / 90) * 30, false],
    [13, 90, 'weekly', (13 / 90) * 7, 13 / 3, true],
    [12, 90, 'weekly', (12 / 90) * 7, 4, false],
    [3, 90, 'monthly', (3 / 90) * 7, 1, true],
    [3, 90, null, (3 / 90) * 7, 1, null],
    [3, 90, 'hourly', (3 / 90) * 7, 1, null],
  ])(
    '%p deployments in %p days against %p',
    (count, window, target, perWeek, per30Days, targetMet) => {
      const figure = deploymentFrequency({
        count,
        windowDays: window,
        target,
        frequencies,
      });
      expect(figure.perWeek).toBeCloseTo(perWeek, 10);
      expect(figure.per30Days).toBeCloseTo(per30Days, 10);
      expect(figure).toMatchObject({ target, targetMet, count });
    },
  );

  it('is null, not zero, with no deployments', () => {
    expect(
      deploymentFrequency({
        count: 0,
        windowDays: 90,
        target: 'daily',
        frequencies,
      }),
    ).toEqual({
      perWeek: null,
      per30Days: null,
      target: 'daily',
      targetMet: null,
      count: 0,
    });
  });
});

describe('availabilityFigure', () => {
  it.each([
    [990, 1000, 99.0, 0.99, true],
    [989, 1000, 99.0, 0.989, false],
    [999, 1000, 99.9, 0.999, true],
    [9999, 10000, 99.99, 0.9999, true],
    [1000, 1000, null, 1, null],
  ])('%p good of %p against %p%%', (good, total, target, ratio, targetMet) => {
    expect(availabilityFigure({ good, total, count: 3, target })).toEqual({
      ratio,
      target,
      targetMet,
      count: 3,
    });
  });

  it.each([
    [0, 0, 0],
    [0, 0, 2],
  ])(
    'is null with %p good of %p requests in %p intervals',
    (good, total, count) => {
      expect(availabilityFigure({ good, total, count, target: 99 })).toEqual({
        ratio: null,
        target: 99,
        targetMet: null,
        count,
      });
    },
  );
});

describe('deploymentsInLockstep, looseCoupling and preApprovedChanges', () => {
  it.each([
    [
      'a shared release id between two services',
      [
        { id: '1', service: 'a', releaseId: 'r1' },
        { id: '2', service: 'b', releaseId: 'r1' },
        { id: '3', service: 'c', releaseId: 'r2' },
      ],
      ['1', '2'],
    ],
    [
      'a shared change request between two services',
      [
        { id: '1', service: 'a', changeRequestId: 'CHG1' },
        { id: '2', service: 'b', changeRequestId: 'CHG1' },
        { id: '3', service: 'c', changeRequestId: 'CHG2', releaseId: 'r9' },
      ],
      ['1', '2'],
    ],
    [
      'the same service twice under one release',
      [
        { id: '1', service: 'a', releaseId: 'r1' },
        { id: '2', service: 'a', releaseId: 'r1' },
      ],
      [],
    ],
    [
      'no ids at all',
      [
        { id: '1', service: 'a' },
        { id: '2', service: 'b', releaseId: null, changeRequestId: '' },
        { id: '3', service: 'c', releaseId: null, changeRequestId: '' },
      ],
      [],
    ],
    [
      'a release id equal to another deployment’s change request id',
      [
        { id: '1', service: 'a', releaseId: 'X' },
        { id: '2', service: 'b', changeRequestId: 'X' },
      ],
      [],
    ],
  ])('finds lockstep in %s', (_name, deployments, expected) => {
    expect([...deploymentsInLockstep(deployments)].sort()).toEqual(expected);
  });

  it.each([
    [10, 2, 0.8],
    [10, 0, 1],
    [0, 0, null],
  ])(
    '%p deployments, %p in lockstep: loose coupling %p',
    (deployments, inLockstep, ratio) => {
      expect(looseCoupling({ deployments, inLockstep })).toEqual({
        ratio,
        count: deployments,
      });
    },
  );

  it.each([
    [4, 3, 0.75],
    [0, 0, null],
  ])(
    '%p deployments, %p standard changes: %p',
    (deployments, standard, ratio) => {
      expect(preApprovedChanges({ deployments, standard })).toEqual({
        ratio,
        count: deployments,
      });
    },
  );
});

describe('financial loss protection', () => {
  it('works the playbook example: £200K/h, 99.0%, 30 minutes, £100K lost', () => {
    const incident = {
      exposurePerHour: 200_000,
      availabilityTarget: 99.0,
      durationSeconds: 30 * 60,
      recordedLoss: 100_000,
    };
    expect(incidentLossProtection(incident)).toEqual({
      projected: 336_000,
      actual: 100_000,
      protected: 236_000,
    });
    const figure = financialLossProtection([incident]);
    expect(figure).toMatchObject({
      projected: 336_000,
      actual: 100_000,
      protected: 236_000,
      count: 1,
    });
    expect(figure.effectiveness).toBeCloseTo(236 / 336, 12);
    expect(Number(figure.effectiveness!.toFixed(4))).toBe(0.7024);
    expect(Math.round(figure.effectiveness! * 100)).toBe(70);
  });

  it.each([
    // exposure, target, duration minutes, recorded loss, projected, actual, protected
    [
      'loss from exposure × duration',
      200_000,
      99.0,
      30,
      null,
      336_000,
      100_000,
      236_000,
    ],
    [
      'an incident longer than the tolerable unavailability',
      200_000,
      99.0,
      120,
      null,
      336_000,
      400_000,
      0,
    ],
    [
      'a recorded loss above the projection',
      200_000,
      99.0,
      10,
      500_000,
      336_000,
      500_000,
      0,
    ],
    [
      'a 99.9% service',
      800_000,
      99.9,
      5,
      null,
      134_400,
      800_000 / 12,
      134_400 - 800_000 / 12,
    ],
    ['no loss at all', 7_000, 95.0, 0, 0, 58_800, 0, 58_800],
  ])(
    '%s',
    (
      _name,
      exposurePerHour,
      availabilityTarget,
      durationMinutes,
      recordedLoss,
      projected,
      actual,
      prot,
    ) => {
      const part = incidentLossProtection({
        exposurePerHour,
        availabilityTarget,
        durationSeconds: durationMinutes * 60,
        recordedLoss,
      });
      expect(part.projected).toBeCloseTo(projected, 6);
      expect(part.actual).toBeCloseTo(actual, 6);
      expect(part.protected).toBeCloseTo(prot, 6);
    },
  );

  it('sums over incidents and counts an incident that hit two services once', () => {
    const figure = financialLossProtection([
      {
        incident: 'i1',
        exposurePerHour: 200_000,
        availabilityTarget: 99,
        durationSeconds: 1800,
        recordedLoss: 100_000,
      },
      {
        incident: 'i2',
        exposurePerHour: 200_000,
        availabilityTarget: 99,
        durationSeconds: 7200,
      },
      {
        incident: 'i2',
        exposurePerHour: 100_000,
        availabilityTarget: 99,
        durationSeconds: 7200,
      },
    ]);
    // i1: 336K projected, 236K protected; i2: 336K + 168K projected, nothing protected.
    expect(figure.projected).toBeCloseTo(840_000, 6);
    expect(figure.actual).toBeCloseTo(100_000 + 400_000 + 200_000, 6);
    expect(figure.protected).toBeCloseTo(236_000, 6);
    expect(figure.effectiveness).toBeCloseTo(236 / 840, 12);
    expect(figure.count).toBe(2);
  });

  it('is null, not zero, with no incidents', () => {
    expect(financialLossProtection([])).toEqual({
      projected: null,
      actual: null,
      protected: null,
      effectiveness: null,
      count: 0,
    });
  });

  it.each([
    [90_000, [200_000, 100_000], [60_000, 30_000]],
    [90_000, [200_000], [90_000]],
    [90_000, [0, 0, 0], [30_000, 30_000, 30_000]],
  ])('apportions %p over exposures %p as %p', (loss, exposures, expected) => {
    expect(apportionLoss(loss, exposures)).toEqual(expected);
  });

  it.each([
    ['ordinary times', 200_000, 700_000, false, 200_000],
    ['a peak event', 200_000, 700_000, true, 700_000],
    ['a peak event without a peak exposure', 200_000, null, true, 200_000],
    ['a peak exposure below the ordinary one', 200_000, 100_000, true, 200_000],
    ['no exposure', null, null, false, null],
  ])(
    'puts the exposure in force in %s',
    (_name, base, peak, active, expected) => {
      expect(
        exposurePerHourInForce({
          financialExposurePerHour: base,
          peakFinancialExposurePerHour: peak,
          peak: { active, event: { name: 'Black Friday', start: '', end: '' } },
        }),
      ).toBe(expected);
    },
  );
});

describe('time to restore and to acknowledge', () => {
  const incidents = [
    { startedAt: 0, acknowledgedAt: minutes(2), restoredAt: minutes(30) },
    { startedAt: 0, acknowledgedAt: minutes(4), restoredAt: minutes(10) },
    { startedAt: 0, acknowledgedAt: minutes(6), restoredAt: minutes(90) },
    // Still open: acknowledged, not restored.
    { startedAt: 0, acknowledgedAt: minutes(8), restoredAt: null },
    // Never acknowledged (restored by automation).
    { startedAt: 0, acknowledgedAt: null, restoredAt: minutes(20) },
  ];

  it('takes the median and p90 minutes to restore of restored incidents only', () => {
    const figure = timeToRestoreMinutes(incidents);
    expect(figure.count).toBe(4);
    expect(figure.median).toBe(25);
    // Sorted 10, 20, 30, 90: rank 2.7 → 30 + 0.7 × 60.
    expect(figure.p90).toBeCloseTo(72, 10);
  });

  it('takes the median minutes to acknowledge of acknowledged incidents', () => {
    expect(timeToAcknowledgeMinutes(incidents)).toEqual({
      median: 5,
      count: 4,
    });
  });

  it.each([[[]], [[{ startedAt: 0, acknowledgedAt: null, restoredAt: null }]]])(
    'is null with nothing to measure: %p',
    none => {
      expect(timeToRestoreMinutes(none)).toEqual({
        median: null,
        p90: null,
        count: 0,
      });
      expect(timeToAcknowledgeMinutes(none)).toEqual({
        median: null,
        count: 0,
      });
    },
  );
});

describe('learning culture', () => {
  it.each([
    [[], 0, null],
    [['2026-03-01'], 1, null],
    [['2026-03-01', '2026-03-01'], 1, null],
    [['2026-05-30', '2026-03-01', '2026-04-01'], 3, 45],
    [['2026-01-01', '2026-01-11', '2026-01-31', '2026-01-11'], 3, 15],
  ])(
    'counts Chaos Days %p as %p, %p days apart',
    (chaos, count, daysBetween) => {
      expect(chaosDaysFigure(chaos)).toEqual({ count, daysBetween });
    },
  );

  it.each([
    [[], null, 0],
    [[{ definedAt: 0, completedAt: days(3) }], 3, 1],
    [
      [
        { definedAt: 0, completedAt: days(3) },
        { definedAt: days(1), completedAt: days(11) },
        { definedAt: days(2), completedAt: null },
      ],
      6.5,
      2,
    ],
  ])(
    'takes improvement action lead time of %p as %p days',
    (actions, expected, count) => {
      expect(improvementActionLeadTimeDays(actions)).toEqual({
        median: expected,
        count,
      });
    },
  );

  it.each([
    [[], null, 0],
    [[days(5)], null, 1],
    [[days(20), days(5), days(9), days(10)], 4, 4],
  ])(
    'takes the interval between completions %p as %p days',
    (completions, expected, count) => {
      expect(improvementActionIntervalDays(completions)).toEqual({
        median: expected,
        count,
      });
    },
  );
});

describe('reworkRate', () => {
  it.each([
    [
      'team hours given',
      [{ team: 't', week: 1, hours: 15, teamHours: 150 }],
      undefined,
      { ratio: 0.1, count: 1, weeks: 1 },
    ],
    [
      'members given: 4 × 37.5 h',
      [{ team: 't', week: 1, hours: 15, members: 4 }],
      undefined,
      { ratio: 0.1, count: 1, weeks: 1 },
    ],
    [
      'the catalogue size of the team',
      [{ team: 't', week: 1, hours: 30 }],
      () => 4,
      { ratio: 0.2, count: 1, weeks: 1 },
    ],
    [
      'several items in one week',
      [
        { team: 't', week: 1, hours: 10, members: 4 },
        { team: 't', week: 1, hours: 5 },
      ],
      undefined,
      { ratio: 0.1, count: 2, weeks: 1 },
    ],
    [
      'two weeks, weighted by team time',
      [
        { team: 't', week: 1, hours: 15, teamHours: 150 },
        { team: 't', week: 2, hours: 0, teamHours: 50 },
      ],
      undefined,
      { ratio: 15 / 200, count: 2, weeks: 2 },
    ],
    [
      'a team of unknown size',
      [{ team: 't', week: 1, hours: 15 }],
      undefined,
      { ratio: null, count: 0, weeks: 0 },
    ],
    ['no items', [], undefined, { ratio: null, count: 0, weeks: 0 }],
  ])('%s', (_name, items, teamSize, expected) => {
    expect(reworkRate(items, teamSize)).toEqual(expected);
  });
});
