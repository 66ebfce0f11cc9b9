import { Entity } from '@backstage/catalog-model';

/** A small organisation in the shape the catalog returns it, relations included. */
export function testEntities(): Entity[] {
  const component = (
    name: string,
    annotations: Record<string, string>,
    extra: {
      owner?: string;
      system?: string;
      type?: string;
      links?: Entity['metadata']['links'];
    } = {},
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations, links: extra.links },
    spec: {
      type: extra.type ?? 'service',
      lifecycle: 'production',
      owner: extra.owner ?? 'bedroom-team',
      ...(extra.system ? { system: extra.system } : {}),
    },
    relations: [
      {
        type: 'ownedBy',
        targetRef: `group:default/${extra.owner ?? 'bedroom-team'}`,
      },
      ...(extra.system
        ? [{ type: 'partOf', targetRef: `system:default/${extra.system}` }]
        : []),
    ],
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
      kind: 'System',
      metadata: { name: 'room-shops', namespace: 'default' },
      spec: { owner: 'bedroom-team', domain: 'furnishing' },
      relations: [{ type: 'partOf', targetRef: 'domain:default/furnishing' }],
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'bedroom-team', namespace: 'default' },
      spec: {
        type: 'team',
        profile: { displayName: 'Bedroom team' },
        children: [],
      },
    },
    component(
      'bedroom',
      {
        'operating-model.io/service-class': 'digital-service',
        'operating-model.io/financial-exposure': '200K',
        'operating-model.io/feature-demand': 'very-high',
      },
      {
        system: 'room-shops',
        links: [
          { url: 'https://wiki.example/runbooks/bedroom', type: 'runbook' },
          { url: 'https://chat.example/inc-bedroom', type: 'incident-channel' },
        ],
      },
    ),
    component(
      'living-room',
      {
        'operating-model.io/financial-exposure': '240K',
        'operating-model.io/peak-financial-exposure': '700K',
        'operating-model.io/feature-demand': 'high',
      },
      { system: 'room-shops' },
    ),
    component(
      'ecommerce-platform',
      {
        'operating-model.io/service-class': 'foundational-system',
        'operating-model.io/financial-exposure': '810K',
        'operating-model.io/feature-demand': 'low',
      },
      { owner: 'operations' },
    ),
    component('delivery-tracking', {
      'operating-model.io/financial-exposure': 'lots',
      'operating-model.io/feature-demand': 'huge',
    }),
    component('design-system', {}, { type: 'library' }),
    component(
      'kitchen-planner',
      {
        'operating-model.io/financial-exposure': '150,000',
        'operating-model.io/feature-demand': 'medium',
      },
      { owner: 'kitchen-team', system: 'room-shops' },
    ),
    component(
      'appointments',
      {
        'operating-model.io/financial-exposure': '6K',
        'operating-model.io/feature-demand': 'high',
      },
      { owner: 'appointments-team' },
    ),
    group('kitchen-team', 'Kitchen team', ['dan', 'erin']),
    group('appointments-team', 'Appointments team', ['gina', 'hal', 'ivy']),
    group('operations', 'Operations', ['olga', 'oscar', 'otto']),
    ...[
      'alice',
      'bob',
      'carol',
      'dan',
      'erin',
      'gina',
      'hal',
      'ivy',
      'olga',
      'oscar',
      'otto',
    ].map(n =>
      user(
        n,
        ['alice', 'bob', 'carol'].includes(n) ? 'bedroom-team' : undefined,
      ),
    ),
    user('frank', 'bedroom-team', { 'operating-model.io/on-call': 'opt-out' }),
  ];
}

function group(name: string, displayName: string, members: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', profile: { displayName }, children: [], members },
  };
}

function user(
  name: string,
  memberOf?: string,
  annotations?: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      profile: { displayName: name.charAt(0).toUpperCase() + name.slice(1) },
      memberOf: memberOf ? [memberOf] : [],
    },
  };
}

export const testOperatingModelConfig = {
  peakEvents: [
    {
      name: 'Black Friday',
      start: '2026-11-26T00:00:00Z',
      end: '2026-12-01T00:00:00Z',
    },
  ],
};
