import { TestDatabases } from '@backstage/backend-test-utils';
import operatingModelModulePagerDuty from '.';
import { PagerDutyStandIn } from './__testUtils__/pagerDutyStandIn';
import {
  component,
  sourceConfig,
  startBackend,
} from './__testUtils__/testBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('the PagerDuty module', () => {
  let standIn: PagerDutyStandIn;

  beforeEach(async () => {
    standIn = await PagerDutyStandIn.start({ token: 'read-only-key' });
    standIn.addService('PBED001', 'Bedroom shop');
    standIn.addIncident({
      serviceId: 'PBED001',
      title: 'Checkout is down',
      createdAt: new Date(Date.now() - 86_400_000).toISOString(),
      acknowledgedAt: [new Date(Date.now() - 86_000_000).toISOString()],
      resolvedAt: new Date(Date.now() - 80_000_000).toISOString(),
    });
  });

  afterEach(() => standIn.stop());

  it('lists the source as off without operatingModel.sources.pagerduty, and never calls PagerDuty', async () => {
    const backend = await startBackend({
      databases,
      entities: [component('bedroom', 'PBED001')],
      config: {},
      module: operatingModelModulePagerDuty,
    });
    expect(await backend.sources()).toMatchObject([
      {
        id: 'pagerduty',
        kinds: ['incidents'],
        enabled: false,
        lastRunAt: null,
      },
    ]);
    expect(standIn.requests).toEqual([]);
  });

  it('says the token is missing when the section has none, and never calls PagerDuty', async () => {
    const backend = await startBackend({
      databases,
      entities: [component('bedroom', 'PBED001')],
      config: sourceConfig({ baseUrl: 'http://127.0.0.1:1' }),
      module: operatingModelModulePagerDuty,
    });
    expect(await backend.sources()).toMatchObject([
      {
        id: 'pagerduty',
        enabled: true,
        eventsWritten: 0,
        lastSuccessAt: null,
        lastError:
          'PagerDuty incidents are off: operatingModel.sources.pagerduty.token is not set',
      },
    ]);
    expect(standIn.requests).toEqual([]);
  });

  it('with a token, syncs the annotated Components from PagerDuty, sending the token and the API version', async () => {
    const backend = await startBackend({
      databases,
      entities: [component('bedroom', 'PBED001')],
      config: sourceConfig({
        baseUrl: standIn.url,
        token: 'read-only-key',
        initialWindowDays: 7,
      }),
      module: operatingModelModulePagerDuty,
    });
    expect(await backend.sources()).toMatchObject([
      {
        id: 'pagerduty',
        enabled: true,
        eventsWritten: 1,
        lastError: null,
        mapped: 1,
        unmapped: [],
      },
    ]);
    expect(await backend.incidents()).toMatchObject([
      { title: 'Checkout is down', services: ['component:default/bedroom'] },
    ]);
    expect(standIn.requests.map(r => r.status)).not.toContain(401);
    expect(standIn.requests.map(r => r.path)).toContain('/services/PBED001');
  });

  it('refuses to start with an unreadable setting, naming the key', async () => {
    await expect(
      startBackend({
        databases,
        entities: [],
        config: sourceConfig({ token: 'key', initialWindowDays: 0 }),
        module: operatingModelModulePagerDuty,
      }),
    ).rejects.toThrow(
      /operatingModel\.sources\.pagerduty\.initialWindowDays: expected a whole number of days from 1 to 3650; got 0/,
    );
  });

  it('records a refused token as the source error, not a crash', async () => {
    const backend = await startBackend({
      databases,
      entities: [component('bedroom', 'PBED001')],
      config: sourceConfig({ baseUrl: standIn.url, token: 'wrong' }),
      module: operatingModelModulePagerDuty,
    });
    const [status] = await backend.sources();
    expect(status.lastError).toMatch(
      /^PagerDuty refused the token \(401 Unauthorized: Authentication Failed, code 2006\)/,
    );
    expect(await backend.incidents()).toEqual([]);
  });
});
