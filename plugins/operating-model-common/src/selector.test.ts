import { DEFAULT_DEPLOYMENT_FREQUENCIES } from './deployment';
import { selectorRegionModel } from './selector';

const frequencies = { ...DEFAULT_DEPLOYMENT_FREQUENCIES, 'ten-daily': 3 };

describe('selectorRegionModel', () => {
  it.each`
    availability | deploymentTarget | expected
    ${95.0}      | ${'monthly'}     | ${'ops-run-it'}
    ${99.9}      | ${'monthly'}     | ${'ops-run-it'}
    ${99.0}      | ${'fortnightly'} | ${'ops-run-it'}
    ${95.0}      | ${'weekly'}      | ${'you-build-it-you-run-it'}
    ${99.0}      | ${'daily'}       | ${'you-build-it-you-run-it'}
    ${99.99}     | ${'monthly'}     | ${'you-build-it-you-run-it'}
    ${99.9}      | ${'ten-daily'}   | ${'you-build-it-you-run-it'}
    ${99.0}      | ${'ten-daily'}   | ${'ops-run-it'}
    ${99.5}      | ${'ten-daily'}   | ${null}
    ${99.0}      | ${'hourly'}      | ${null}
  `(
    '$availability% with a $deploymentTarget target is $expected',
    ({ availability, deploymentTarget, expected }) => {
      expect(
        selectorRegionModel(availability, deploymentTarget, frequencies),
      ).toBe(expected);
    },
  );
});
