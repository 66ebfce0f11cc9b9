import { mockServices } from '@backstage/backend-test-utils';
import { readGitHubSourceConfig } from './gitHubSourceConfig';

const read = (github: unknown) =>
  readGitHubSourceConfig(
    mockServices.rootConfig({
      data:
        github === undefined
          ? {}
          : ({ operatingModel: { sources: { github } } } as any),
    }),
  );

describe('readGitHubSourceConfig', () => {
  it('is undefined, and the source off, without operatingModel.sources.github', () => {
    expect(read(undefined)).toBeUndefined();
  });

  it('defaults to github.com, the production environment and a year', () => {
    expect(read({})).toEqual({
      host: 'github.com',
      productionEnvironments: ['production'],
      initialWindowDays: 365,
    });
  });

  it('reads the host, the environments and the window', () => {
    expect(
      read({
        host: 'github.example.com',
        productionEnvironments: ['prod-eu', 'prod-us', 'prod-eu'],
        initialWindowDays: 90,
      }),
    ).toEqual({
      host: 'github.example.com',
      productionEnvironments: ['prod-eu', 'prod-us'],
      initialWindowDays: 90,
    });
  });

  it.each([
    [
      { host: 'https://github.com' },
      /^operatingModel\.sources\.github\.host: expected a host name/,
    ],
    [
      { productionEnvironments: [] },
      /^operatingModel\.sources\.github\.productionEnvironments: expected one or more/,
    ],
    [
      { productionEnvironments: [' '] },
      /^operatingModel\.sources\.github\.productionEnvironments/,
    ],
    [
      { initialWindowDays: 0 },
      /^operatingModel\.sources\.github\.initialWindowDays: expected a whole number of days from 1 to 3650; got 0$/,
    ],
    [{ initialWindowDays: 1.5 }, /initialWindowDays/],
  ])('refuses %j, naming the key', (github, message) => {
    expect(() => read(github)).toThrow(message);
  });
});
