import { readOperatingModelConfigFromObject } from './config';
import {
  lowExposureLowDemandWarning,
  onCallLevelFor,
  recommendedOperatingModel,
  trafficLightFor,
  trafficLightReason,
} from './model';

const config = readOperatingModelConfigFromObject({});
const [low, medium, high] = config.availabilityBands;

describe('recommendedOperatingModel', () => {
  it.each([
    [95.0, 'digital-service', 'you-build-it-you-run-it'],
    [99.0, 'digital-service', 'you-build-it-you-run-it'],
    [99.9, 'digital-service', 'you-build-it-you-run-it'],
    [99.99, 'digital-service', 'you-build-it-you-run-it'],
    [95.0, 'foundational-system', 'ops-run-it'],
    [99.0, 'foundational-system', 'ops-run-it'],
    [99.9, 'foundational-system', 'ops-run-it'],
    [99.98, 'foundational-system', 'ops-run-it'],
    [99.99, 'foundational-system', 'you-build-it-you-run-it'],
    [99.999, 'foundational-system', 'you-build-it-you-run-it'],
    [null, 'digital-service', 'you-build-it-you-run-it'],
    [null, 'foundational-system', null],
    [99.99, null, 'you-build-it-you-run-it'],
    [99.9, null, null],
  ] as const)('%p%% %p → %p', (target, serviceClass, model) => {
    expect(recommendedOperatingModel(target, serviceClass)).toBe(model);
  });
});

describe('trafficLightFor', () => {
  const frequencies = {
    ...config.deploymentFrequencies,
    quarterly: 1 / 3,
    'twice-a-week': 30 / 3.5,
    'ten-days': 3,
  };

  it.each([
    ['daily', 95.0, 'green', null],
    ['weekly', 99.0, 'green', null],
    ['twice-a-week', 99.0, 'green', null],
    ['fortnightly', 99.9, 'red', null],
    ['monthly', 99.99, 'red', null],
    ['quarterly', 95.0, 'red', null],
    ['ten-days', 99.9, 'amber', 'you-build-it-you-run-it'],
    ['ten-days', 99.99, 'amber', 'you-build-it-you-run-it'],
    ['ten-days', 99.0, 'amber', 'ops-run-it'],
    ['ten-days', 95.0, 'amber', 'ops-run-it'],
    ['ten-days', 99.5, 'amber', null],
    ['ten-days', null, 'amber', null],
  ] as const)('%s at %p%% is %s', (target, availability, light, leaning) => {
    expect(trafficLightFor(availability, target, frequencies)).toEqual({
      light,
      leaning,
    });
  });

  it('has no light for an unknown frequency', () => {
    expect(trafficLightFor(99.0, 'hourly', frequencies)).toBeNull();
  });
});

describe('onCallLevelFor', () => {
  it.each([
    ['you-build-it-you-run-it', low, 'none'],
    ['you-build-it-you-run-it', medium, 'domain'],
    ['you-build-it-you-run-it', high, 'team'],
    ['you-build-it-you-run-it', null, null],
    // The owning operations group's own schedule, whatever the band says.
    ['ops-run-it', low, 'team'],
    ['ops-run-it', medium, 'team'],
    ['ops-run-it', null, 'team'],
  ] as const)(
    '%s in the %j band is covered out of hours by %p',
    (model, band, outOfHours) => {
      expect(onCallLevelFor(model, band)).toEqual({
        workingHours: 'team',
        outOfHours,
      });
    },
  );
});

describe('lowExposureLowDemandWarning', () => {
  const withQuarterly = {
    ...config,
    deploymentFrequencies: {
      ...config.deploymentFrequencies,
      quarterly: 1 / 3,
    },
  };

  it.each([
    ['digital-service', low, 'monthly', true],
    ['digital-service', low, 'quarterly', true],
    ['digital-service', { ...low }, 'monthly', true],
    ['digital-service', low, 'fortnightly', false],
    ['digital-service', medium, 'monthly', false],
    ['foundational-system', low, 'monthly', false],
    ['digital-service', null, 'monthly', false],
    ['digital-service', low, null, false],
    [null, low, 'monthly', false],
  ] as const)(
    '%p in %j deploying %p warns: %p',
    (serviceClass, band, target, warns) => {
      const warning = lowExposureLowDemandWarning(
        serviceClass,
        band,
        target,
        withQuarterly,
      );
      expect(warning?.code ?? null).toBe(
        warns ? 'low-exposure-low-demand' : null,
      );
    },
  );

  it('says what is low', () => {
    expect(
      lowExposureLowDemandWarning('digital-service', low, 'monthly', config)
        ?.message,
    ).toContain('up to £7K an hour');
  });
});

describe('trafficLightReason', () => {
  it.each([
    [
      {
        light: 'green',
        leaning: null,
        deploymentTarget: 'daily',
        availabilityTarget: 99.9,
      },
      'Its deployment target is daily: weekly or more often is ready for You Build It You Run It.',
    ],
    [
      {
        light: 'red',
        leaning: null,
        deploymentTarget: 'monthly',
        availabilityTarget: 99.0,
      },
      'Its deployment target is monthly: fortnightly or less often stays with Ops Run It until it deploys more often.',
    ],
    [
      {
        light: 'amber',
        leaning: 'you-build-it-you-run-it',
        deploymentTarget: 'every-ten-days',
        availabilityTarget: 99.95,
      },
      'Its deployment target is every ten days, between weekly and fortnightly, and its 99.95% availability target (99.9% or more) leans towards You Build It You Run It.',
    ],
    [
      {
        light: 'amber',
        leaning: 'ops-run-it',
        deploymentTarget: 'every-ten-days',
        availabilityTarget: 95,
      },
      'Its deployment target is every ten days, between weekly and fortnightly, and its 95.0% availability target (99.0% or less) leans towards Ops Run It.',
    ],
    [
      {
        light: 'amber',
        leaning: null,
        deploymentTarget: 'every-ten-days',
        availabilityTarget: 99.5,
      },
      'Its deployment target is every ten days, between weekly and fortnightly, and its 99.5% availability target, between 99.0% and 99.9%, leans neither way.',
    ],
    [
      {
        light: 'amber',
        leaning: null,
        deploymentTarget: 'every-ten-days',
        availabilityTarget: null,
      },
      'Its deployment target is every ten days, between weekly and fortnightly, and it has no availability target to lean either way.',
    ],
    [
      {
        light: null,
        leaning: null,
        deploymentTarget: 'daily',
        availabilityTarget: 99,
      },
      null,
    ],
  ] as const)('%p', (input, expected) => {
    expect(trafficLightReason(input)).toBe(expected);
  });
});
