import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import request from 'supertest';
import { operatingModelPlugin } from '../plugin';
import { testEntities, testOperatingModelConfig } from '../testEntities';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const bearer = (user: string) => ({
  Authorization: mockCredentials.user.header(`user:default/${user}`),
});

describe.each(databases.eachSupportedId())('rotas on %s', databaseId => {
  /**
   * The policy under test: by default the one the docs recommend (members of the rota's teams,
   * through the isRotaMember condition), or a flat ALLOW (an admin) or DENY for everything.
   */
  async function start(
    options: {
      permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      entities?: Entity[];
      knex?: Knex;
      operatingModel?: Record<string, unknown>;
    } = {},
  ) {
    const knex = options.knex ?? (await databases.init(databaseId));
    const entities = options.entities ?? testEntities();
    const claimsOf = (userRef: string) => {
      const user = entities.find(
        e => e.kind === 'User' && `user:default/${e.metadata.name}` === userRef,
      );
      const groups = ((user?.spec?.memberOf as string[] | undefined) ?? []).map(
        g => `group:default/${g}`,
      );
      return [userRef, ...groups];
    };
    const backend = await startTestBackend({
      features: [
        operatingModelPlugin,
        mockServices.rootConfig.factory({
          data: {
            operatingModel: {
              ...testOperatingModelConfig,
              ...options.operatingModel,
            },
          },
        }),
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities }),
        // Stands in for a policy granting rota changes to the members of the rota's teams (the
        // real framework's conditional path is tested in permissions/rotaPermissions.test.ts).
        mockServices.permissions.mock({
          authorize: async (requests, { credentials }) =>
            requests.map(r => {
              if (options.permission) return { result: options.permission };
              const userRef =
                (credentials.principal as { userEntityRef?: string })
                  .userEntityRef ?? '';
              const resourceRef =
                'resourceRef' in r ? r.resourceRef : undefined;
              return {
                result:
                  resourceRef && claimsOf(userRef).includes(resourceRef)
                    ? AuthorizeResult.ALLOW
                    : AuthorizeResult.DENY,
              };
            }),
        }).factory,
      ],
    });
    return { server: backend.server, stop: () => backend.stop(), knex };
  }

  const window = 'from=2026-11-02T09:00:00Z&to=2026-11-30T09:00:00Z';

  it('builds a team rota from the members who have not opted out, handing off Monday 09:00', async () => {
    const { server } = await start();
    const response = await request(server).get(
      `/api/operating-model/schedules/group/default/bedroom-team?${window}`,
    );
    expect(response.status).toBe(200);
    expect(response.body.participants).toEqual([
      'user:default/alice',
      'user:default/bob',
      'user:default/carol',
    ]);
    expect(response.body.optedOutCount).toBe(1);
    const shifts = response.body.shifts as Array<{
      person: string;
      start: string;
      end: string;
    }>;
    expect(shifts.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < shifts.length; i++) {
      expect(shifts[i].start).toBe(shifts[i - 1].end);
      expect(shifts[i].person).not.toBe(shifts[i - 1].person);
    }
    // Europe/London is on GMT in November, so Monday 09:00 local is 09:00Z.
    expect(shifts.every(s => s.start.endsWith('T09:00:00.000Z'))).toBe(true);
    expect(new Set(shifts.map(s => new Date(s.start).getUTCDay()))).toEqual(
      new Set([1]),
    );
  });

  it('builds the domain rota from every team with a domain-level service, interleaved', async () => {
    const { server } = await start();
    const response = await request(server).get(
      `/api/operating-model/schedules/domain/default/furnishing?${window}`,
    );
    expect(response.status).toBe(200);
    expect(response.body.teams).toEqual([
      'group:default/bedroom-team',
      'group:default/kitchen-team',
    ]);
    expect(response.body.participants).toHaveLength(5);
    expect(response.body.problems).toEqual([]);
  });

  it('reports a rota with fewer people than the minimum', async () => {
    const { server } = await start();
    const response = await request(server).get(
      `/api/operating-model/schedules/group/default/kitchen-team?${window}`,
    );
    expect(
      response.body.problems.map((p: { code: string }) => p.code),
    ).toContain('limited-on-call-schedule');
  });

  it('lets a team member add an override that wins over the rotation, and remove it', async () => {
    const { server } = await start();
    const created = await request(server)
      .post(
        '/api/operating-model/schedules/group/default/bedroom-team/overrides',
      )
      .set(bearer('alice'))
      .send({
        person: 'user:default/dan',
        start: '2026-11-10T12:00:00Z',
        end: '2026-11-11T12:00:00Z',
        reason: 'swap',
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      person: 'user:default/dan',
      createdBy: 'user:default/alice',
    });
    expect(created.body.createdAt).toBeDefined();

    const schedule = await request(server).get(
      `/api/operating-model/schedules/group/default/bedroom-team?${window}`,
    );
    expect(schedule.body.shifts).toContainEqual(
      expect.objectContaining({
        person: 'user:default/dan',
        start: '2026-11-10T12:00:00.000Z',
        end: '2026-11-11T12:00:00.000Z',
        override: true,
      }),
    );

    const removed = await request(server)
      .delete(
        `/api/operating-model/schedules/group/default/bedroom-team/overrides/${created.body.id}`,
      )
      .set(bearer('bob'));
    expect(removed.status).toBe(204);
    const after = await request(server).get(
      `/api/operating-model/schedules/group/default/bedroom-team?${window}`,
    );
    expect(
      after.body.shifts.some((s: { override: boolean }) => s.override),
    ).toBe(false);
  });

  it('refuses an override from someone outside the team without the permission (403)', async () => {
    const { server } = await start({ permission: AuthorizeResult.DENY });
    const response = await request(server)
      .post(
        '/api/operating-model/schedules/group/default/bedroom-team/overrides',
      )
      .set(bearer('gina'))
      .send({
        person: 'user:default/gina',
        start: '2026-11-10T12:00:00Z',
        end: '2026-11-11T12:00:00Z',
      });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain(
      'operating-model.override.create',
    );
  });

  it('refuses a service principal unless operatingModel.access.rotaChangeServices names it', async () => {
    const body = {
      person: 'user:default/dan',
      start: '2026-11-10T12:00:00Z',
      end: '2026-11-11T12:00:00Z',
    };
    const path =
      '/api/operating-model/schedules/group/default/bedroom-team/overrides';
    const service = {
      Authorization: mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('external:event-pipelines'),
        targetPluginId: 'operating-model',
      }),
    };
    const refused = await start({ permission: AuthorizeResult.ALLOW });
    const denied = await request(refused.server)
      .post(path)
      .set(service)
      .send(body);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain(
      'operatingModel.access.rotaChangeServices',
    );
    await refused.stop();

    const configured = await start({
      permission: AuthorizeResult.ALLOW,
      operatingModel: {
        access: { rotaChangeServices: ['external:event-pipelines'] },
      },
    });
    const allowed = await request(configured.server)
      .post(path)
      .set(service)
      .send(body);
    expect(allowed.status).toBe(201);
    expect(allowed.body.createdBy).toBe('external:event-pipelines');
  });

  it('keeps a removed override with who removed it and when', async () => {
    const { server, knex } = await start();
    const created = await request(server)
      .post(
        '/api/operating-model/schedules/group/default/bedroom-team/overrides',
      )
      .set(bearer('alice'))
      .send({
        person: 'user:default/dan',
        start: '2026-11-10T12:00:00Z',
        end: '2026-11-11T12:00:00Z',
      });
    const removed = await request(server)
      .delete(
        `/api/operating-model/schedules/group/default/bedroom-team/overrides/${created.body.id}`,
      )
      .set(bearer('bob'));
    expect(removed.status).toBe(204);
    const row = await knex('rota_overrides')
      .where({ id: created.body.id })
      .first();
    expect(row.removed_by).toBe('user:default/bob');
    expect(row.removed_at).toBeTruthy();
    const again = await request(server)
      .delete(
        `/api/operating-model/schedules/group/default/bedroom-team/overrides/${created.body.id}`,
      )
      .set(bearer('bob'));
    expect(again.status).toBe(404);
  });

  it.each([
    ['at=2026-11-03T12:00:00%2B25:00', 'at:'],
    ['at=2026-11-03T12:00:00-99:00', 'at:'],
    ['at=2026-02-30T12:00:00Z', 'at:'],
    ['at=0000-01-01T00:00:00Z', 'at:'],
  ])('answers 400, never 500, for on-call?%s', async (query, prefix) => {
    const { server } = await start();
    const response = await request(server).get(
      `/api/operating-model/on-call?entityRef=component:default/bedroom&${query}`,
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message.startsWith(prefix)).toBe(true);
  });

  it('refuses a schedule window longer than two years', async () => {
    const { server } = await start();
    const response = await request(server).get(
      '/api/operating-model/schedules/group/default/bedroom-team?from=1970-01-01T00:00:00Z&to=9999-01-01T00:00:00Z',
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(
      /^to: the window may be at most 731 days/,
    );
  });

  it('lets an admin holding the permission add an override to any rota', async () => {
    const { server } = await start({ permission: AuthorizeResult.ALLOW });
    const response = await request(server)
      .post(
        '/api/operating-model/schedules/domain/default/furnishing/overrides',
      )
      .set(bearer('olga'))
      .send({
        person: 'user:default/erin',
        start: '2026-11-10T18:00:00Z',
        end: '2026-11-11T08:00:00Z',
      });
    expect(response.status).toBe(201);
  });

  it.each`
    body                                                                                                              | field
    ${{ person: 'user:default/dan', start: '2026-11-11T12:00:00Z', end: '2026-11-10T12:00:00Z' }}                     | ${'end'}
    ${{ person: 'user:default/nobody', start: '2026-11-10T12:00:00Z', end: '2026-11-11T12:00:00Z' }}                  | ${'person'}
    ${{ person: 'group:default/bedroom-team', start: '2026-11-10T12:00:00Z', end: '2026-11-11T12:00:00Z' }}           | ${'person'}
    ${{ person: 'user:default/dan', start: '2026-11-10T12:00:00+25:00', end: '2026-11-11T12:00:00Z' }}                | ${'start'}
    ${{ person: 'user:default/dan', start: '2026-11-10T12:00:00Z', end: '2026-11-11T12:00:00Z', reason: 'a\u0000b' }} | ${'reason'}
    ${{ person: `user:default/${'x'.repeat(300)}`, start: '2026-11-10T12:00:00Z', end: '2026-11-11T12:00:00Z' }}      | ${'person'}
    ${{ person: 'user:default/dan', start: 'tomorrow', end: '2026-11-11T12:00:00Z' }}                                 | ${'start'}
  `('answers 400 naming $field for a bad override', async ({ body, field }) => {
    const { server } = await start();
    const response = await request(server)
      .post(
        '/api/operating-model/schedules/group/default/bedroom-team/overrides',
      )
      .set(bearer('alice'))
      .send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.message.startsWith(`${field}:`)).toBe(true);
  });

  it('says who is paged: the team in working hours, the domain out of hours', async () => {
    const { server } = await start();
    const inHours = await request(server).get(
      '/api/operating-model/on-call?entityRef=component:default/bedroom&at=2026-11-03T12:00:00Z',
    );
    expect(inHours.status).toBe(200);
    expect(inHours.body).toMatchObject({
      entityRef: 'component:default/bedroom',
      period: 'working-hours',
      schedule: 'team',
      // Working hours close at 17:30 in London, before the shift ends.
      periodEnd: '2026-11-03T17:30:00.000Z',
      next: null,
    });
    expect([
      'user:default/alice',
      'user:default/bob',
      'user:default/carol',
    ]).toContain(inHours.body.person);
    expect(inHours.body.shiftEnd).toBe('2026-11-09T09:00:00.000Z');

    const outOfHours = await request(server).get(
      '/api/operating-model/on-call?entityRef=component:default/bedroom&at=2026-11-03T22:00:00Z',
    );
    expect(outOfHours.body).toMatchObject({
      period: 'out-of-hours',
      schedule: 'domain',
    });
    expect(outOfHours.body.person).toMatch(/^user:default\//);
  });

  it('says nobody is paged out of hours for the lowest band, and who will be at the next working start', async () => {
    const { server } = await start();
    const response = await request(server).get(
      '/api/operating-model/on-call?entityRef=component:default/appointments&at=2026-11-06T20:00:00Z',
    );
    expect(response.body).toMatchObject({
      period: 'out-of-hours',
      schedule: 'none',
      person: null,
      shiftEnd: null,
      next: { at: '2026-11-09T09:00:00.000Z' },
    });
    expect([
      'user:default/gina',
      'user:default/hal',
      'user:default/ivy',
    ]).toContain(response.body.next.person);
  });

  it('upgrades the out-of-hours level during a peak event', async () => {
    const { server } = await start();
    const response = await request(server).get(
      '/api/operating-model/on-call?entityRef=component:default/living-room&at=2026-11-27T22:00:00Z',
    );
    expect(response.body).toMatchObject({
      period: 'out-of-hours',
      schedule: 'team',
    });
  });

  it('serves the rota as an iCalendar feed, and a signed link a phone can subscribe to', async () => {
    const { server } = await start();
    const ics = await request(server).get(
      `/api/operating-model/schedules/group/default/bedroom-team.ics?${window}`,
    );
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.text).toContain('BEGIN:VCALENDAR');
    expect(ics.text.match(/BEGIN:VEVENT/g)!.length).toBeGreaterThanOrEqual(4);
    expect(ics.text).toContain('SUMMARY:On call: Alice (Bedroom team rota)');
    // Unfolded and unescaped: RFC 5545 folds long lines and escapes commas and semicolons.
    const text = ics.text.replace(/\r\n /g, '').replace(/\\([,;])/g, '$1');
    expect(text).toContain(
      'DESCRIPTION:Bob on the Bedroom team rota from Mon 2 Nov, 09:00 GMT until Mon 9 Nov, 09:00 GMT (Europe/London); its shifts page in working hours, and out of hours for the team’s services whose level is the team rota.',
    );

    const link = await request(server)
      .get('/api/operating-model/people/default/alice/calendar-link')
      .set(bearer('alice'));
    expect(link.status).toBe(200);
    const feed = await request(server).get(
      `/api/operating-model${link.body.path}`,
    );
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('BEGIN:VCALENDAR');
    expect(link.body.for).toBe('user:default/alice');
    expect(
      new Date(link.body.expiresAt).getTime() -
        new Date(link.body.issuedAt).getTime(),
    ).toBe(365 * 86_400_000);
    const forged = await request(server).get(
      `/api/operating-model${link.body.path.replace('alice', 'bob')}`,
    );
    expect(forged.status).toBe(403);
  });

  it('issues a personal link only to its person, and resetting it revokes the old one', async () => {
    const { server } = await start();
    const others = await request(server)
      .get('/api/operating-model/people/default/alice/calendar-link')
      .set(bearer('bob'));
    expect(others.status).toBe(403);

    const old = await request(server)
      .get('/api/operating-model/people/default/alice/calendar-link')
      .set(bearer('alice'));
    const scheduleLink = await request(server)
      .get(
        '/api/operating-model/schedules/group/default/bedroom-team/calendar-link',
      )
      .set(bearer('alice'));
    expect(
      (
        await request(server).get(
          `/api/operating-model${scheduleLink.body.path}`,
        )
      ).status,
    ).toBe(200);

    const reset = await request(server)
      .post('/api/operating-model/people/default/alice/calendar-link/reset')
      .set(bearer('alice'));
    expect(reset.status).toBe(200);
    expect(reset.body.path).not.toBe(old.body.path);
    expect(
      (await request(server).get(`/api/operating-model${old.body.path}`))
        .status,
    ).toBe(403);
    expect(
      (
        await request(server).get(
          `/api/operating-model${scheduleLink.body.path}`,
        )
      ).status,
    ).toBe(403);
    expect(
      (await request(server).get(`/api/operating-model${reset.body.path}`))
        .status,
    ).toBe(200);

    // Two first resets at once (a double click) both succeed.
    const resetBob = () =>
      request(server)
        .post('/api/operating-model/people/default/bob/calendar-link/reset')
        .set(bearer('bob'));
    const both = await Promise.all([resetBob(), resetBob()]);
    expect(both.map(r => r.status)).toEqual([200, 200]);
  });

  it('keeps the token of a feed link out of every answer, even a refused one', async () => {
    const { server } = await start();
    const link = await request(server)
      .get('/api/operating-model/people/default/alice/calendar-link')
      .set(bearer('alice'));
    const token = new URLSearchParams(link.body.path.split('?')[1]).get(
      'token',
    )!;
    const refused = await request(server).get(
      `/api/operating-model${link.body.path}&extra=1`,
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).not.toContain(token);
    expect(refused.body.request.url).toContain('token=[redacted]');
    const forged = await request(server).get(
      `/api/operating-model${link.body.path.replace('alice', 'bob')}`,
    );
    expect(forged.status).toBe(403);
    expect(JSON.stringify(forged.body)).not.toContain(token);
  });

  it('refuses an expired link', async () => {
    const { server } = await start({
      operatingModel: { calendarFeeds: { linkLifetimeDays: 1 } },
    });
    const link = await request(server)
      .get('/api/operating-model/people/default/alice/calendar-link')
      .set(bearer('alice'));
    jest.useFakeTimers({
      now: Date.now() + 2 * 86_400_000,
      doNotFake: [
        'nextTick',
        'setImmediate',
        'setTimeout',
        'setInterval',
        'queueMicrotask',
      ],
    });
    try {
      const feed = await request(server).get(
        `/api/operating-model${link.body.path}`,
      );
      expect(feed.status).toBe(403);
      expect(feed.body.error.message).toContain('expired');
    } finally {
      jest.useRealTimers();
    }
  });

  it('never rewrites the shift on now when someone leaves the team; only later shifts change', async () => {
    const first = await start();
    const now = new Date();
    const before = await request(first.server).get(
      '/api/operating-model/schedules/group/default/bedroom-team',
    );
    const current = before.body.shifts.find(
      (s: { start: string; end: string }) =>
        new Date(s.start) <= now && now < new Date(s.end),
    );
    expect(current).toBeDefined();
    await first.stop();

    const leaver = current.person.replace('user:default/', '');
    const entities = testEntities().map(e =>
      e.kind === 'User' && e.metadata.name === leaver
        ? { ...e, spec: { ...e.spec, memberOf: [] } }
        : e,
    );
    // Without the stored catalog snapshot, the restarted backend reads the changed catalog at once
    // (the test scheduler does not run the periodic refresh); the recorded shifts stay.
    await first.knex('catalog_snapshots').delete();
    const second = await start({ entities, knex: first.knex });
    const after = await request(second.server).get(
      '/api/operating-model/schedules/group/default/bedroom-team',
    );
    expect(after.body.participants).not.toContain(current.person);
    const same = after.body.shifts.find(
      (s: { start: string }) => s.start === current.start,
    );
    expect(same.person).toBe(current.person);
    const later = after.body.shifts.filter(
      (s: { start: string }) => s.start > current.start,
    );
    expect(later.length).toBeGreaterThan(0);
    expect(
      later.every((s: { person: string }) => s.person !== current.person),
    ).toBe(true);
    await second.stop();
  });
});
