import {
  Directory,
  DirectoryFacets,
  DirectoryQuery,
  DirectoryService,
  DirectoryServicesPage,
  DirectoryTeam,
  NO_DIRECTORY_FILTERS,
  buildDirectoryIndex,
  selectDirectoryItems,
} from '@operating-model/backstage-plugin-operating-model-common';

/**
 * The directory's API methods answering from a directory as the backend does: with the same
 * search, filters and grouping functions, a page at a time.
 */
export function directoryApi(directory: Directory) {
  const index = buildDirectoryIndex(directory);
  return {
    queryDirectory: jest.fn(
      async (q: DirectoryQuery): Promise<DirectoryServicesPage> => {
        const { groupBy, offset = 0, limit = 100, ...filters } = q;
        const selected = selectDirectoryItems(
          index,
          { ...NO_DIRECTORY_FILTERS, ...filters },
          groupBy ?? 'none',
        );
        return {
          catalogReadAt: directory.catalogReadAt,
          onCallAt: directory.onCallAt,
          measuresWindow: directory.measuresWindow,
          total: directory.services.length,
          matched: selected.matched,
          itemCount: selected.items.length,
          offset,
          items: selected.items.slice(offset, offset + limit),
          availabilityTargets: index.availabilityTargets,
        };
      },
    ),
    getDirectoryFacets: jest.fn(
      async (): Promise<DirectoryFacets> => ({
        teams: directory.teams.map(t => ({ ref: t.ref, title: t.title })),
        domains: directory.domains.map(d => ({ ref: d.ref, title: d.title })),
      }),
    ),
  };
}

/** A directory row with overrides for the case at hand. */
export function directoryService(
  overrides: Partial<DirectoryService> = {},
): DirectoryService {
  return {
    ref: 'component:default/bedroom',
    title: 'Bedroom shop',
    owner: 'group:default/bedroom-team',
    ownerTitle: 'Bedroom team',
    domain: 'domain:default/furnishing',
    domainTitle: 'Furnishing',
    system: 'system:default/room-shops',
    systemTitle: 'Room shops',
    model: { recommended: 'you-build-it-you-run-it', declared: null },
    availabilityTarget: 99,
    deploymentTarget: 'daily',
    outOfHours: 'domain',
    onCall: {
      period: 'working-hours',
      schedule: 'team',
      person: {
        ref: 'user:default/alice',
        title: 'Alice Smith',
        email: 'alice@example.com',
      },
      rota: 'group:default/bedroom-team',
      shiftEnd: '2026-11-09T09:00:00.000Z',
      periodEnd: '2026-11-04T17:30:00.000Z',
      timezone: 'Europe/London',
      next: null,
    },
    links: {
      runbook: 'https://wiki.example/runbooks/bedroom',
      incidentChannel: 'https://chat.example/inc-bedroom',
    },
    problems: 0,
    ownership: [],
    measures: {
      deploymentFrequency: { per30Days: 31, target: 'daily', status: 'met' },
      availability: { ratio: 0.9931, target: 99, status: 'met' },
    },
    ...overrides,
  };
}

/** A small organisation: two domains, three teams, five services. */
export function smallDirectory(): Directory {
  const team = (
    name: string,
    title: string,
    people: string[],
    domains: string[],
    services: string[],
  ): DirectoryTeam => ({
    ref: `group:default/${name}`,
    title,
    type: 'team',
    people: people.map(p => ({
      ref: `user:default/${p.toLowerCase().replace(/ /g, '-')}`,
      title: p,
      email: `${p.split(' ')[0].toLowerCase()}@example.com`,
    })),
    domains,
    services: services.map(s => `component:default/${s}`),
  });
  return {
    catalogReadAt: '2026-11-04T11:59:00.000Z',
    onCallAt: '2026-11-04T12:00:00.000Z',
    measuresWindow: {
      from: '2026-10-05T12:00:00.000Z',
      to: '2026-11-04T12:00:00.000Z',
    },
    teams: [
      team(
        'bedroom-team',
        'Bedroom team',
        ['Alice Smith', 'Bob Jones'],
        ['domain:default/furnishing'],
        ['bedroom'],
      ),
      team(
        'kitchen-team',
        'Kitchen team',
        ['Dan Brown', 'Erin Green'],
        ['domain:default/furnishing'],
        ['kitchen-planner'],
      ),
      team(
        'payments-team',
        'Payments team',
        ['Priya Patel'],
        ['domain:default/checkout'],
        ['payments', 'refunds'],
      ),
    ],
    domains: [
      {
        ref: 'domain:default/checkout',
        title: 'Checkout',
        teams: ['group:default/payments-team'],
        serviceCount: 2,
      },
      {
        ref: 'domain:default/furnishing',
        title: 'Furnishing',
        teams: ['group:default/bedroom-team', 'group:default/kitchen-team'],
        serviceCount: 2,
      },
    ],
    services: [
      directoryService(),
      directoryService({
        ref: 'component:default/kitchen-planner',
        title: 'Kitchen planner',
        owner: 'group:default/kitchen-team',
        ownerTitle: 'Kitchen team',
        availabilityTarget: 95,
        deploymentTarget: 'fortnightly',
        outOfHours: 'none',
        onCall: {
          period: 'out-of-hours',
          schedule: 'none',
          person: null,
          rota: null,
          shiftEnd: null,
          periodEnd: '2026-11-05T09:00:00.000Z',
          timezone: 'Europe/London',
          next: {
            person: {
              ref: 'user:default/dan-brown',
              title: 'Dan Brown',
              email: null,
            },
            at: '2026-11-05T09:00:00.000Z',
          },
        },
        links: {},
        measures: {
          deploymentFrequency: {
            per30Days: 1,
            target: 'fortnightly',
            status: 'missed',
          },
          availability: { ratio: null, target: 95, status: 'no-data' },
        },
      }),
      directoryService({
        ref: 'component:default/payments',
        title: 'Payments',
        owner: 'group:default/payments-team',
        ownerTitle: 'Payments team',
        domain: 'domain:default/checkout',
        domainTitle: 'Checkout',
        system: null,
        systemTitle: null,
        availabilityTarget: 99.9,
        outOfHours: 'team',
        onCall: {
          period: 'working-hours',
          schedule: 'team',
          person: {
            ref: 'user:default/priya-patel',
            title: 'Priya Patel',
            email: 'priya@example.com',
          },
          rota: 'group:default/payments-team',
          shiftEnd: '2026-11-09T09:00:00.000Z',
          periodEnd: '2026-11-04T17:30:00.000Z',
          timezone: 'Europe/London',
          next: null,
        },
      }),
      directoryService({
        ref: 'component:default/refunds',
        title: 'Refunds',
        owner: 'group:default/payments-team',
        ownerTitle: 'Payments team',
        domain: 'domain:default/checkout',
        domainTitle: 'Checkout',
        model: {
          recommended: 'you-build-it-you-run-it',
          declared: 'ops-run-it',
        },
        problems: 1,
      }),
      directoryService({
        ref: 'component:default/legacy-erp',
        title: 'Legacy ERP',
        owner: 'user:default/zoe',
        ownerTitle: 'Zoe',
        domain: null,
        domainTitle: null,
        system: null,
        systemTitle: null,
        model: { recommended: 'ops-run-it', declared: null },
        availabilityTarget: null,
        outOfHours: null,
        ownership: [
          {
            code: 'owner-is-a-person',
            subject: 'user:default/zoe',
            message:
              'Owned by a person, Zoe, not a team: one on-call product team should own each service',
          },
        ],
      }),
    ],
  };
}

/** A generated organisation of `services` services in teams of five services and eight people. */
export function largeDirectory(services: number): Directory {
  const teams: DirectoryTeam[] = [];
  const rows: DirectoryService[] = [];
  const teamCount = Math.ceil(services / 5);
  for (let t = 0; t < teamCount; t++) {
    const ref = `group:default/team-${t}`;
    const domain = `domain:default/domain-${t % 50}`;
    const people = Array.from({ length: 8 }, (_, p) => ({
      ref: `user:default/person-${t}-${p}`,
      title: `Person ${t}-${p}`,
      email: null,
    }));
    const own: string[] = [];
    for (let s = 0; s < 5 && rows.length < services; s++) {
      const serviceRef = `component:default/service-${t}-${s}`;
      own.push(serviceRef);
      rows.push(
        directoryService({
          ref: serviceRef,
          title: `Service ${String(t).padStart(5, '0')}-${s}`,
          owner: ref,
          ownerTitle: `Team ${t}`,
          domain,
          domainTitle: `Domain ${t % 50}`,
          onCall: { ...directoryService().onCall!, person: people[0] },
        }),
      );
    }
    teams.push({
      ref,
      title: `Team ${t}`,
      type: 'team',
      people,
      domains: [domain],
      services: own,
    });
  }
  return {
    catalogReadAt: '2026-11-04T11:59:00.000Z',
    onCallAt: '2026-11-04T12:00:00.000Z',
    measuresWindow: null,
    teams,
    domains: Array.from({ length: 50 }, (_, d) => ({
      ref: `domain:default/domain-${d}`,
      title: `Domain ${d}`,
      teams: teams.filter((_team, t) => t % 50 === d).map(t => t.ref),
      serviceCount: 0,
    })),
    services: rows,
  };
}
