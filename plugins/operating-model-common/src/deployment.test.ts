import { readOperatingModelConfigFromObject } from './config';
import {
  DEFAULT_DEPLOYMENT_FREQUENCIES,
  deploymentTargetFor,
  deploymentsPer30Days,
  frequenciesSlowestFirst,
  normaliseFeatureDemand,
} from './deployment';

const config = readOperatingModelConfigFromObject({});

describe('deploymentTargetFor', () => {
  it.each([
    // The furniture retailer's services.
    ['low', 'monthly'],
    ['medium', 'fortnightly'],
    ['high', 'weekly'],
    ['very-high', 'daily'],
    ['Very High', 'daily'],
    [' very_high ', 'daily'],
    ['HIGH', 'weekly'],
    ['huge', null],
    ['', null],
    ['constructor', null],
    ['__proto__', null],
  ])('gives %p demand a %p target', (demand, target) => {
    expect(deploymentTargetFor(demand, config)).toBe(target);
  });

  it('uses configured bands', () => {
    const custom = readOperatingModelConfigFromObject({
      deploymentFrequencies: { quarterly: 1 / 3 },
      featureDemandBands: { dormant: 'quarterly', busy: 'daily' },
    });
    expect(deploymentTargetFor('dormant', custom)).toBe('quarterly');
    expect(deploymentTargetFor('low', custom)).toBeNull();
  });
});

describe('frequencies', () => {
  it('orders them slowest first', () => {
    expect(
      frequenciesSlowestFirst({
        daily: 30,
        quarterly: 1 / 3,
        ...DEFAULT_DEPLOYMENT_FREQUENCIES,
        hourly: 720,
      }),
    ).toEqual([
      'quarterly',
      'monthly',
      'fortnightly',
      'weekly',
      'daily',
      'hourly',
    ]);
  });

  it.each([
    ['monthly', 1],
    ['fortnightly', 30 / 14],
    ['weekly', 30 / 7],
    ['daily', 30],
    ['hourly', null],
    ['toString', null],
  ])('counts %p as %p deployments per 30 days', (name, count) => {
    expect(deploymentsPer30Days(name, DEFAULT_DEPLOYMENT_FREQUENCIES)).toBe(
      count,
    );
  });

  it('normalises demand names', () => {
    expect(normaliseFeatureDemand('  Very   High ')).toBe('very-high');
  });
});
