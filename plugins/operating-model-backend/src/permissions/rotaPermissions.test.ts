import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { overrideCreatePermission } from '@operating-model/backstage-plugin-operating-model-common';
import request from 'supertest';
import { operatingModelPlugin } from '../plugin';
import { testEntities, testOperatingModelConfig } from '../testEntities';
import {
  RotaResource,
  createRotaConditionalDecision,
  rotaConditions,
  rotaPermissionRules,
} from '@operating-model/backstage-plugin-operating-model-node';

jest.setTimeout(60_000);

describe('isRotaMember', () => {
  const rota: RotaResource = {
    rotaRef: 'domain:default/furnishing',
    teams: ['group:default/bedroom-team', 'group:default/kitchen-team'],
    members: ['user:default/alice', 'user:default/dan'],
  };

  it.each`
    claims                                                      | allowed
    ${['user:default/alice']}                                   | ${true}
    ${['User:Default/Dan']}                                     | ${true}
    ${['user:default/gina', 'group:default/kitchen-team']}      | ${true}
    ${['user:default/gina', 'group:default/appointments-team']} | ${false}
    ${[]}                                                       | ${false}
  `('is $allowed for claims $claims', ({ claims, allowed }) => {
    expect(rotaPermissionRules.isRotaMember.apply(rota, { claims })).toBe(
      allowed,
    );
  });
});

/**
 * The permission backend resolves a conditional decision (from a policy, for the frontend's
 * usePermission or the plugin's own check) by posting the conditions to this plugin's
 * apply-conditions endpoint, which loads the rota through the registered resource type.
 */
describe('conditional rota decisions resolved by the plugin', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function start() {
    const knex = await databases.init('SQLITE_3');
    const backend = await startTestBackend({
      features: [
        operatingModelPlugin,
        permissionsRegistryServiceFactory,
        mockServices.rootConfig.factory({
          data: { operatingModel: testOperatingModelConfig },
        }),
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: testEntities() }),
      ],
    });
    return { server: backend.server, stop: () => backend.stop() };
  }

  const condition = (claims: string[]) =>
    createRotaConditionalDecision(
      overrideCreatePermission,
      rotaConditions.isRotaMember({ claims }),
    ).conditions;

  it.each`
    rota                                 | claims                                                      | result
    ${'group:default/bedroom-team'}      | ${['user:default/alice']}                                   | ${AuthorizeResult.ALLOW}
    ${'group:default/bedroom-team'}      | ${['user:default/gina', 'group:default/appointments-team']} | ${AuthorizeResult.DENY}
    ${'domain:default/furnishing'}       | ${['user:default/dan', 'group:default/kitchen-team']}       | ${AuthorizeResult.ALLOW}
    ${'group:default/appointments-team'} | ${['user:default/gina']}                                    | ${AuthorizeResult.ALLOW}
    ${'group:default/no-such-team'}      | ${['user:default/gina']}                                    | ${AuthorizeResult.DENY}
  `(
    'answers $result for $claims on $rota',
    async ({ rota, claims, result }) => {
      const { server, stop } = await start();
      const response = await request(server)
        .post(
          '/api/operating-model/.well-known/backstage/permissions/apply-conditions',
        )
        .set(
          'Authorization',
          mockCredentials.service.header({
            onBehalfOf: mockCredentials.service('plugin:permission'),
            targetPluginId: 'operating-model',
          }),
        )
        .send({
          items: [
            {
              id: '1',
              resourceRef: rota,
              resourceType: 'operating-model-rota',
              conditions: condition(claims),
            },
          ],
        });
      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([{ id: '1', result }]);
      await stop();
    },
  );

  it('lists the rule in the permission metadata, so a policy UI can offer it', async () => {
    const { server, stop } = await start();
    const response = await request(server).get(
      '/api/operating-model/.well-known/backstage/permissions/metadata',
    );
    expect(response.body.rules).toContainEqual(
      expect.objectContaining({
        name: 'IS_ROTA_MEMBER',
        resourceType: 'operating-model-rota',
      }),
    );
    expect(
      response.body.permissions.map((p: { name: string }) => p.name),
    ).toEqual(
      expect.arrayContaining([
        'operating-model.override.create',
        'operating-model.override.delete',
      ]),
    );
    await stop();
  });
});
