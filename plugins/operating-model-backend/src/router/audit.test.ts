import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { operatingModelPlugin } from '../plugin';
import { testEntities, testOperatingModelConfig } from '../testEntities';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** Every write is an auditor event that ends in success or failure, with who did it. */
describe('auditor events for writes', () => {
  async function start() {
    const outcomes: Array<{
      eventId: string;
      outcome: 'success' | 'fail';
      meta?: unknown;
    }> = [];
    const auditor = mockServices.auditor.mock({
      createEvent: async ({ eventId }) => ({
        success: async options => {
          outcomes.push({ eventId, outcome: 'success', meta: options?.meta });
        },
        fail: async () => {
          outcomes.push({ eventId, outcome: 'fail' });
        },
      }),
    });
    const backend = await startTestBackend({
      features: [
        operatingModelPlugin,
        mockServices.rootConfig.factory({
          data: { operatingModel: testOperatingModelConfig },
        }),
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        catalogServiceMock.factory({ entities: testEntities() }),
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        }).factory,
        auditor.factory,
      ],
    });
    return {
      server: backend.server,
      outcomes,
      auditor,
      stop: () => backend.stop(),
    };
  }

  it('records event batches, override creation and removal, and refusals', async () => {
    const { server, outcomes, auditor, stop } = await start();
    const service = { Authorization: mockCredentials.service.header() };
    const user = {
      Authorization: mockCredentials.user.header('user:default/alice'),
    };
    const item = {
      source: 'ci',
      externalId: 'd1',
      service: 'bedroom',
      environment: 'production',
      buildTime: '2026-11-02T09:00:00Z',
      deployTime: '2026-11-02T10:00:00Z',
    };
    await request(server)
      .post('/api/operating-model/events/deployments')
      .set(service)
      .send({ items: [item] });
    await request(server)
      .post('/api/operating-model/events/deployments')
      .set(service)
      .send({ items: [{ ...item, deployTime: 'soon' }] });
    const created = await request(server)
      .post(
        '/api/operating-model/schedules/group/default/bedroom-team/overrides',
      )
      .set(user)
      .send({
        person: 'user:default/bob',
        start: '2026-11-10T12:00:00Z',
        end: '2026-11-11T12:00:00Z',
      });
    await request(server)
      .delete(
        `/api/operating-model/schedules/group/default/bedroom-team/overrides/${created.body.id}`,
      )
      .set(user);

    expect(outcomes).toEqual([
      { eventId: 'events-write', outcome: 'success', meta: { written: 1 } },
      { eventId: 'events-write', outcome: 'fail' },
      {
        eventId: 'override-create',
        outcome: 'success',
        meta: { id: created.body.id },
      },
      { eventId: 'override-delete', outcome: 'success', meta: undefined },
    ]);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'override-create',
        meta: expect.objectContaining({
          rotaRef: 'group:default/bedroom-team',
          person: 'user:default/bob',
        }),
      }),
    );
    await stop();
  });
});
