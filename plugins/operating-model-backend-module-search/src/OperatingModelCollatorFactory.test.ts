import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { TestPipeline } from '@backstage/plugin-search-backend-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import type {
  Directory,
  DirectoryService,
  DirectoryServicesPage,
} from '@operating-model/backstage-plugin-operating-model-common';
import {
  OperatingModelCollatorFactory,
  OperatingModelServiceDocument,
  serviceDocumentText,
} from './OperatingModelCollatorFactory';
import { searchModuleOperatingModelCollator } from './module';

function service(overrides: Partial<DirectoryService> = {}): DirectoryService {
  return {
    ref: 'component:default/payments',
    title: 'Payments',
    owner: 'group:default/payments-team',
    ownerTitle: 'Payments team',
    domain: 'domain:default/checkout',
    domainTitle: 'Checkout',
    system: null,
    systemTitle: null,
    model: { recommended: 'you-build-it-you-run-it', declared: null },
    availabilityTarget: 99.9,
    deploymentTarget: 'weekly',
    outOfHours: 'team',
    onCall: {
      period: 'working-hours',
      schedule: 'team',
      person: {
        ref: 'user:default/priya',
        title: 'Priya Patel',
        email: 'priya@example.com',
      },
      rota: 'group:default/payments-team',
      shiftEnd: '2026-11-09T09:00:00.000Z',
      periodEnd: '2026-11-04T22:30:00.000Z',
      timezone: 'America/New_York',
      next: null,
    },
    links: {},
    problems: 0,
    ownership: [],
    measures: {
      deploymentFrequency: {
        per30Days: null,
        target: 'weekly',
        status: 'no-data',
      },
      availability: { ratio: null, target: 99.9, status: 'no-data' },
    },
    ...overrides,
  };
}

const directory: Directory = {
  catalogReadAt: '2026-11-04T11:59:00.000Z',
  onCallAt: '2026-11-04T22:00:00.000Z',
  measuresWindow: null,
  teams: [],
  domains: [],
  services: [
    service(),
    service({
      ref: 'component:default/refunds',
      title: 'Refunds',
      model: { recommended: 'you-build-it-you-run-it', declared: 'ops-run-it' },
      availabilityTarget: 99,
      deploymentTarget: 'fortnightly',
      onCall: {
        period: 'out-of-hours',
        schedule: 'domain',
        person: { ref: 'user:default/dan', title: 'Dan Brown', email: null },
        rota: 'domain:default/checkout',
        shiftEnd: '2026-11-05T09:00:00.000Z',
        periodEnd: '2026-11-05T09:00:00.000Z',
        timezone: 'Europe/London',
        next: null,
      },
    }),
    service({
      ref: 'component:ops/ledger',
      title: 'Ledger',
      owner: null,
      ownerTitle: null,
      domain: null,
      domainTitle: null,
      model: { recommended: null, declared: null },
      availabilityTarget: null,
      deploymentTarget: null,
      onCall: {
        period: 'out-of-hours',
        schedule: 'none',
        person: null,
        rota: null,
        shiftEnd: null,
        periodEnd: '2026-11-05T09:00:00.000Z',
        timezone: 'Europe/London',
        next: {
          person: { ref: 'user:default/zoe', title: 'Zoe', email: null },
          at: '2026-11-05T09:00:00.000Z',
        },
      },
    }),
  ],
};

/** The backend's pages of the directory's services, `size` rows a page. */
function pages(size: number) {
  return (url: string) => {
    const offset = Number(new URL(url).searchParams.get('offset'));
    const body: DirectoryServicesPage = {
      catalogReadAt: directory.catalogReadAt,
      onCallAt: directory.onCallAt,
      measuresWindow: null,
      total: directory.services.length,
      matched: directory.services.length,
      itemCount: directory.services.length,
      offset,
      items: directory.services
        .slice(offset, offset + size)
        .map(s => ({ kind: 'service', key: s.ref, service: s })),
      availabilityTargets: [],
    };
    return new Response(JSON.stringify(body), { status: 200 });
  };
}

function setUp(response: (url: string) => Response) {
  const fetch = jest.fn(async (url: string, _init?: RequestInit) =>
    response(url),
  );
  const auth = mockServices.auth();
  const discovery = {
    getBaseUrl: jest.fn(async () => 'http://backend.test/api/operating-model'),
    getExternalBaseUrl: jest.fn(),
  };
  const factory = new OperatingModelCollatorFactory({
    discovery,
    auth,
    logger: mockServices.logger.mock(),
    fetch: fetch as unknown as typeof globalThis.fetch,
  });
  return { factory, fetch, discovery };
}

describe('OperatingModelCollatorFactory', () => {
  it('makes one document per service, answering who owns it and who is on call', async () => {
    const { factory, fetch, discovery } = setUp(pages(2));
    expect(factory.type).toBe('operating-model-service');
    const { documents } = await TestPipeline.fromCollator(
      await factory.getCollator(),
    ).execute();

    expect(discovery.getBaseUrl).toHaveBeenCalledWith('operating-model');
    // A page at a time, until the list ends.
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      'http://backend.test/api/operating-model/directory/services?offset=0&limit=500',
      'http://backend.test/api/operating-model/directory/services?offset=2&limit=500',
    ]);
    const [, init] = fetch.mock.calls[0];
    // A plugin-to-plugin token, issued to this module for the operating-model plugin.
    expect((init!.headers as Record<string, string>).Authorization).toMatch(
      /^Bearer .*operating-model/,
    );

    expect(documents as OperatingModelServiceDocument[]).toEqual([
      {
        title: 'Payments',
        text:
          'Owned by Payments team. On call at Wed 4 Nov, 22:00 UTC (Wed 4 Nov, 17:00 New York time) — ' +
          'Priya Patel: working hours, Payments team rota, until Wed 4 Nov, 22:30 UTC (Wed 4 Nov, 17:30 New York time). ' +
          'You Build It You Run It, 99.9% availability target, deploys weekly. Domain Checkout.',
        location: '/catalog/default/component/payments',
        entityRef: 'component:default/payments',
        owner: 'group:default/payments-team',
        ownerTitle: 'Payments team',
        onCall: 'Priya Patel',
        onCallRef: 'user:default/priya',
        domain: 'Checkout',
      },
      expect.objectContaining({
        title: 'Refunds',
        text:
          'Owned by Payments team. On call at Wed 4 Nov, 22:00 UTC — ' +
          'Dan Brown: out of hours, Checkout domain rota, until Thu 5 Nov, 09:00 UTC. ' +
          'Ops Run It, 99.0% availability target, deploys fortnightly. Domain Checkout.',
        onCall: 'Dan Brown',
      }),
      expect.objectContaining({
        title: 'Ledger',
        location: '/catalog/ops/component/ledger',
        text:
          'No owner. On call at Wed 4 Nov, 22:00 UTC — ' +
          'Nobody: out of hours, no out-of-hours rota, until Thu 5 Nov, 09:00 UTC; then Zoe, team rota. ' +
          'operating model not known, no availability target, no deployment target. No domain.',
        owner: '',
        onCall: '',
      }),
    ]);
  });

  it('fails the run, naming the status, when the directory cannot be read', async () => {
    const { factory } = setUp(
      () =>
        new Response(
          JSON.stringify({
            error: { name: 'ServiceUnavailableError', message: 'not read yet' },
          }),
          {
            status: 503,
            statusText: 'Service Unavailable',
            headers: { 'Content-Type': 'application/json' },
          },
        ),
    );
    const result = await TestPipeline.fromCollator(
      await factory.getCollator(),
    ).execute();
    expect(result.documents).toEqual([]);
    expect(String(result.error)).toMatch(/503 Service Unavailable/);
  });

  it('says when nobody on the rota is on call, and when it is not worked out yet', () => {
    expect(
      serviceDocumentText(
        service({
          onCall: {
            period: 'working-hours',
            schedule: 'team',
            person: null,
            rota: null,
            shiftEnd: null,
            periodEnd: '2026-11-04T17:30:00.000Z',
            timezone: 'Europe/London',
            next: null,
          },
        }),
        '2026-11-04T12:00:00.000Z',
      ),
    ).toContain(
      'On call at Wed 4 Nov, 12:00 UTC — Nobody: working hours, Payments team rota.',
    );
    expect(serviceDocumentText(service({ onCall: null }), null)).toContain(
      'On call now: not worked out yet.',
    );
  });
});

describe('searchModuleOperatingModelCollator', () => {
  it('registers the collator with the search plugin on a schedule', async () => {
    const addCollator = jest.fn();
    await startTestBackend({
      extensionPoints: [
        [
          searchIndexRegistryExtensionPoint,
          { addCollator, addDecorator: jest.fn() },
        ],
      ],
      features: [searchModuleOperatingModelCollator],
    });
    expect(addCollator).toHaveBeenCalledTimes(1);
    const [{ factory, schedule }] = addCollator.mock.calls[0];
    expect(factory).toBeInstanceOf(OperatingModelCollatorFactory);
    expect(factory.type).toBe('operating-model-service');
    expect(typeof schedule.run).toBe('function');
  });
});
