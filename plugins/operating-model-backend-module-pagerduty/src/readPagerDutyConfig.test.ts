import { mockServices } from '@backstage/backend-test-utils';
import { readPagerDutyConfig } from './readPagerDutyConfig';

const read = (pagerduty: unknown) =>
  readPagerDutyConfig(
    mockServices.rootConfig({
      data:
        pagerduty === undefined
          ? {}
          : { operatingModel: { sources: { pagerduty } } },
    }),
  );

describe('readPagerDutyConfig', () => {
  it.each([
    [undefined, 'operatingModel.sources.pagerduty is not configured'],
    [{}, 'operatingModel.sources.pagerduty.token is not set'],
    [{ token: '  ' }, 'operatingModel.sources.pagerduty.token is not set'],
  ])('is off for %j: %s', (pagerduty, reason) => {
    expect(read(pagerduty)).toEqual({
      off: `PagerDuty incidents are off: ${reason}`,
    });
  });

  it.each([
    [
      { token: 't' },
      {
        baseUrl: 'https://api.pagerduty.com',
        token: 't',
        initialWindowDays: 365,
      },
    ],
    [
      { token: 't', baseUrl: 'http://localhost:7210/', initialWindowDays: 30 },
      { baseUrl: 'http://localhost:7210', token: 't', initialWindowDays: 30 },
    ],
  ])('reads %j', (pagerduty, expected) => {
    expect(read(pagerduty)).toEqual(expected);
  });

  it.each([
    [
      { token: 't', baseUrl: 'api.pagerduty.com' },
      /pagerduty\.baseUrl: expected an http or https address/,
    ],
    [{ token: 't', baseUrl: 'ftp://api.pagerduty.com' }, /pagerduty\.baseUrl/],
    [
      { token: 't', initialWindowDays: 1.5 },
      /pagerduty\.initialWindowDays: expected a whole number/,
    ],
    [{ token: 't', initialWindowDays: 4000 }, /got 4000/],
  ])('refuses %j, naming the key', (pagerduty, message) => {
    expect(() => read(pagerduty)).toThrow(message);
  });
});
