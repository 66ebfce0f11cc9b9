import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { readOperatingModelConfigFromObject } from '@operating-model/backstage-plugin-operating-model-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { createCatalogInfoAction } from './catalogInfoAction';

const config = readOperatingModelConfigFromObject({
  peakEvents: [
    {
      name: 'Black Friday',
      start: '2026-11-26T00:00:00Z',
      end: '2026-12-01T00:00:00Z',
    },
  ],
});
const beforeBlackFriday = new Date('2026-10-14T10:00:00Z');

const bedroom = {
  name: 'bedroom',
  title: 'Bedroom shop',
  owner: 'group:default/bedroom-team',
  serviceClass: 'digital-service',
  financialExposure: '200K',
  featureDemand: 'very-high',
  domain: 'domain:default/furnishing',
  runbookUrl: 'https://wiki.example/runbooks/bedroom',
  incidentChannelUrl: 'https://chat.example/inc-bedroom',
};

describe('operating-model:catalog-info', () => {
  const workspace = createMockDirectory();
  const action = createCatalogInfoAction({
    config,
    now: () => beforeBlackFriday,
  });

  beforeEach(() => workspace.clear());

  type Input = Parameters<typeof action.handler>[0]['input'];

  function contextFor(input: Input) {
    return createMockActionContext<Input>({
      input,
      workspacePath: workspace.path,
    });
  }

  it('writes catalog-info.yaml into the workspace and outputs the targets', async () => {
    const ctx = contextFor(bedroom);
    await action.handler(ctx);

    const written = await readFile(
      workspace.resolve('catalog-info.yaml'),
      'utf8',
    );
    const entity = parse(written);
    expect(entity).toMatchObject({
      kind: 'Component',
      metadata: {
        name: 'bedroom',
        annotations: {
          'operating-model.io/financial-exposure': '200K',
          'operating-model.io/feature-demand': 'very-high',
          'operating-model.io/domain': 'domain:default/furnishing',
        },
        links: [
          { type: 'runbook', url: bedroom.runbookUrl },
          { type: 'incident-channel', url: bedroom.incidentChannelUrl },
        ],
      },
      spec: { type: 'service', owner: 'group:default/bedroom-team' },
    });

    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs).toEqual({
      entityRef: 'component:default/bedroom',
      catalogInfo: written,
      availabilityTarget: 99.0,
      availabilityTargetText: '99.0%',
      tolerableUnavailabilityPerWeek: '1:40:48',
      deploymentTarget: 'daily',
      operatingModel: 'you-build-it-you-run-it',
      operatingModelTitle: 'You Build It You Run It',
      trafficLight: 'green',
      onCallWorkingHours: 'team',
      onCallOutOfHours: 'domain',
      warnings: [],
    });
  });

  it.each([
    [
      'ecommerce-platform',
      {
        serviceClass: 'foundational-system',
        financialExposure: '810K',
        featureDemand: 'low',
      },
      99.9,
      'monthly',
      'ops-run-it',
      'team',
    ],
    [
      'appointments',
      { financialExposure: '6000', featureDemand: 'high' },
      95.0,
      'weekly',
      'you-build-it-you-run-it',
      'none',
    ],
  ])(
    'gives %s the playbook targets',
    async (name, answers, target, deployments, model, outOfHours) => {
      const ctx = contextFor({ ...bedroom, name, ...answers });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('availabilityTarget', target);
      expect(ctx.output).toHaveBeenCalledWith('deploymentTarget', deployments);
      expect(ctx.output).toHaveBeenCalledWith('operatingModel', model);
      expect(ctx.output).toHaveBeenCalledWith('onCallOutOfHours', outOfHours);
    },
  );

  it('takes an exposure a template expression turned into a number, and keeps it as text', async () => {
    const ctx = contextFor({ ...bedroom, financialExposure: 250000 });
    await action.handler(ctx);
    const entity = parse(
      await readFile(workspace.resolve('catalog-info.yaml'), 'utf8'),
    );
    expect(
      entity.metadata.annotations['operating-model.io/financial-exposure'],
    ).toBe('250000');
    expect(ctx.output).toHaveBeenCalledWith('availabilityTarget', 99.0);
  });

  it('writes where targetPath says, and never outside the workspace', async () => {
    await action.handler(
      contextFor({
        ...bedroom,
        targetPath: 'services/bedroom/catalog-info.yaml',
      }),
    );
    expect(workspace.content()).toEqual({
      services: {
        bedroom: {
          'catalog-info.yaml': expect.stringContaining('name: bedroom'),
        },
      },
    });
    await expect(
      action.handler(
        contextFor({ ...bedroom, targetPath: '../catalog-info.yaml' }),
      ),
    ).rejects.toThrow(/outside/);
  });

  it('rejects answers that break the rules, naming each field, and writes nothing', async () => {
    const ctx = contextFor({
      ...bedroom,
      financialExposure: 'lots',
      featureDemand: 'huge',
    });
    const failure = action.handler(ctx);
    await expect(failure).rejects.toThrow(InputError);
    await expect(failure).rejects.toThrow(
      /financialExposure: "lots" is not an amount per hour.*featureDemand: "huge" is not a feature demand band/,
    );
    expect(workspace.content()).toEqual({});
    expect(ctx.output).not.toHaveBeenCalled();
  });
});
