import { Entity } from '@backstage/catalog-model';
import { testEntities } from '../testEntities';
import { buildOrgSnapshot } from './readOrgSnapshot';

describe('buildOrgSnapshot', () => {
  const readAt = new Date('2026-11-02T12:00:00Z');

  it('keeps only services, with owner, system and domain resolved through relations', () => {
    const snapshot = buildOrgSnapshot(testEntities(), readAt);
    expect(snapshot.services.map(s => s.entityRef)).toEqual([
      'component:default/appointments',
      'component:default/bedroom',
      'component:default/delivery-tracking',
      'component:default/ecommerce-platform',
      'component:default/kitchen-planner',
      'component:default/living-room',
    ]);
    expect(snapshot.services[1]).toMatchObject({
      owner: 'group:default/bedroom-team',
      system: 'system:default/room-shops',
      domain: 'domain:default/furnishing',
    });
    expect(snapshot.titles.get('group:default/bedroom-team')).toBe(
      'Bedroom team',
    );
    expect(snapshot.titles.get('domain:default/furnishing')).toBe('Furnishing');
  });

  it('reads membership from either side and marks people who opted out of on-call', () => {
    const snapshot = buildOrgSnapshot(testEntities(), readAt);
    const bedroomTeam = snapshot.groups.find(
      g => g.entityRef === 'group:default/bedroom-team',
    );
    expect(bedroomTeam?.members).toEqual([
      'user:default/alice',
      'user:default/bob',
      'user:default/carol',
      'user:default/frank',
    ]);
    expect(
      snapshot.groups.find(g => g.entityRef === 'group:default/kitchen-team')
        ?.members,
    ).toEqual(['user:default/dan', 'user:default/erin']);
    expect(
      snapshot.users.filter(u => u.optedOut).map(u => u.entityRef),
    ).toEqual(['user:default/frank']);
    expect(snapshot.domains.map(d => d.entityRef)).toEqual([
      'domain:default/furnishing',
    ]);
  });

  it('falls back to spec fields when the catalog has not resolved relations', () => {
    const entities: Entity[] = testEntities().map(
      ({ relations: _, ...e }) => e,
    );
    const bedroom = buildOrgSnapshot(entities, readAt).services[1];
    expect(bedroom).toMatchObject({
      owner: 'group:default/bedroom-team',
      system: 'system:default/room-shops',
      domain: 'domain:default/furnishing',
    });
  });

  it('survives malformed spec fields without throwing', () => {
    const broken: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'odd',
        annotations: { 'operating-model.io/financial-exposure': '5K' },
      },
      spec: { type: 'website', owner: 42, system: '::' } as any,
    };
    const [odd] = buildOrgSnapshot([broken], readAt).services;
    expect(odd).toMatchObject({
      entityRef: 'component:default/odd',
      owner: null,
      domain: null,
    });
  });

  it('keeps only web links, so a javascript: runbook neither counts nor reaches a page', () => {
    /* eslint-disable no-script-url -- a hostile catalog file, on purpose */
    const service: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'linked',
        links: [
          { url: 'javascript:alert(1)', type: 'runbook' },
          { url: 'data:text/html,x', type: 'incident-channel' },
          { url: 'https://wiki.example/runbooks/linked', type: 'runbook' },
        ],
      },
      spec: { type: 'service', owner: 'bedroom-team' },
    };
    const [linked] = buildOrgSnapshot([service], readAt).services;
    expect(linked.links.map(l => l.url)).toEqual([
      'https://wiki.example/runbooks/linked',
    ]);
  });
});
