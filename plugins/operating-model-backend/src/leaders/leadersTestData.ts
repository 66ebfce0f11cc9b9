import { Entity } from '@backstage/catalog-model';

/*
 * A small organisation and two weeks of events for the leaders' views (costs and pitfalls),
 * worked by hand in the route tests. The window is Monday 2026-10-05 to Monday 2026-10-19,
 * Europe/London on summer time (working hours 08:00-16:30 UTC), with no peak event in it.
 */

export const LEADERS_WINDOW = {
  from: '2026-10-05T00:00:00Z',
  to: '2026-10-19T00:00:00Z',
};

export const leadersTestConfig = {
  bandsLastReviewed: '2020-01-01',
  onCall: { budgetHolder: 'head-of-delivery' },
};

/**
 * - furnishing (funded by the bedroom team, Head of Product): bedroom £200K and living-room £240K,
 *   both on the furnishing domain rota, both using the shop-db database;
 * - cooking (funded by operations, Head of Operations): kitchen-planner £150K, on the cooking
 *   domain rota, whose only team (kitchen) has two people;
 * - ecommerce-platform £810K, a foundational system on the operations group's own rota;
 * - checkout £500K (top band, team rota of the payments team);
 * - appointments £6K (no cover out of hours) and gift-list £100K, a domain-level service with
 *   no Domain, which the appointments team covers on a rota of its own.
 */
export function leadersTestEntities(): Entity[] {
  const component = (
    name: string,
    owner: string,
    annotations: Record<string, string>,
    extra: { system?: string; dependsOn?: string[] } = {},
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner,
      ...(extra.system ? { system: extra.system } : {}),
      ...(extra.dependsOn ? { dependsOn: extra.dependsOn } : {}),
    },
    relations: [
      { type: 'ownedBy', targetRef: `group:default/${owner}` },
      ...(extra.system
        ? [{ type: 'partOf', targetRef: `system:default/${extra.system}` }]
        : []),
      ...(extra.dependsOn ?? []).map(d => ({
        type: 'dependsOn',
        targetRef: `resource:default/${d.replace('resource:', '')}`,
      })),
    ],
  });
  const group = (
    name: string,
    displayName: string,
    members: string[],
    annotations: Record<string, string> = {},
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'team', profile: { displayName }, children: [], members },
  });
  const user = (name: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: { displayName: name }, memberOf: [] },
  });
  const domain = (name: string, title: string, funder: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name,
      namespace: 'default',
      title,
      annotations: { 'operating-model.io/on-call-budget-holder': funder },
    },
    spec: { owner: funder },
  });
  const system = (name: string, inDomain: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name, namespace: 'default' },
    spec: { owner: 'bedroom-team', domain: inDomain },
    relations: [{ type: 'partOf', targetRef: `domain:default/${inDomain}` }],
  });
  const exposure = (
    amount: string,
    demand: string,
    more: Record<string, string> = {},
  ) => ({
    'operating-model.io/financial-exposure': amount,
    'operating-model.io/feature-demand': demand,
    ...more,
  });
  return [
    domain('furnishing', 'Furnishing', 'bedroom-team'),
    domain('cooking', 'Cooking', 'group:default/operations'),
    system('room-shops', 'furnishing'),
    system('kitchens', 'cooking'),
    group('bedroom-team', 'Bedroom team', ['alice', 'bob', 'carol'], {
      'operating-model.io/budget-holder': 'head-of-product',
    }),
    group('kitchen-team', 'Kitchen team', ['dan', 'erin']),
    group('operations', 'Operations', ['olga', 'oscar', 'otto'], {
      'operating-model.io/budget-holder': 'head-of-operations',
    }),
    group('appointments-team', 'Appointments team', ['gina', 'hal', 'ivy']),
    group('payments-team', 'Payments team', ['paul', 'pat', 'peg']),
    group('idle-team', 'Idle team', ['ida']),
    ...[
      'alice',
      'bob',
      'carol',
      'dan',
      'erin',
      'olga',
      'oscar',
      'otto',
      'gina',
      'hal',
      'ivy',
      'paul',
      'pat',
      'peg',
      'ida',
    ].map(user),
    component('bedroom', 'bedroom-team', exposure('200K', 'very-high'), {
      system: 'room-shops',
      dependsOn: ['resource:shop-db'],
    }),
    component('living-room', 'bedroom-team', exposure('240K', 'high'), {
      system: 'room-shops',
      dependsOn: ['resource:shop-db'],
    }),
    component('kitchen-planner', 'kitchen-team', exposure('150K', 'medium'), {
      system: 'kitchens',
    }),
    component(
      'ecommerce-platform',
      'operations',
      exposure('810K', 'low', {
        'operating-model.io/service-class': 'foundational-system',
      }),
    ),
    component(
      'checkout',
      'payments-team',
      exposure('500K', 'very-high', {
        'operating-model.io/pre-approved-changes': 'true',
      }),
    ),
    component('appointments', 'appointments-team', exposure('6K', 'high')),
    component('gift-list', 'appointments-team', exposure('100K', 'medium')),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'shop-db', namespace: 'default' },
      spec: { type: 'database', owner: 'bedroom-team' },
      relations: [
        { type: 'dependencyOf', targetRef: 'component:default/bedroom' },
        { type: 'dependencyOf', targetRef: 'component:default/living-room' },
      ],
    },
  ];
}

const incident = (
  id: string,
  service: string,
  startedAt: string,
  restoredAt: string | null,
  financialLoss?: number,
) => ({
  source: 'pagerduty',
  externalId: id,
  services: [service],
  startedAt,
  restoredAt,
  ...(financialLoss === undefined ? {} : { financialLoss }),
});

/** Events of the window, by kind, for `POST /events/{kind}`. */
export const leadersEvents: Array<[string, unknown[]]> = [
  [
    'incidents',
    [
      // Saturday: the furnishing domain rota is called out for two hours; £20K an hour.
      incident(
        'i1',
        'bedroom',
        '2026-10-10T10:00:00Z',
        '2026-10-10T12:00:00Z',
        20_000,
      ),
      // Thursday night: the operations group's own rota, two hours, no loss recorded.
      incident(
        'i2',
        'ecommerce-platform',
        '2026-10-08T23:00:00Z',
        '2026-10-09T01:00:00Z',
      ),
      // Tuesday 21:00 London: the payments rota, one hour at £30K an hour.
      incident(
        'i3',
        'checkout',
        '2026-10-06T20:00:00Z',
        '2026-10-06T21:00:00Z',
        30_000,
      ),
      // Wednesday 11:00 London, working hours: no callout; £20K an hour.
      incident(
        'i4',
        'checkout',
        '2026-10-07T10:00:00Z',
        '2026-10-07T10:30:00Z',
        10_000,
      ),
      // Sunday: the cooking domain rota for half an hour, losing £400K an hour against £150K declared.
      incident(
        'i5',
        'kitchen-planner',
        '2026-10-11T10:00:00Z',
        '2026-10-11T10:30:00Z',
        200_000,
      ),
      // Before the window: not counted.
      incident(
        'i6',
        'checkout',
        '2026-09-26T10:00:00Z',
        '2026-09-26T20:00:00Z',
        1,
      ),
      // Still open: no callout paid yet.
      incident('i7', 'gift-list', '2026-10-17T10:00:00Z', null),
    ],
  ],
  [
    'deployments',
    [
      ...['2026-10-06', '2026-10-13'].map((day, n) => ({
        source: 'github',
        externalId: `bedroom-${n}`,
        service: 'bedroom',
        environment: 'production',
        buildTime: `${day}T09:00:00Z`,
        deployTime: `${day}T10:00:00Z`,
      })),
      ...['2026-10-06', '2026-10-07', '2026-10-08'].map((day, n) => ({
        source: 'github',
        externalId: `checkout-${n}`,
        service: 'checkout',
        environment: 'production',
        buildTime: `${day}T09:00:00Z`,
        deployTime: `${day}T10:00:00Z`,
        standardChange: n === 0,
      })),
    ],
  ],
  [
    'rework',
    [
      {
        source: 'jira',
        externalId: 'r1',
        team: 'bedroom-team',
        week: '2026-10-05',
        hours: 50,
        members: 3,
      },
      {
        source: 'jira',
        externalId: 'r2',
        team: 'kitchen-team',
        week: '2026-10-05',
        hours: 10,
        members: 2,
      },
    ],
  ],
];
