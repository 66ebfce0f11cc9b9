import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  TemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleOperatingModel } from './module';

describe('scaffolderModuleOperatingModel', () => {
  it('adds the operating-model:catalog-info action to the scaffolder', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    // Stands in for the scaffolder backend, which owns the extension point.
    const scaffolder = createBackendPlugin({
      pluginId: 'scaffolder',
      register(env) {
        env.registerExtensionPoint(scaffolderActionsExtensionPoint, {
          addActions: (...added) => actions.push(...added),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });

    await startTestBackend({
      features: [
        scaffolder,
        scaffolderModuleOperatingModel,
        mockServices.rootConfig.factory({
          data: { operatingModel: { currency: 'GBP' } },
        }),
      ],
    });

    expect(actions.map(a => a.id)).toEqual(['operating-model:catalog-info']);
  });

  it('fails start-up naming the key when the operatingModel config is bad', async () => {
    const scaffolder = createBackendPlugin({
      pluginId: 'scaffolder',
      register(env) {
        env.registerExtensionPoint(scaffolderActionsExtensionPoint, {
          addActions: () => {},
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    await expect(
      startTestBackend({
        features: [
          scaffolder,
          scaffolderModuleOperatingModel,
          mockServices.rootConfig.factory({
            data: { operatingModel: { currency: 'pounds' } },
          }),
        ],
      }),
    ).rejects.toThrow(/operatingModel.currency/);
  });
});
