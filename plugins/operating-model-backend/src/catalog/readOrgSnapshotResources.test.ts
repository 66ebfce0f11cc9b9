import { Entity } from '@backstage/catalog-model';
import { testEntities } from '../testEntities';
import { buildOrgSnapshot } from './readOrgSnapshot';

describe('buildOrgSnapshot: what the ownership rules need', () => {
  const readAt = new Date('2026-11-02T12:00:00Z');
  const database: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'orders-db', namespace: 'default' },
    spec: { type: 'database', owner: 'bedroom-team' },
    relations: [
      { type: 'dependencyOf', targetRef: 'component:default/bedroom' },
      { type: 'dependencyOf', targetRef: 'component:default/design-system' },
      { type: 'ownedBy', targetRef: 'group:default/bedroom-team' },
    ],
  };

  it('reads Resources with their type and the Components that depend on them', () => {
    const snapshot = buildOrgSnapshot([...testEntities(), database], readAt);
    expect(snapshot.resources).toEqual([
      {
        entityRef: 'resource:default/orders-db',
        type: 'database',
        dependents: [
          'component:default/bedroom',
          'component:default/design-system',
        ],
      },
    ]);
  });

  it.each([
    [
      'the dependsOn relations',
      {
        relations: [
          { type: 'dependsOn', targetRef: 'resource:default/orders-db' },
        ],
        spec: {},
      },
      ['resource:default/orders-db'],
    ],
    [
      'the spec field where the catalog has not resolved relations',
      {
        relations: [],
        spec: { dependsOn: ['resource:orders-db', 'component:default/search'] },
      },
      ['component:default/search', 'resource:default/orders-db'],
    ],
    ['nothing when there is none', { relations: [], spec: {} }, []],
  ])('records a service’s dependencies from %s', (_, extra, expected) => {
    const entities = testEntities().map(entity => {
      if (entity.metadata.name !== 'bedroom') return entity;
      return {
        ...entity,
        spec: { ...entity.spec, ...extra.spec },
        relations: [...(entity.relations ?? []), ...extra.relations],
      };
    });
    const bedroom = buildOrgSnapshot(entities, readAt).services.find(
      s => s.entityRef === 'component:default/bedroom',
    );
    expect(bedroom?.dependsOn).toEqual(expected);
  });
});
