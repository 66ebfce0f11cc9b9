import { annotationProblems, assessService } from './assess';
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

function service(
  name: string,
  annotations: Record<string, string>,
  more: Partial<ServiceFacts> = {},
): ServiceFacts {
  return {
    entityRef: `component:default/${name}`,
    owner: `group:default/${name}-team`,
    system: null,
    domain: 'domain:default/furnishing',
    annotations,
    links: [],
    ...more,
  };
}

// The furniture retailer of the playbook's Selection chapter.
const ecommercePlatform = service('ecommerce-platform', {
  'operating-model.io/service-class': 'foundational-system',
  'operating-model.io/financial-exposure': '810K',
  'operating-model.io/feature-demand': 'low',
});
const appointments = service('appointments', {
  'operating-model.io/service-class': 'digital-service',
  'operating-model.io/financial-exposure': '6000',
  'operating-model.io/feature-demand': 'high',
});
const bedroom = service(
  'bedroom',
  {
    'operating-model.io/financial-exposure': '200K',
    'operating-model.io/feature-demand': 'very-high',
  },
  {
    title: 'Bedroom',
    system: 'system:default/bedroom-shop',
    links: [
      { url: 'https://runbooks.example.com/bedroom', type: 'runbook' },
      { url: 'https://grafana.example.com/d/bedroom', type: 'dashboard' },
      { url: 'https://grafana.example.com/d/other', type: 'dashboard' },
      { url: 'https://alerts.example.com/bedroom', type: 'Alerts' },
      {
        url: 'https://chat.example.com/bedroom-incidents',
        type: 'incident-channel',
      },
      { url: 'https://docs.example.com', type: 'docs' },
    ],
  },
);

describe('assessService on the furniture retailer', () => {
  it('assesses the ecommerce platform: 99.9%, monthly, Ops Run It', () => {
    const assessment = assessService(
      ecommercePlatform,
      config,
      beforeBlackFriday,
    );
    expect(assessment).toMatchObject({
      entityRef: 'component:default/ecommerce-platform',
      serviceClass: 'foundational-system',
      financialExposurePerHour: 810000,
      availabilityTarget: 99.9,
      tolerableUnavailabilitySecondsPerWeek: 604.8,
      deploymentTarget: 'monthly',
      operatingModel: {
        recommended: 'ops-run-it',
        declared: null,
        trafficLight: 'red',
        leaning: null,
      },
      onCall: { workingHours: 'team', outOfHours: 'team' },
      problems: [],
    });
    expect(assessment.warnings.map(w => w.code)).toEqual([
      'exposure-above-highest-band',
    ]);
    expect(assessment.warnings[0].message).toContain('£810K');
    expect(assessment.warnings[0].message).toContain('£800K');
  });

  it('assesses appointments: 95.0%, weekly, You Build It You Run It, nobody out of hours', () => {
    const assessment = assessService(appointments, config, beforeBlackFriday);
    expect(assessment).toMatchObject({
      serviceClass: 'digital-service',
      financialExposurePerHour: 6000,
      availabilityTarget: 95.0,
      tolerableUnavailabilitySecondsPerWeek: 30240,
      deploymentTarget: 'weekly',
      operatingModel: {
        recommended: 'you-build-it-you-run-it',
        trafficLight: 'green',
      },
      onCall: { workingHours: 'team', outOfHours: 'none' },
      problems: [],
      warnings: [],
    });
  });

  it('assesses bedroom exactly as the specification shows it', () => {
    expect(assessService(bedroom, config, beforeBlackFriday)).toEqual({
      entityRef: 'component:default/bedroom',
      title: 'Bedroom',
      serviceClass: 'digital-service',
      owner: 'group:default/bedroom-team',
      system: 'system:default/bedroom-shop',
      domain: 'domain:default/furnishing',
      financialExposurePerHour: 200000,
      peakFinancialExposurePerHour: null,
      featureDemand: 'very-high',
      availabilityTarget: 99.0,
      tolerableUnavailabilitySecondsPerWeek: 6048,
      deploymentTarget: 'daily',
      operatingModel: {
        recommended: 'you-build-it-you-run-it',
        declared: null,
        trafficLight: 'green',
        leaning: null,
      },
      onCall: { workingHours: 'team', outOfHours: 'domain' },
      peak: {
        event: {
          name: 'Black Friday',
          start: '2026-11-26T00:00:00Z',
          end: '2026-12-01T00:00:00Z',
        },
        active: false,
      },
      practices: {
        preApprovedChanges: null,
        failureDesign: null,
        serviceTelemetry: null,
      },
      links: {
        runbook: 'https://runbooks.example.com/bedroom',
        dashboard: 'https://grafana.example.com/d/bedroom',
        alerts: 'https://alerts.example.com/bedroom',
        incidentChannel: 'https://chat.example.com/bedroom-incidents',
      },
      problems: [],
      warnings: [],
      at: '2026-10-14T10:00:00.000Z',
    });
  });
});

describe('assessService during a peak event', () => {
  const withPeak = service('bedroom', {
    'operating-model.io/financial-exposure': '200K',
    'operating-model.io/peak-financial-exposure': '600K',
    'operating-model.io/feature-demand': 'very-high',
  });

  it.each([
    ['2026-11-25T23:59:59.999Z', 99.0, 'domain', false, false],
    ['2026-11-26T00:00:00.000Z', 99.9, 'team', true, true],
    ['2026-11-30T23:59:59.999Z', 99.9, 'team', true, true],
    ['2026-12-01T00:00:00.000Z', 99.0, 'domain', false, false],
  ])(
    'at %s the target is %p%% with %s out of hours',
    (at, target, outOfHours, active, warned) => {
      const assessment = assessService(withPeak, config, new Date(at));
      expect(assessment.availabilityTarget).toBe(target);
      expect(assessment.onCall.outOfHours).toBe(outOfHours);
      expect(assessment.peak?.active ?? false).toBe(active);
      expect(
        assessment.warnings.some(w => w.code === 'peak-event-active'),
      ).toBe(warned);
      expect(assessment.financialExposurePerHour).toBe(200000);
      expect(assessment.peakFinancialExposurePerHour).toBe(600000);
    },
  );

  it('names the event in the warning', () => {
    const assessment = assessService(
      withPeak,
      config,
      new Date('2026-11-27T12:00:00Z'),
    );
    const warning = assessment.warnings.find(
      w => w.code === 'peak-event-active',
    );
    expect(warning?.message).toContain('Black Friday');
    expect(warning?.message).toContain('99.9%');
    expect(assessment.tolerableUnavailabilitySecondsPerWeek).toBe(604.8);
    // The model follows the usual exposure; the peak only changes the cover.
    expect(assessment.operatingModel.recommended).toBe(
      'you-build-it-you-run-it',
    );
  });

  it('never lowers the target when the peak exposure is lower', () => {
    const quieter = service('garden', {
      'operating-model.io/financial-exposure': '300K',
      'operating-model.io/peak-financial-exposure': '5K',
      'operating-model.io/feature-demand': 'high',
    });
    const assessment = assessService(
      quieter,
      config,
      new Date('2026-11-27T12:00:00Z'),
    );
    expect(assessment.availabilityTarget).toBe(99.9);
  });

  it('keeps the usual target for a service without a peak exposure', () => {
    const assessment = assessService(
      bedroom,
      config,
      new Date('2026-11-27T12:00:00Z'),
    );
    expect(assessment.availabilityTarget).toBe(99.0);
    expect(assessment.peak?.active).toBe(true);
    expect(assessment.warnings).toEqual([]);
  });

  it('has no peak when none is to come', () => {
    const assessment = assessService(
      bedroom,
      config,
      new Date('2027-01-01T00:00:00Z'),
    );
    expect(assessment.peak).toBeNull();
  });
});

describe('assessService warnings and declarations', () => {
  it('warns about a digital service with low exposure and low demand', () => {
    const quiet = service('catalogue-print', {
      'operating-model.io/financial-exposure': '2K',
      'operating-model.io/feature-demand': 'low',
    });
    const assessment = assessService(quiet, config, beforeBlackFriday);
    expect(assessment.warnings.map(w => w.code)).toEqual([
      'low-exposure-low-demand',
    ]);
    expect(assessment.operatingModel.trafficLight).toBe('red');
  });

  it('reads a declared model and says when it differs from the recommended one', () => {
    const declared = service('bedroom', {
      'operating-model.io/financial-exposure': '200K',
      'operating-model.io/feature-demand': 'very-high',
      'operating-model.io/operating-model': 'ops-run-it',
    });
    const assessment = assessService(declared, config, beforeBlackFriday);
    expect(assessment.operatingModel.declared).toBe('ops-run-it');
    expect(assessment.operatingModel.recommended).toBe(
      'you-build-it-you-run-it',
    );
    expect(assessment.warnings.map(w => w.code)).toEqual([
      'declared-model-differs',
    ]);
    // Under Ops Run It the operations group's own schedule covers it.
    expect(assessment.onCall.outOfHours).toBe('team');
  });

  it('reads the practices annotations', () => {
    const practised = service('bedroom', {
      'operating-model.io/financial-exposure': '200K',
      'operating-model.io/feature-demand': 'very-high',
      'operating-model.io/pre-approved-changes': 'TRUE',
      'operating-model.io/failure-design': 'partial',
      'operating-model.io/service-telemetry': 'yes',
    });
    expect(
      assessService(practised, config, beforeBlackFriday).practices,
    ).toEqual({
      preApprovedChanges: true,
      failureDesign: 'partial',
      serviceTelemetry: 'yes',
    });
  });

  it.each([
    ['furnishing', 'domain:default/furnishing'],
    ['retail/furnishing', 'domain:retail/furnishing'],
    ['domain:furnishing', 'domain:default/furnishing'],
    ['domain:default/furnishing', 'domain:default/furnishing'],
    [' furnishing ', 'domain:default/furnishing'],
  ])(
    'takes the domain %p from the annotation where there is no System',
    (value, ref) => {
      const facts = service(
        'bedroom',
        {
          'operating-model.io/financial-exposure': '200K',
          'operating-model.io/feature-demand': 'high',
          'operating-model.io/domain': value,
        },
        { domain: null },
      );
      const assessment = assessService(facts, config, beforeBlackFriday);
      expect(assessment.domain).toBe(ref);
      expect(assessment.problems).toEqual([]);
    },
  );

  it('prefers the domain of the System to the annotation', () => {
    const facts = service('bedroom', {
      'operating-model.io/financial-exposure': '200K',
      'operating-model.io/feature-demand': 'high',
      'operating-model.io/domain': 'garden',
    });
    expect(assessService(facts, config, beforeBlackFriday).domain).toBe(
      'domain:default/furnishing',
    );
  });

  it('flags annotations it does not know', () => {
    const facts = service('bedroom', {
      'operating-model.io/financial-exposure': '200K',
      'operating-model.io/feature-demand': 'high',
      'operating-model.io/financial-exposur': '300K',
      'backstage.io/techdocs-ref': 'dir:.',
    });
    const assessment = assessService(facts, config, beforeBlackFriday);
    expect(assessment.warnings).toEqual([
      {
        code: 'unknown-annotation',
        message: expect.stringContaining(
          'operating-model.io/financial-exposur ',
        ),
      },
    ]);
  });
});

describe('assessService on unreadable annotations', () => {
  it.each([
    [
      'operating-model.io/service-class',
      'digital',
      '"digital" is not a service class; expected digital-service or foundational-system',
    ],
    [
      'operating-model.io/financial-exposure',
      'huge',
      '"huge" is not an amount per hour; expected a non-negative number such as 200000, 200K, 1.5M or 250,000',
    ],
    [
      'operating-model.io/financial-exposure',
      '£200K',
      '"£200K" is not an amount per hour (leave out the currency',
    ],
    [
      'operating-model.io/peak-financial-exposure',
      '-1',
      '"-1" is not an amount per hour (it is negative)',
    ],
    [
      'operating-model.io/feature-demand',
      'huge',
      '"huge" is not a feature demand band; expected one of low, medium, high, very-high',
    ],
    [
      'operating-model.io/operating-model',
      'devops',
      '"devops" is not an operating model; expected you-build-it-you-run-it or ops-run-it',
    ],
    [
      'operating-model.io/pre-approved-changes',
      'maybe',
      '"maybe" is not true or false; expected true or false',
    ],
    [
      'operating-model.io/failure-design',
      'sometimes',
      '"sometimes" is not an answer to the failure design question; expected yes, partial or no',
    ],
    [
      'operating-model.io/service-telemetry',
      'lots',
      '"lots" is not an answer to the service telemetry question; expected yes, partial or no',
    ],
    [
      'operating-model.io/domain',
      'system:default/bedroom-shop',
      '"system:default/bedroom-shop" is not a Domain',
    ],
  ])('reports %s: %p', (annotation, value, message) => {
    const facts = service('bedroom', {
      'operating-model.io/financial-exposure': '200K',
      'operating-model.io/feature-demand': 'very-high',
      [annotation]: value,
    });
    const assessment = assessService(facts, config, beforeBlackFriday);
    expect(assessment.problems).toHaveLength(1);
    expect(assessment.problems[0].annotation).toBe(annotation);
    expect(assessment.problems[0].value).toBe(value);
    expect(assessment.problems[0].message.startsWith(message)).toBe(true);
    expect(annotationProblems(facts, config)).toEqual(assessment.problems);
  });

  it('reports missing exposure and demand and still computes the rest', () => {
    const facts = service('bedroom', {});
    const assessment = assessService(facts, config, beforeBlackFriday);
    expect(assessment.problems).toEqual([
      {
        annotation: 'operating-model.io/financial-exposure',
        value: '',
        message: expect.stringMatching(/^The annotation is missing/),
      },
      {
        annotation: 'operating-model.io/feature-demand',
        value: '',
        message:
          'The annotation is missing; expected one of low, medium, high, very-high',
      },
    ]);
    expect(assessment).toMatchObject({
      serviceClass: 'digital-service',
      financialExposurePerHour: null,
      availabilityTarget: null,
      tolerableUnavailabilitySecondsPerWeek: null,
      deploymentTarget: null,
      operatingModel: {
        recommended: 'you-build-it-you-run-it',
        declared: null,
        trafficLight: null,
      },
      onCall: { workingHours: 'team', outOfHours: null },
    });
  });

  it('keeps the demand-based results when the exposure is unreadable', () => {
    const facts = service('ecommerce-platform', {
      'operating-model.io/service-class': 'foundational-system',
      'operating-model.io/financial-exposure': 'lots',
      'operating-model.io/feature-demand': 'low',
    });
    const assessment = assessService(facts, config, beforeBlackFriday);
    expect(assessment).toMatchObject({
      availabilityTarget: null,
      deploymentTarget: 'monthly',
      operatingModel: { recommended: null, trafficLight: 'red' },
      onCall: { workingHours: 'team', outOfHours: null },
    });
  });

  it('keeps the exposure-based results when the class is unreadable', () => {
    const facts = service('bedroom', {
      'operating-model.io/service-class': 'utility',
      'operating-model.io/financial-exposure': '200K',
      'operating-model.io/feature-demand': 'very-high',
    });
    const assessment = assessService(facts, config, beforeBlackFriday);
    expect(assessment).toMatchObject({
      serviceClass: null,
      availabilityTarget: 99.0,
      deploymentTarget: 'daily',
      operatingModel: { recommended: null, trafficLight: 'green' },
    });
  });

  const garbage: unknown[] = [
    '',
    '   ',
    'constructor',
    '__proto__',
    'toString',
    'NaN',
    '-0',
    '1e309',
    '9'.repeat(400),
    '💥',
    '{"a":1}',
    'null',
    'undefined',
    '\u0000',
    42,
    true,
    null,
    undefined,
    { nested: 'object' },
    ['list'],
  ];

  it.each(garbage.map(value => [value]))(
    'never throws when every annotation is %p',
    value => {
      const annotations: Record<string, unknown> = {};
      for (const name of [
        'operating-model.io/service-class',
        'operating-model.io/financial-exposure',
        'operating-model.io/peak-financial-exposure',
        'operating-model.io/feature-demand',
        'operating-model.io/operating-model',
        'operating-model.io/pre-approved-changes',
        'operating-model.io/failure-design',
        'operating-model.io/service-telemetry',
        'operating-model.io/domain',
        'operating-model.io/made-up',
      ]) {
        annotations[name] = value;
      }
      const facts = service('chaos', annotations as Record<string, string>, {
        domain: null,
        links: [
          { url: 'x', type: value as string },
          value as { url: string },
        ].filter(Boolean),
      });
      const during = new Date('2026-11-27T00:00:00Z');
      expect(() => assessService(facts, config, during)).not.toThrow();
      const assessment = assessService(facts, config, during);
      expect(JSON.parse(JSON.stringify(assessment))).toEqual(assessment);
      expect(annotationProblems(facts, config)).toEqual(assessment.problems);
    },
  );

  it('never throws when annotations and links are missing altogether', () => {
    const facts = {
      entityRef: 'component:default/bare',
      owner: null,
      system: null,
      domain: null,
    } as unknown as ServiceFacts;
    const assessment = assessService(facts, config, beforeBlackFriday);
    expect(assessment.problems.map(p => p.annotation)).toEqual([
      'operating-model.io/financial-exposure',
      'operating-model.io/feature-demand',
    ]);
    expect(assessment.links).toEqual({});
  });
});
