import { Entity } from '@backstage/catalog-model';

/*
 * A small organisation and four weeks of events whose measures are worked out by hand in
 * MeasuresService.test.ts. The window is 2026-10-01 to 2026-10-29 (28 days), clear of the test
 * config's Black Friday peak.
 */

export const WINDOW = {
  from: '2026-10-01T00:00:00Z',
  to: '2026-10-29T00:00:00Z',
};

/**
 * bedroom (£200K/h → 99.0%, daily) and living-room (£240K/h → 99.0%, weekly) belong to the
 * bedroom team and the furnishing domain; kitchen (£810K/h → 99.9%, monthly) to the kitchen team
 * and the cooking domain. The bedroom team has four members.
 */
export function measuresTestEntities(): Entity[] {
  const component = (
    name: string,
    owner: string,
    annotations: Record<string, string>,
    system?: string,
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner,
      ...(system ? { system } : {}),
    },
    relations: [
      { type: 'ownedBy', targetRef: `group:default/${owner}` },
      ...(system
        ? [{ type: 'partOf', targetRef: `system:default/${system}` }]
        : []),
    ],
  });
  const group = (
    name: string,
    displayName: string,
    members: string[],
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', profile: { displayName }, children: [], members },
  });
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: {
        name: 'furnishing',
        namespace: 'default',
        title: 'Furnishing',
      },
      spec: { owner: 'bedroom-team' },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: { name: 'cooking', namespace: 'default', title: 'Cooking' },
      spec: { owner: 'kitchen-team' },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'room-shops', namespace: 'default' },
      spec: { owner: 'bedroom-team', domain: 'furnishing' },
      relations: [{ type: 'partOf', targetRef: 'domain:default/furnishing' }],
    },
    group('bedroom-team', 'Bedroom team', ['alice', 'bob', 'carol', 'dan']),
    group('kitchen-team', 'Kitchen team', ['erin']),
    component(
      'bedroom',
      'bedroom-team',
      {
        'operating-model.io/financial-exposure': '200K',
        'operating-model.io/feature-demand': 'very-high',
      },
      'room-shops',
    ),
    component(
      'living-room',
      'bedroom-team',
      {
        'operating-model.io/financial-exposure': '240K',
        'operating-model.io/feature-demand': 'high',
      },
      'room-shops',
    ),
    component('kitchen', 'kitchen-team', {
      'operating-model.io/financial-exposure': '810K',
      'operating-model.io/feature-demand': 'low',
      'operating-model.io/domain': 'cooking',
    }),
  ];
}

const deployment = (
  externalId: string,
  service: string,
  buildTime: string,
  deployTime: string,
  extra: Record<string, unknown> = {},
) => ({
  source: 'pipeline',
  externalId,
  service,
  environment: 'production',
  buildTime,
  deployTime,
  standardChange: false,
  ...extra,
});

/** Lead times in days are given beside each; `to` is exclusive, so d7 is outside the window. */
export const deployments = [
  deployment(
    'd0',
    'component:default/bedroom',
    '2026-09-28T00:00:00Z',
    '2026-09-29T00:00:00Z',
    {
      releaseId: 'R-edge',
    },
  ),
  deployment(
    'd1',
    'component:default/bedroom',
    '2026-10-01T00:00:00Z',
    '2026-10-02T00:00:00Z',
    {
      releaseId: 'R1',
      standardChange: true,
    },
  ), // 1
  deployment(
    'd2',
    'component:default/bedroom',
    '2026-10-03T00:00:00Z',
    '2026-10-06T00:00:00Z',
    {
      changeRequestId: 'CHG-7',
      standardChange: true,
    },
  ), // 3
  deployment('d3', 'bedroom', '2026-10-10T00:00:00Z', '2026-10-10T12:00:00Z'), // 0.5
  deployment(
    'd4',
    'Component:default/Bedroom',
    '2026-10-20T00:00:00Z',
    '2026-10-22T00:00:00Z',
    {
      standardChange: true,
    },
  ), // 2
  deployment(
    'd5',
    'component:default/bedroom',
    '2026-10-04T00:00:00Z',
    '2026-10-05T00:00:00Z',
    {
      environment: 'staging',
      releaseId: 'R2',
    },
  ),
  deployment(
    'd7',
    'component:default/bedroom',
    '2026-10-28T00:00:00Z',
    '2026-10-29T00:00:00Z',
  ),
  deployment(
    'l1',
    'component:default/living-room',
    '2026-10-01T00:00:00Z',
    '2026-10-02T00:00:00Z',
    {
      releaseId: 'R1',
      standardChange: true,
    },
  ), // 1, lockstep with d1
  deployment(
    'l2',
    'component:default/living-room',
    '2026-10-07T00:00:00Z',
    '2026-10-09T00:00:00Z',
    {
      changeRequestId: 'CHG-7',
    },
  ), // 2, lockstep with d2
  deployment(
    'l3',
    'component:default/living-room',
    '2026-10-14T00:00:00Z',
    '2026-10-15T00:00:00Z',
    {
      releaseId: 'R-edge',
    },
  ), // 1, lockstep with d0 before the window
  deployment(
    'l4',
    'component:default/living-room',
    '2026-10-12T00:00:00Z',
    '2026-10-16T00:00:00Z',
    {
      releaseId: 'R3',
    },
  ), // 4, its partner k1 is not production
  deployment(
    'l5',
    'component:default/living-room',
    '2026-10-16T18:00:00Z',
    '2026-10-17T00:00:00Z',
    {
      releaseId: 'R4',
    },
  ), // 0.25
  deployment(
    'l6',
    'component:default/living-room',
    '2026-10-17T18:00:00Z',
    '2026-10-18T00:00:00Z',
    {
      releaseId: 'R4',
    },
  ), // 0.25, same service as l5: not lockstep
  deployment(
    'k1',
    'component:default/kitchen',
    '2026-10-15T00:00:00Z',
    '2026-10-16T00:00:00Z',
    {
      environment: 'Staging',
      releaseId: 'R3',
    },
  ),
];

const interval = (
  externalId: string,
  service: string,
  start: string,
  good: number,
  total: number,
) => ({
  source: 'prometheus',
  externalId,
  service,
  start,
  end: new Date(Date.parse(start) + 3_600_000).toISOString(),
  good,
  total,
});

export const availability = [
  interval(
    'a1',
    'component:default/bedroom',
    '2026-10-01T00:00:00Z',
    990,
    1000,
  ),
  interval(
    'a2',
    'component:default/bedroom',
    '2026-10-02T00:00:00Z',
    1000,
    1000,
  ),
  interval('a3', 'component:default/bedroom', '2026-09-30T23:00:00Z', 0, 1000),
  interval(
    'a4',
    'component:default/living-room',
    '2026-10-03T00:00:00Z',
    9800,
    10000,
  ),
];

export const incidents = [
  {
    // The playbook's example: 30 minutes, £100K lost.
    source: 'pagerduty',
    externalId: 'i1',
    services: ['component:default/bedroom'],
    startedAt: '2026-10-05T10:00:00Z',
    acknowledgedAt: '2026-10-05T10:05:00Z',
    restoredAt: '2026-10-05T10:30:00Z',
    financialLoss: 100000,
    severity: 'major',
  },
  {
    // Two services, £88K lost: £40K is bedroom's share (200/440) and £48K living-room's.
    source: 'pagerduty',
    externalId: 'i2',
    services: ['component:default/bedroom', 'component:default/living-room'],
    startedAt: '2026-10-10T12:00:00Z',
    acknowledgedAt: '2026-10-10T12:10:00Z',
    restoredAt: '2026-10-10T14:00:00Z',
    financialLoss: 88000,
  },
  {
    // Starts in the window and ends after it: counted whole.
    source: 'pagerduty',
    externalId: 'i3',
    services: ['component:default/living-room'],
    startedAt: '2026-10-28T23:00:00Z',
    acknowledgedAt: '2026-10-28T23:20:00Z',
    restoredAt: '2026-10-29T01:00:00Z',
    financialLoss: 24000,
  },
  {
    // Starts before the window and ends in it: not counted.
    source: 'pagerduty',
    externalId: 'i4',
    services: ['component:default/bedroom'],
    startedAt: '2026-09-30T23:00:00Z',
    acknowledgedAt: '2026-09-30T23:01:00Z',
    restoredAt: '2026-10-01T01:00:00Z',
  },
  {
    // Still open: counts towards time to acknowledge only.
    source: 'pagerduty',
    externalId: 'i5',
    services: ['component:default/bedroom'],
    startedAt: '2026-10-20T08:00:00Z',
    acknowledgedAt: '2026-10-20T08:02:00Z',
  },
  {
    // No recorded loss: the actual loss is £810K/h × 5 minutes = £67,500.
    source: 'pagerduty',
    externalId: 'i6',
    services: ['component:default/kitchen'],
    startedAt: '2026-10-12T03:00:00Z',
    restoredAt: '2026-10-12T03:05:00Z',
  },
];

export const reviews = [
  {
    source: 'wiki',
    externalId: 'rv1',
    services: ['component:default/bedroom'],
    incidentSource: 'pagerduty',
    incidentExternalId: 'i1',
    publishedAt: '2026-10-06T09:00:00Z',
  },
  {
    source: 'wiki',
    externalId: 'rv2',
    services: ['component:default/bedroom', 'component:default/living-room'],
    publishedAt: '2026-10-12T09:00:00Z',
  },
  {
    source: 'wiki',
    externalId: 'rv3',
    services: ['component:default/living-room'],
    publishedAt: '2026-09-15T09:00:00Z',
  },
];

const read = (review: string, person: string, readAt: string) => ({
  source: 'wiki-analytics',
  reviewSource: 'wiki',
  reviewExternalId: review,
  person,
  readAt,
});

export const reviewReads = [
  read('rv1', 'user:default/alice', '2026-10-06T10:00:00Z'),
  read('rv1', 'bob', '2026-10-06T11:00:00Z'),
  read('rv1', 'alice', '2026-10-07T10:00:00Z'),
  read('rv2', 'User:default/Carol', '2026-10-12T10:00:00Z'),
  read('rv2', 'user:default/alice', '2026-10-12T11:00:00Z'),
  read('rv3', 'user:default/dan', '2026-10-02T11:00:00Z'),
];

const action = (
  externalId: string,
  service: string,
  definedAt: string,
  completedAt?: string,
) => ({
  source: 'jira',
  externalId,
  service,
  definedAt,
  ...(completedAt ? { completedAt } : {}),
});

export const actions = [
  action(
    'ac1',
    'component:default/bedroom',
    '2026-10-06T00:00:00Z',
    '2026-10-08T00:00:00Z',
  ),
  action(
    'ac2',
    'component:default/bedroom',
    '2026-10-06T00:00:00Z',
    '2026-10-16T00:00:00Z',
  ),
  action('ac3', 'component:default/bedroom', '2026-10-12T00:00:00Z'),
  action(
    'ac4',
    'component:default/bedroom',
    '2026-09-01T00:00:00Z',
    '2026-09-20T00:00:00Z',
  ),
  action(
    'ac5',
    'component:default/living-room',
    '2026-10-12T00:00:00Z',
    '2026-10-13T00:00:00Z',
  ),
];

export const chaosDays = [
  {
    source: 'wiki',
    externalId: 'c1',
    service: 'component:default/bedroom',
    date: '2026-10-07',
  },
  {
    source: 'wiki',
    externalId: 'c2',
    service: 'component:default/bedroom',
    date: '2026-10-21',
  },
  {
    source: 'wiki',
    externalId: 'c3',
    service: 'component:default/living-room',
    date: '2026-10-21',
  },
  {
    source: 'wiki',
    externalId: 'c4',
    service: 'component:default/living-room',
    date: '2026-09-20',
  },
];

export const rework = [
  // 15 h of a 4-person team's 150 h.
  {
    source: 'jira',
    externalId: 'rw1',
    team: 'group:default/bedroom-team',
    week: '2026-10-05',
    hours: 15,
    members: 4,
  },
  // A Wednesday stands for its week; the team's size comes from the catalog: 30 h of 150 h.
  {
    source: 'jira',
    externalId: 'rw2',
    team: 'bedroom-team',
    week: '2026-10-14',
    hours: 30,
  },
  {
    source: 'jira',
    externalId: 'rw3',
    team: 'group:default/kitchen-team',
    week: '2026-10-19',
    hours: 10,
    teamHours: 100,
  },
  {
    source: 'jira',
    externalId: 'rw4',
    team: 'group:default/bedroom-team',
    week: '2026-09-28',
    hours: 99,
    members: 4,
  },
];

/** Every batch, by the path it is posted to. */
export const allEvents: Array<[string, unknown[]]> = [
  ['deployments', deployments],
  ['availability', availability],
  ['incidents', incidents],
  ['reviews', reviews],
  ['review-reads', reviewReads],
  ['actions', actions],
  ['chaos-days', chaosDays],
  ['rework', rework],
];
