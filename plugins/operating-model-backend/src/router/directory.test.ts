import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import type {
  DirectoryDomain,
  DirectoryFacets,
  DirectoryItem,
  DirectoryService,
  DirectoryServicesPage,
  DirectoryTeam,
} from '@operating-model/backstage-plugin-operating-model-common';
import request from 'supertest';
import { operatingModelPlugin } from '../plugin';
import { testEntities, testOperatingModelConfig } from '../testEntities';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/** The test organisation, plus the ownership the playbook warns against. */
function entities(): Entity[] {
  const all = testEntities();
  const dependOn = (name: string, target: string) => {
    const entity = all.find(
      e => e.kind === 'Component' && e.metadata.name === name,
    )!;
    entity.relations = [
      ...(entity.relations ?? []),
      { type: 'dependsOn', targetRef: target },
    ];
  };
  dependOn('bedroom', 'resource:default/shared-db');
  dependOn('kitchen-planner', 'resource:default/shared-db');
  dependOn('appointments', 'resource:default/appointments-db');
  const resource = (name: string, dependents: string[]): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default', title: `${name} database` },
    spec: { type: 'database', owner: 'kitchen-team' },
    relations: dependents.map(targetRef => ({
      type: 'dependencyOf',
      targetRef,
    })),
  });
  const service = (name: string, owner: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'operating-model.io/financial-exposure': '10K',
        'operating-model.io/feature-demand': 'medium',
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  });
  return [
    ...all,
    resource('shared-db', [
      'component:default/bedroom',
      'component:default/kitchen-planner',
    ]),
    resource('appointments-db', ['component:default/appointments']),
    service('side-project', 'user:default/alice'),
    service('retail-reports', 'group:default/retail'),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'retail', namespace: 'default', title: 'Retail' },
      spec: { type: 'department', children: [] },
    },
  ];
}

const DAY = 86_400_000;

type Server = Parameters<typeof request>[0];

/**
 * A page of the directory once who is on call has been worked out: on a cold start the rows come
 * first and say "not worked out yet", as a person opening the view would see them for a moment.
 */
async function page(
  server: Server,
  query = '',
): Promise<DirectoryServicesPage> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const response = await request(server).get(
      `/api/operating-model/directory/services?limit=500${query}`,
    );
    expect(response.status).toBe(200);
    if (response.body.onCallAt) return response.body;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error('The directory never worked out who is on call');
}

const servicesOf = (items: DirectoryItem[]) =>
  items.flatMap(i => (i.kind === 'service' ? [i.service] : []));
const teamsOf = (items: DirectoryItem[]) =>
  items.flatMap(i => (i.kind === 'team' && i.team ? [i.team] : []));
const domainsOf = (items: DirectoryItem[]) =>
  items.flatMap(i => (i.kind === 'domain' && i.domain ? [i.domain] : []));

describe.each(databases.eachSupportedId())(
  'GET /directory/services on %s',
  databaseId => {
    async function start() {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          operatingModelPlugin,
          mockServices.rootConfig.factory({
            data: { operatingModel: testOperatingModelConfig },
          }),
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: entities() }),
          mockServices.permissions.mock({
            authorize: async requests =>
              requests.map(() => ({ result: AuthorizeResult.ALLOW })),
          }).factory,
        ],
      });
      return backend.server;
    }

    it('lists every team, domain and service with owner, targets, on-call and ownership findings', async () => {
      const server = await start();
      const now = Date.now();
      const deployments = Array.from({ length: 30 }, (_, i) => ({
        source: 'test',
        externalId: `bedroom-${i}`,
        service: 'component:default/bedroom',
        environment: 'production',
        buildTime: new Date(now - (i + 1) * DAY - 3_600_000).toISOString(),
        deployTime: new Date(now - (i + 1) * DAY + 60_000).toISOString(),
      }));
      expect(
        (
          await request(server)
            .post('/api/operating-model/events/deployments')
            .send({ items: deployments })
        ).status,
      ).toBe(200);
      const availability = [
        ['bedroom', 999],
        ['kitchen-planner', 980],
      ].map(([name, good]) => ({
        source: 'test',
        externalId: `${name}-availability`,
        service: `component:default/${name}`,
        start: new Date(now - 2 * DAY).toISOString(),
        end: new Date(now - DAY).toISOString(),
        good,
        total: 1000,
      }));
      expect(
        (
          await request(server)
            .post('/api/operating-model/events/availability')
            .send({ items: availability })
        ).status,
      ).toBe(200);

      const all = await page(server);
      const directory = {
        onCallAt: all.onCallAt,
        services: servicesOf(all.items),
        teams: teamsOf((await page(server, '&groupBy=team')).items),
        domains: domainsOf((await page(server, '&groupBy=domain')).items),
      };
      expect(all.matched).toBe(all.total);
      expect(directory.services).toHaveLength(all.total);
      const service = (name: string) =>
        directory.services.find(s => s.ref === `component:default/${name}`)!;

      expect(directory.services.map(s => s.ref)).not.toContain(
        'component:default/design-system',
      );
      expect(service('bedroom')).toMatchObject({
        title: 'bedroom',
        owner: 'group:default/bedroom-team',
        ownerTitle: 'Bedroom team',
        domain: 'domain:default/furnishing',
        domainTitle: 'Furnishing',
        system: 'system:default/room-shops',
        model: { recommended: 'you-build-it-you-run-it', declared: null },
        availabilityTarget: 99,
        deploymentTarget: 'daily',
        outOfHours: 'domain',
        links: {
          runbook: 'https://wiki.example/runbooks/bedroom',
          incidentChannel: 'https://chat.example/inc-bedroom',
        },
        problems: 0,
        measures: {
          deploymentFrequency: { target: 'daily', status: 'met' },
          availability: { ratio: 0.999, target: 99, status: 'met' },
        },
      });
      expect(
        service('bedroom').measures.deploymentFrequency.per30Days,
      ).toBeCloseTo(30, 0);
      expect(service('kitchen-planner').measures.availability).toEqual({
        ratio: 0.98,
        target: 99,
        status: 'missed',
      });
      expect(service('living-room').measures).toEqual({
        deploymentFrequency: {
          per30Days: null,
          target: 'weekly',
          status: 'no-data',
        },
        availability: { ratio: null, target: 99, status: 'no-data' },
      });
      expect(service('delivery-tracking').problems).toBe(2);

      expect(service('bedroom').ownership.map(f => f.code)).toEqual([
        'shared-database',
      ]);
      expect(service('bedroom').ownership[0].message).toMatch(
        /shared-db database is also used by kitchen-planner/,
      );
      expect(service('kitchen-planner').ownership.map(f => f.code)).toEqual([
        'shared-database',
      ]);
      expect(service('appointments').ownership).toEqual([]);
      expect(service('side-project').ownership.map(f => f.code)).toEqual([
        'owner-is-a-person',
      ]);
      expect(service('retail-reports').ownership.map(f => f.code)).toEqual([
        'owner-not-a-team',
      ]);

      const team = directory.teams.find(
        (t: DirectoryTeam) => t.ref === 'group:default/bedroom-team',
      )!;
      expect(team.title).toBe('Bedroom team');
      expect(team.people.map(p => p.title)).toEqual([
        'Alice',
        'Bob',
        'Carol',
        'Frank',
      ]);
      expect(team.domains).toEqual(['domain:default/furnishing']);
      expect(team.services).toContain('component:default/bedroom');
      expect(directory.teams.map(t => t.ref)).toContain('group:default/retail');

      const domain = directory.domains.find(
        (d: DirectoryDomain) => d.ref === 'domain:default/furnishing',
      )!;
      expect(domain).toMatchObject({ title: 'Furnishing' });
      expect(domain.teams).toEqual([
        'group:default/bedroom-team',
        'group:default/kitchen-team',
      ]);

      // Who is on call agrees with GET /on-call at the instant the directory worked it out for.
      for (const name of [
        'bedroom',
        'kitchen-planner',
        'appointments',
        'ecommerce-platform',
      ]) {
        const row: DirectoryService = service(name);
        const onCall = await request(server).get(
          `/api/operating-model/on-call?entityRef=component:default/${name}&at=${directory.onCallAt}`,
        );
        expect(onCall.status).toBe(200);
        expect(row.onCall).toMatchObject({
          period: onCall.body.period,
          schedule: onCall.body.schedule,
          shiftEnd: onCall.body.shiftEnd,
        });
        expect(row.onCall!.person?.ref ?? null).toBe(onCall.body.person);
        expect(row.onCall!.next?.person?.ref ?? null).toBe(
          onCall.body.next?.person ?? null,
        );
        // A person is named by their display name, never by their ref.
        expect(row.onCall!.person?.title ?? '').not.toMatch(/^user:/);
      }
    });

    it('takes in new events at once instead of serving measures from before them', async () => {
      const server = await start();
      const bedroom = async () =>
        servicesOf((await page(server, '&query=bedroom')).items).find(
          s => s.ref === 'component:default/bedroom',
        )!;
      expect(
        (await bedroom()).measures.deploymentFrequency.per30Days,
      ).toBeNull();
      const now = Date.now();
      const items = [1, 2, 3].map(i => ({
        source: 'test',
        externalId: `late-${i}`,
        service: 'component:default/bedroom',
        environment: 'production',
        buildTime: new Date(now - i * DAY - 3_600_000).toISOString(),
        deployTime: new Date(now - i * DAY).toISOString(),
      }));
      await request(server)
        .post('/api/operating-model/events/deployments')
        .send({ items })
        .expect(200);
      // The next answer may still be the prepared one; the one after has the new figures.
      await bedroom();
      let per30Days: number | null = null;
      for (let i = 0; i < 20 && per30Days === null; i++) {
        await new Promise(resolve => setTimeout(resolve, 50));
        per30Days = (await bedroom()).measures.deploymentFrequency.per30Days;
      }
      expect(per30Days).toBeCloseTo(3, 0);
    });

    it('searches, filters, groups and pages on the server, with the counts', async () => {
      const server = await start();
      const all = await page(server);
      const titles = (p: DirectoryServicesPage) =>
        servicesOf(p.items).map(s => s.title);

      const found = await page(server, '&query=kitchen');
      expect(titles(found)).toEqual(['kitchen-planner']);
      expect(found).toMatchObject({
        total: all.total,
        matched: 1,
        itemCount: 1,
        offset: 0,
      });
      expect(found.availabilityTargets).toEqual(all.availabilityTargets);
      expect(all.availabilityTargets).toContain(99);

      // By the people of the owning team, and by the owner filter.
      expect(titles(await page(server, '&query=frank'))).toEqual(
        titles(await page(server, '&team=group:default/bedroom-team')),
      );
      expect(titles(await page(server, '&hasProblems=true'))).toContain(
        'side-project',
      );

      const byTeam = await page(server, '&groupBy=team');
      expect(byTeam.matched).toBe(all.total);
      expect(byTeam.itemCount).toBeGreaterThan(all.total);

      // Pages of two rows make up the whole list, in order, headings included.
      const rows: string[] = [];
      for (let offset = 0; offset < byTeam.itemCount; offset += 2) {
        const next = await request(server).get(
          `/api/operating-model/directory/services?groupBy=team&offset=${offset}&limit=2`,
        );
        expect(next.body.offset).toBe(offset);
        expect(next.body.items.length).toBeLessThanOrEqual(2);
        rows.push(...next.body.items.map((i: DirectoryItem) => i.key));
      }
      expect(rows).toEqual(byTeam.items.map(i => i.key));

      const refused = await request(server).get(
        '/api/operating-model/directory/services?offset=-1',
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toBe(
        'offset: expected a whole number of rows from 0; got "-1"',
      );
    });

    it('answers the filters’ teams and domains from memory, gzipped, with a 304 when unchanged', async () => {
      const server = await start();
      const first = await request(server)
        .get('/api/operating-model/directory/facets')
        .set('Accept-Encoding', 'gzip');
      expect(first.status).toBe(200);
      expect(first.headers['content-encoding']).toBe('gzip');
      expect(first.headers['content-type']).toMatch(/application\/json/);
      const facets = first.body as DirectoryFacets;
      expect(facets.teams).toContainEqual({
        ref: 'group:default/bedroom-team',
        title: 'Bedroom team',
      });
      expect(facets.domains).toContainEqual({
        ref: 'domain:default/furnishing',
        title: 'Furnishing',
      });
      const etag = first.headers.etag;
      expect(etag).toMatch(/^"directory-/);

      const again = await request(server)
        .get('/api/operating-model/directory/facets')
        .set('If-None-Match', etag);
      expect(again.status).toBe(304);

      const plain = await request(server)
        .get('/api/operating-model/directory/facets')
        .set('Accept-Encoding', 'identity');
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toEqual(first.body);
    });

    it('answers one service row, and 404 for a Component that is not a service', async () => {
      const server = await start();
      const row = await request(server).get(
        '/api/operating-model/directory/services/component/default/side-project',
      );
      expect(row.status).toBe(200);
      expect(row.body.ownership[0]).toMatchObject({
        code: 'owner-is-a-person',
        subject: 'user:default/alice',
      });
      const missing = await request(server).get(
        '/api/operating-model/directory/services/component/default/design-system',
      );
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toMatch(
        /No service component:default\/design-system/,
      );
    });

    it('refuses a request without credentials', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          operatingModelPlugin,
          mockServices.rootConfig.factory({
            data: { operatingModel: testOperatingModelConfig },
          }),
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: entities() }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
        ],
      });
      for (const path of ['services', 'facets']) {
        const response = await request(server).get(
          `/api/operating-model/directory/${path}`,
        );
        expect(response.status).toBe(401);
      }
    });
  },
);
