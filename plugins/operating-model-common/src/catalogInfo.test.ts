import { componentEntityV1alpha1Validator } from '@backstage/catalog-model';
import { parse } from 'yaml';
import { assessService } from './assess';
import {
  OnboardingAnswers,
  assessOnboarding,
  catalogInfoFor,
  catalogInfoYaml,
  validateOnboardingAnswers,
} from './catalogInfo';
import { readOperatingModelConfigFromObject } from './config';
import { ServiceFacts } from './types';

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

// The furniture retailer of the playbook's Selection chapter, as a platform team would onboard it.
const ecommercePlatform: OnboardingAnswers = {
  name: 'ecommerce-platform',
  title: 'Ecommerce platform',
  owner: 'operations',
  serviceClass: 'foundational-system',
  financialExposure: '810K',
  featureDemand: 'low',
  domain: 'commerce',
  runbookUrl: 'https://wiki.example/runbooks/ecommerce-platform',
};
const appointments: OnboardingAnswers = {
  name: 'appointments',
  owner: 'group:default/aftercare-team',
  serviceClass: 'digital-service',
  financialExposure: '6,000',
  featureDemand: 'high',
  domain: 'domain:default/customer-services',
};
const bedroom: OnboardingAnswers = {
  name: 'bedroom',
  title: 'Bedroom shop',
  description: 'Shop pages for beds, mattresses and wardrobes.',
  owner: 'bedroom-team',
  serviceClass: 'digital-service',
  financialExposure: '200K',
  peakFinancialExposure: '900K',
  featureDemand: 'very-high',
  domain: 'furnishing',
  system: 'room-shops',
  runbookUrl: 'https://wiki.example/runbooks/bedroom',
  incidentChannelUrl: 'https://chat.example/inc-bedroom',
};

/** What the backend's catalog reader takes from a Component, written out independently here. */
function factsFromCatalog(
  entity: any,
  systemDomain: string | null,
): ServiceFacts {
  return {
    entityRef: `component:default/${entity.metadata.name}`,
    title: entity.metadata.title,
    owner: entity.spec.owner,
    system: entity.spec.system ?? null,
    domain: entity.spec.system ? systemDomain : null,
    annotations: entity.metadata.annotations ?? {},
    links: entity.metadata.links ?? [],
  };
}

function targets(assessment: ReturnType<typeof assessService>) {
  return {
    availabilityTarget: assessment.availabilityTarget,
    tolerableUnavailabilitySecondsPerWeek:
      assessment.tolerableUnavailabilitySecondsPerWeek,
    deploymentTarget: assessment.deploymentTarget,
    operatingModel: assessment.operatingModel,
    onCall: assessment.onCall,
    domain: assessment.domain,
    problems: assessment.problems,
  };
}

describe('catalog-info.yaml from the onboarding answers', () => {
  it.each([
    [
      'ecommerce-platform',
      ecommercePlatform,
      {
        availabilityTarget: 99.9,
        deploymentTarget: 'monthly',
        recommended: 'ops-run-it',
        outOfHours: 'team',
        domain: 'domain:default/commerce',
      },
    ],
    [
      'appointments',
      appointments,
      {
        availabilityTarget: 95.0,
        deploymentTarget: 'weekly',
        recommended: 'you-build-it-you-run-it',
        outOfHours: 'none',
        domain: 'domain:default/customer-services',
      },
    ],
    [
      'bedroom',
      bedroom,
      {
        availabilityTarget: 99.0,
        deploymentTarget: 'daily',
        recommended: 'you-build-it-you-run-it',
        outOfHours: 'domain',
        domain: 'domain:default/furnishing',
      },
    ],
  ])(
    'gives %s the same targets read back from its YAML as assessOnboarding',
    (_name, answers, expected) => {
      const onboarded = assessOnboarding(answers, config, beforeBlackFriday);
      const entity = parse(catalogInfoYaml(answers));
      const registered = assessService(
        factsFromCatalog(entity, 'domain:default/furnishing'),
        config,
        beforeBlackFriday,
      );

      expect(targets(registered)).toEqual(targets(onboarded));
      expect(onboarded).toMatchObject({
        availabilityTarget: expected.availabilityTarget,
        deploymentTarget: expected.deploymentTarget,
        operatingModel: { recommended: expected.recommended },
        onCall: { workingHours: 'team', outOfHours: expected.outOfHours },
        domain: expected.domain,
        problems: [],
      });
    },
  );

  it('writes a Component the catalog accepts, with the annotations, links and refs', async () => {
    const entity = parse(catalogInfoYaml(bedroom));
    await expect(componentEntityV1alpha1Validator.check(entity)).resolves.toBe(
      true,
    );
    expect(entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'bedroom',
        title: 'Bedroom shop',
        description: 'Shop pages for beds, mattresses and wardrobes.',
        annotations: {
          'operating-model.io/service-class': 'digital-service',
          'operating-model.io/financial-exposure': '200K',
          'operating-model.io/peak-financial-exposure': '900K',
          'operating-model.io/feature-demand': 'very-high',
        },
        links: [
          {
            url: 'https://wiki.example/runbooks/bedroom',
            title: 'Runbook',
            type: 'runbook',
          },
          {
            url: 'https://chat.example/inc-bedroom',
            title: 'Incident channel',
            type: 'incident-channel',
          },
        ],
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: 'group:default/bedroom-team',
        system: 'system:default/room-shops',
      },
    });
  });

  it('writes the domain annotation only for a service without a System', () => {
    expect(
      catalogInfoFor(appointments).metadata.annotations?.[
        'operating-model.io/domain'
      ],
    ).toBe('domain:default/customer-services');
    expect(catalogInfoFor(bedroom).metadata.annotations).not.toHaveProperty(
      'operating-model.io/domain',
    );
  });

  it('keeps amounts as typed, so a plain number stays text in the YAML', () => {
    const answers = { ...appointments, financialExposure: '250000' };
    const entity = parse(catalogInfoYaml(answers));
    expect(
      entity.metadata.annotations['operating-model.io/financial-exposure'],
    ).toBe('250000');
  });

  it('writes the declared model and upgrades the target during a peak event', () => {
    const answers: OnboardingAnswers = {
      ...bedroom,
      declaredModel: 'ops-run-it',
    };
    expect(catalogInfoFor(answers).metadata.annotations).toMatchObject({
      'operating-model.io/operating-model': 'ops-run-it',
    });
    const duringBlackFriday = assessOnboarding(
      bedroom,
      config,
      new Date('2026-11-27T12:00:00Z'),
    );
    expect(duringBlackFriday.availabilityTarget).toBe(99.9);
  });
});

describe('validateOnboardingAnswers', () => {
  it('finds nothing wrong with the playbook services', () => {
    for (const answers of [ecommercePlatform, appointments, bedroom]) {
      expect(validateOnboardingAnswers(answers, config)).toEqual([]);
    }
  });

  it.each<[keyof OnboardingAnswers, string, RegExp]>([
    ['name', 'Bedroom Shop!', /not a catalog entity name/],
    ['name', '', /service name is missing/],
    ['owner', 'user:default/alice', /not a Group/],
    ['owner', '', /owning team is missing/],
    ['serviceClass', 'website', /not a service class/],
    ['financialExposure', 'lots', /"lots" is not an amount per hour/],
    ['financialExposure', '£200K', /leave out the currency/],
    ['financialExposure', '', /financial exposure is missing/],
    ['peakFinancialExposure', '-5K', /it is negative/],
    ['featureDemand', 'huge', /expected one of low, medium, high, very-high/],
    ['domain', 'system:default/room-shops', /not a Domain/],
    ['domain', '', /product domain is missing/],
    ['system', 'room shops', /not a System/],
    ['runbookUrl', 'wiki/runbooks/bedroom', /runbook's link/],
    [
      'incidentChannelUrl',
      'ftp://chat.example/inc-bedroom',
      /not a web address/,
    ],
    ['declaredModel', 'devops', /not an operating model/],
  ])('names the field %s for %j', (field, value, message) => {
    const problems = validateOnboardingAnswers(
      { ...bedroom, [field]: value },
      config,
    );
    expect(problems).toEqual([
      { field, value, message: expect.stringMatching(message) },
    ]);
  });

  it('reports a bad exposure with the same message as the assessment does', () => {
    const answers = { ...bedroom, financialExposure: '200 grand' };
    const [problem] = validateOnboardingAnswers(answers, config);
    const [assessed] = assessOnboarding(
      answers,
      config,
      beforeBlackFriday,
    ).problems;
    expect(problem.message).toBe(assessed.message);
  });

  it('checks the feature demand against the bands only when it has the config', () => {
    expect(
      validateOnboardingAnswers({ ...bedroom, featureDemand: 'huge' }),
    ).toEqual([]);
  });
});
