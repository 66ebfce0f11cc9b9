import type { Directory, DirectoryService, DirectoryTeam } from './directory';
import {
  DirectoryFilters,
  NO_DIRECTORY_FILTERS,
  buildDirectoryIndex,
  filterDirectoryServices,
  groupDirectoryServices,
  selectDirectoryItems,
  selectDirectoryItemsSteps,
} from './directorySearch';

function row(overrides: Partial<DirectoryService>): DirectoryService {
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
      person: { ref: 'user:default/alice', title: 'Alice Smith', email: null },
      rota: 'group:default/bedroom-team',
      shiftEnd: '2026-11-09T09:00:00.000Z',
      periodEnd: '2026-11-04T17:30:00.000Z',
      timezone: 'Europe/London',
      next: null,
    },
    links: {},
    problems: 0,
    ownership: [],
    measures: {
      deploymentFrequency: { per30Days: 31, target: 'daily', status: 'met' },
      availability: { ratio: 0.99, target: 99, status: 'met' },
    },
    ...overrides,
  };
}

function team(name: string, title: string, people: string[]): DirectoryTeam {
  return {
    ref: `group:default/${name}`,
    title,
    type: 'team',
    people: people.map(p => ({
      ref: `user:default/${p.split(' ')[0].toLowerCase()}`,
      title: p,
      email: `${p.split(' ')[0].toLowerCase()}@example.com`,
    })),
    domains: [],
    services: [],
  };
}

const priya = {
  ...row({}).onCall!,
  person: { ref: 'user:default/priya', title: 'Priya Patel', email: null },
};

/** Five services of three teams and a person, in two domains; deliberately not in title order. */
const directory: Pick<Directory, 'services' | 'teams' | 'domains'> = {
  teams: [
    team('bedroom-team', 'Bedroom team', ['Alice Smith', 'Bob Jones']),
    team('kitchen-team', 'Kitchen team', ['Dan Brown', 'Erin Green']),
    team('payments-team', 'Payments team', ['Priya Patel']),
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
    row({
      ref: 'component:default/refunds',
      title: 'Refunds',
      owner: 'group:default/payments-team',
      ownerTitle: 'Payments team',
      domain: 'domain:default/checkout',
      domainTitle: 'Checkout',
      model: { recommended: 'you-build-it-you-run-it', declared: 'ops-run-it' },
      onCall: priya,
      problems: 1,
    }),
    row({}),
    row({
      ref: 'component:default/kitchen-planner',
      title: 'Kitchen planner',
      owner: 'group:default/kitchen-team',
      ownerTitle: 'Kitchen team',
      availabilityTarget: 95,
      outOfHours: 'none',
      onCall: null,
    }),
    row({
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
      onCall: priya,
    }),
    row({
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
      onCall: null,
      ownership: [
        {
          code: 'owner-is-a-person',
          subject: 'user:default/zoe',
          message: 'Owned by a person',
        },
      ],
    }),
  ],
};

const index = buildDirectoryIndex(directory);
const titles = (filters: Partial<DirectoryFilters>) =>
  filterDirectoryServices(index, { ...NO_DIRECTORY_FILTERS, ...filters }).map(
    s => s.title,
  );

describe('filterDirectoryServices', () => {
  it.each([
    [
      'nothing, in title order',
      {},
      ['Bedroom shop', 'Kitchen planner', 'Legacy ERP', 'Payments', 'Refunds'],
    ],
    [
      'a service name, in any case',
      { query: 'KITCHEN PL' },
      ['Kitchen planner'],
    ],
    [
      'a name that is also the owning team’s',
      { query: 'paym' },
      ['Payments', 'Refunds'],
    ],
    ['a team name', { query: 'payments team' }, ['Payments', 'Refunds']],
    ['a domain name', { query: 'checkout' }, ['Payments', 'Refunds']],
    [
      'a system name',
      { query: 'room shops' },
      ['Bedroom shop', 'Kitchen planner', 'Refunds'],
    ],
    ['the person on call', { query: 'priya' }, ['Payments', 'Refunds']],
    ['a person in the owning team', { query: 'erin' }, ['Kitchen planner']],
    ['a person’s email', { query: 'bob@example' }, ['Bedroom shop']],
    [
      'words that match different things',
      { query: 'alice bedroom' },
      ['Bedroom shop'],
    ],
    ['words that match nothing together', { query: 'priya bedroom' }, []],
    ['the entity name', { query: 'legacy-erp' }, ['Legacy ERP']],
    [
      'a domain',
      { domain: 'domain:default/furnishing' },
      ['Bedroom shop', 'Kitchen planner'],
    ],
    [
      'a domain in another case',
      { domain: 'Domain:default/Furnishing' },
      ['Bedroom shop', 'Kitchen planner'],
    ],
    [
      'a team',
      { team: 'group:default/payments-team' },
      ['Payments', 'Refunds'],
    ],
    [
      'a model, declared over recommended',
      { model: 'ops-run-it' },
      ['Legacy ERP', 'Refunds'],
    ],
    ['an availability target', { availabilityTarget: 99.9 }, ['Payments']],
    ['no availability target', { availabilityTarget: 'none' }, ['Legacy ERP']],
    ['out-of-hours level none', { outOfHours: 'none' }, ['Kitchen planner']],
    ['out-of-hours level not known', { outOfHours: 'unknown' }, ['Legacy ERP']],
    [
      'has problems (annotations or ownership)',
      { hasProblems: true },
      ['Legacy ERP', 'Refunds'],
    ],
    [
      'a filter and a query together',
      { team: 'group:default/payments-team', query: 'refu' },
      ['Refunds'],
    ],
  ] as Array<[string, Partial<DirectoryFilters>, string[]]>)(
    'by %s',
    (_, filters, expected) => {
      expect(titles(filters)).toEqual(expected);
    },
  );
});

describe('groupDirectoryServices', () => {
  const all = filterDirectoryServices(index, NO_DIRECTORY_FILTERS);
  const outline = (items: ReturnType<typeof groupDirectoryServices>) =>
    items.map(i => (i.kind === 'service' ? `  ${i.service.title}` : i.title));

  it('lists services without headings when not grouped', () => {
    expect(
      groupDirectoryServices(index, all, 'none').every(
        i => i.kind === 'service',
      ),
    ).toBe(true);
  });

  it('puts each team’s services under a heading with the team’s people, an owner that is no team by its title', () => {
    const items = groupDirectoryServices(index, all, 'team');
    expect(outline(items)).toEqual([
      'Bedroom team',
      '  Bedroom shop',
      'Kitchen team',
      '  Kitchen planner',
      'Payments team',
      '  Payments',
      '  Refunds',
      'Zoe',
      '  Legacy ERP',
    ]);
    const payments = items[4];
    expect(
      payments.kind === 'team' && payments.team?.people.map(p => p.title),
    ).toEqual(['Priya Patel']);
    expect(payments.kind === 'team' && payments.count).toBe(2);
  });

  it('puts each domain’s services under a heading with its teams, those without a domain last', () => {
    const items = groupDirectoryServices(index, all, 'domain');
    expect(outline(items)).toEqual([
      'Checkout',
      '  Payments',
      '  Refunds',
      'Furnishing',
      '  Bedroom shop',
      '  Kitchen planner',
      'No domain',
      '  Legacy ERP',
    ]);
    const furnishing = items[3];
    expect(
      furnishing.kind === 'domain' && furnishing.teams.map(t => t.title),
    ).toEqual(['Bedroom team', 'Kitchen team']);
  });

  it('keeps the headings’ order when a filter leaves only some groups', () => {
    const some = filterDirectoryServices(index, {
      ...NO_DIRECTORY_FILTERS,
      query: 'o',
      outOfHours: 'unknown',
    });
    expect(outline(groupDirectoryServices(index, some, 'domain'))).toEqual([
      'No domain',
      '  Legacy ERP',
    ]);
  });
});

describe('selectDirectoryItems', () => {
  it.each([
    ['none', 3, 3],
    ['team', 3, 6],
    ['domain', 3, 5],
  ] as const)(
    'grouped by %s, counts the services matched and the rows with headings',
    (groupBy, matched, rows) => {
      const selected = selectDirectoryItems(
        index,
        { ...NO_DIRECTORY_FILTERS, query: 'room shops' },
        groupBy,
      );
      expect(selected.matched).toBe(matched);
      expect(selected.items).toHaveLength(rows);
    },
  );

  it.each(['none', 'team', 'domain'] as const)(
    'gives the same rows in steps grouped by %s, yielding for a large directory',
    groupBy => {
      // Five thousand copies of the directory's services, in teams and domains of their own.
      const large = buildDirectoryIndex({
        ...directory,
        services: Array.from({ length: 5_000 }, (_, i) =>
          directory.services.map(s => ({
            ...s,
            ref: `${s.ref}-${i}`,
            owner: s.owner && `${s.owner}-${i % 300}`,
            domain: s.domain && `${s.domain}-${i % 40}`,
          })),
        ).flat(),
      });
      const filters = { ...NO_DIRECTORY_FILTERS, query: 'room' };
      const steps = selectDirectoryItemsSteps(large, filters, groupBy);
      let yields = 0;
      let next = steps.next();
      for (; !next.done; next = steps.next()) yields++;
      expect(yields).toBeGreaterThan(3);
      expect(next.value).toEqual(selectDirectoryItems(large, filters, groupBy));
      expect(next.value.matched).toBeGreaterThan(5_000);
    },
  );

  it('offers the availability targets the services have, ascending', () => {
    expect(index.availabilityTargets).toEqual([95, 99, 99.9]);
  });
});
