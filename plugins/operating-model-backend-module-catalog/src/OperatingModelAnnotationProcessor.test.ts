import { Entity } from '@backstage/catalog-model';
import {
  annotationProblems,
  readOperatingModelConfigFromObject,
} from '@operating-model/backstage-plugin-operating-model-common';
import { OperatingModelAnnotationProcessor } from './OperatingModelAnnotationProcessor';

const config = readOperatingModelConfigFromObject({
  catalog: { annotationProblems: 'error' },
});
const location = { type: 'file', target: '/catalog-info.yaml' };

function service(
  annotations: Record<string, string>,
  type = 'service',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'delivery-tracking', annotations },
    spec: { type, owner: 'aftercare-team', lifecycle: 'production' },
  };
}

describe('OperatingModelAnnotationProcessor', () => {
  const processor = new OperatingModelAnnotationProcessor(config);

  it('reports nothing by default, so the catalog keeps services with broken annotations', async () => {
    const warnOnly = new OperatingModelAnnotationProcessor(
      readOperatingModelConfigFromObject({}),
    );
    const entity = service({ 'operating-model.io/feature-demand': 'huge' });
    const emit = jest.fn();
    await expect(
      warnOnly.postProcessEntity(entity, location, emit),
    ).resolves.toBe(entity);
    expect(emit).not.toHaveBeenCalled();
  });

  it('emits one processing error per unreadable annotation, with the assessment text', async () => {
    const entity = service({
      'operating-model.io/financial-exposure': 'lots',
      'operating-model.io/feature-demand': 'huge',
    });
    const emit = jest.fn();
    await expect(
      processor.postProcessEntity(entity, location, emit),
    ).resolves.toBe(entity);

    const expected = annotationProblems(
      {
        entityRef: 'component:default/delivery-tracking',
        owner: null,
        system: null,
        domain: null,
        annotations: entity.metadata.annotations!,
        links: [],
      },
      config,
    ).map(p => p.message);
    expect(expected).toHaveLength(2);
    expect(emit.mock.calls.map(([result]) => result.error.message)).toEqual(
      expected,
    );
    expect(emit.mock.calls.every(([result]) => result.type === 'error')).toBe(
      true,
    );
    expect(emit.mock.calls[0][0].error.name).toBe('InputError');
  });

  it('leaves readable services and other components alone', async () => {
    const emit = jest.fn();
    await processor.postProcessEntity(
      service({
        'operating-model.io/financial-exposure': '200K',
        'operating-model.io/feature-demand': 'very-high',
      }),
      location,
      emit,
    );
    await processor.postProcessEntity(service({}, 'library'), location, emit);
    expect(emit).not.toHaveBeenCalled();
  });
});
