import { ConfigReader } from '@backstage/config';
import { readOperatingModelConfigFromObject } from './config';
import {
  CostEntityFacts,
  CostServiceFacts,
  calloutCost,
  domainFunding,
  groupRefOf,
  linearRunCostWhatIf,
  onCallCosts,
  outOfHoursLevels,
  outOfHoursRotas,
  readDefaultBudgetHolder,
  standbyCost,
  teamFunding,
  weeksBetween,
} from './onCallCost';
import { ServiceAssessment } from './types';

const config = readOperatingModelConfigFromObject({});
const remuneration = config.onCall.remuneration;

describe('standby and callout cost', () => {
  it.each([
    [0, 0],
    [1, 350],
    [2.5, 875],
    [13, 4550],
  ])('%p weeks of standby on one rota cost %p', (weeks, cost) => {
    expect(standbyCost(weeks, remuneration)).toBe(cost);
  });

  it.each([
    ['standby-and-callout', 0, 0],
    ['standby-and-callout', 1.5, 90],
    ['standby-and-callout', 10, 600],
    ['standby-only', 10, 0],
  ] as const)('under %s, %p hours of callout cost %p', (model, hours, cost) => {
    expect(calloutCost(hours, { ...remuneration, model })).toBe(cost);
  });

  it('counts weeks between two instants, never fewer than none', () => {
    expect(
      weeksBetween(
        new Date('2026-10-05T00:00:00Z'),
        new Date('2026-10-19T00:00:00Z'),
      ),
    ).toBe(2);
    expect(
      weeksBetween(
        new Date('2026-10-05T00:00:00Z'),
        new Date('2026-10-05T12:00:00Z'),
      ),
    ).toBeCloseTo(1 / 14);
    expect(
      weeksBetween(
        new Date('2026-10-19T00:00:00Z'),
        new Date('2026-10-05T00:00:00Z'),
      ),
    ).toBe(0);
  });
});

describe('outOfHoursRotas', () => {
  const services = [
    {
      entityRef: 'component:default/a',
      owner: 'group:default/t1',
      domain: 'domain:default/d',
      outOfHours: 'domain' as const,
    },
    {
      entityRef: 'component:default/b',
      owner: 'group:default/t2',
      domain: 'domain:default/d',
      outOfHours: 'domain' as const,
    },
    {
      entityRef: 'component:default/c',
      owner: 'group:default/t2',
      domain: 'domain:default/d',
      outOfHours: 'team' as const,
    },
    {
      entityRef: 'component:default/d',
      owner: 'group:default/t3',
      domain: null,
      outOfHours: 'domain' as const,
    },
    {
      entityRef: 'component:default/e',
      owner: 'group:default/t4',
      domain: 'domain:default/d',
      outOfHours: 'none' as const,
    },
    {
      entityRef: 'component:default/f',
      owner: 'group:default/t4',
      domain: 'domain:default/d',
      outOfHours: null,
    },
  ];

  it('puts team-level services on their team rota and domain-level ones on the domain rota', () => {
    expect(outOfHoursRotas(services)).toEqual({
      team: {
        'group:default/t2': ['component:default/c'],
        'group:default/t3': ['component:default/d'],
      },
      domain: {
        'domain:default/d': ['component:default/a', 'component:default/b'],
      },
      withoutDomain: [],
    });
  });

  it('can keep domain-level services without a Domain apart, as needing a domain rota', () => {
    const rotas = outOfHoursRotas(services, { withoutDomain: 'apart' });
    expect(Object.keys(rotas.team)).toEqual(['group:default/t2']);
    expect(rotas.withoutDomain).toEqual(['component:default/d']);
  });
});

describe('outOfHoursLevels', () => {
  const service = (
    exposure: number | null,
    recommended: 'you-build-it-you-run-it' | 'ops-run-it' | null,
    declared: 'you-build-it-you-run-it' | 'ops-run-it' | null = null,
  ): Pick<
    ServiceAssessment,
    'financialExposurePerHour' | 'operatingModel'
  > => ({
    financialExposurePerHour: exposure,
    operatingModel: {
      recommended,
      declared,
      trafficLight: null,
      leaning: null,
    },
  });

  it.each([
    [
      'a low-exposure digital service',
      service(6000, 'you-build-it-you-run-it'),
      'none',
      'none',
      false,
    ],
    [
      'the bedroom frontend',
      service(200_000, 'you-build-it-you-run-it'),
      'domain',
      'domain',
      false,
    ],
    [
      'a high-exposure digital service',
      service(810_000, 'you-build-it-you-run-it'),
      'team',
      'team',
      true,
    ],
    [
      'an Ops Run It system',
      service(810_000, 'ops-run-it'),
      'team',
      'team',
      true,
    ],
    [
      'a digital service declared Ops Run It',
      service(200_000, 'you-build-it-you-run-it', 'ops-run-it'),
      'domain',
      'team',
      false,
    ],
    [
      'an unknown exposure',
      service(null, 'you-build-it-you-run-it'),
      null,
      null,
      null,
    ],
  ])(
    '%s: called for %p, in place %p, top band %p',
    (_, s, calledFor, inPlace, topBand) => {
      expect(outOfHoursLevels(s, config.availabilityBands)).toEqual({
        calledFor,
        inPlace,
        topBand,
      });
    },
  );
});

describe('linearRunCostWhatIf', () => {
  // The playbook's linear run cost: with every team on call, standby is R × n for n teams.
  const domainTeams = (n: number): CostServiceFacts[] =>
    Array.from({ length: n }, (_, i) => ({
      entityRef: `component:default/s${i}`,
      owner: `group:default/team-${i}`,
      domain: 'domain:default/shop',
      outOfHours: 'domain' as const,
    }));

  it.each([
    [1, 350, 350],
    [10, 3500, 350],
    [20, 7000, 350],
  ])(
    '%p teams sharing one domain: linear %p a week, bands %p',
    (n, linear, bands) => {
      const whatIf = linearRunCostWhatIf(domainTeams(n), {
        standbyPerWeek: 350,
        weeks: 1,
      });
      expect(whatIf.linear.rotas).toBe(n);
      expect(whatIf.linear.perWeek).toBe(linear);
      expect(whatIf.bands.perWeek).toBe(bands);
      expect(whatIf.bands.domainRotas).toEqual(['domain:default/shop']);
      expect(whatIf.difference).toBe(linear - bands);
    },
  );

  it('grows with team count when every team has a team-level service, bands or not', () => {
    const services = domainTeams(10).map(s => ({
      ...s,
      outOfHours: 'team' as const,
    }));
    const whatIf = linearRunCostWhatIf(services, {
      standbyPerWeek: 350,
      weeks: 13,
    });
    expect(whatIf.linear.standbyCost).toBe(350 * 10 * 13);
    expect(whatIf.bands.standbyCost).toBe(350 * 10 * 13);
    expect(whatIf.difference).toBe(0);
  });

  it('leaves out services with no out-of-hours cover, and counts a team once', () => {
    const whatIf = linearRunCostWhatIf(
      [
        {
          entityRef: 'component:default/a',
          owner: 'group:default/t',
          domain: 'domain:default/d',
          outOfHours: 'team',
        },
        {
          entityRef: 'component:default/b',
          owner: 'group:default/t',
          domain: 'domain:default/d',
          outOfHours: 'domain',
        },
        {
          entityRef: 'component:default/c',
          owner: 'group:default/u',
          domain: null,
          outOfHours: 'none',
        },
      ],
      { standbyPerWeek: 100, weeks: 1 },
    );
    expect(whatIf.linear.teams).toEqual(['group:default/t']);
    // One team with both levels needs its own rota and a place on the domain's: the bands cost more here.
    expect(whatIf.bands.rotas).toBe(2);
    expect(whatIf.difference).toBe(-100);
  });
});

describe('budget holders', () => {
  it.each([
    [undefined, null],
    ['head-of-delivery', 'head-of-delivery'],
    [' Head-Of-Product ', 'head-of-product'],
  ])('reads operatingModel.onCall.budgetHolder %p as %p', (value, expected) => {
    const reader = new ConfigReader({
      operatingModel: {
        onCall: value === undefined ? {} : { budgetHolder: value },
      },
    });
    expect(readDefaultBudgetHolder(reader)).toBe(expected);
  });

  it('refuses a default that is not a budget holder, naming the key', () => {
    expect(() =>
      readDefaultBudgetHolder(
        new ConfigReader({
          operatingModel: { onCall: { budgetHolder: 'cfo' } },
        }),
      ),
    ).toThrow(
      'operatingModel.onCall.budgetHolder must be one of head-of-product, head-of-delivery, head-of-operations, got "cfo"',
    );
  });

  it.each([
    ['budget', 'group:default/budget'],
    ['default/budget', 'group:default/budget'],
    ['group:ops/Budget', 'group:ops/budget'],
    ['user:default/jo', null],
    ['not a ref', null],
  ])('reads %p as the Group %p', (text, ref) => {
    expect(groupRefOf(text)).toBe(ref);
  });

  it.each([
    [
      { 'operating-model.io/budget-holder': 'head-of-product' },
      'head-of-delivery',
      'head-of-product',
      'annotation',
      0,
    ],
    [{}, 'head-of-delivery', 'head-of-delivery', 'config', 0],
    [{}, null, null, 'none', 0],
    [
      { 'operating-model.io/budget-holder': 'ceo' },
      'head-of-delivery',
      'head-of-delivery',
      'config',
      1,
    ],
  ] as const)(
    'funds a team with %p and default %p from %p (%p)',
    (annotations, fallback, holder, source, problems) => {
      const result = teamFunding(
        { entityRef: 'group:default/t', annotations },
        'group:default/t',
        fallback,
      );
      expect(result.funding).toEqual({
        group: 'group:default/t',
        budgetHolder: holder,
        source,
      });
      expect(result.problems).toHaveLength(problems);
    },
  );

  it('funds a domain rota from the Group its annotation names', () => {
    const groups = new Map([
      [
        'group:default/ops',
        {
          entityRef: 'group:default/ops',
          annotations: {
            'operating-model.io/budget-holder': 'head-of-operations',
          },
        },
      ],
    ]);
    const domain = (value?: string): CostEntityFacts => ({
      entityRef: 'domain:default/d',
      annotations:
        value === undefined
          ? {}
          : { 'operating-model.io/on-call-budget-holder': value },
    });
    expect(
      domainFunding(domain('ops'), 'domain:default/d', groups, null),
    ).toEqual({
      funding: {
        group: 'group:default/ops',
        budgetHolder: 'head-of-operations',
        source: 'annotation',
      },
      problems: [],
    });
    expect(
      domainFunding(domain(), 'domain:default/d', groups, null).problems[0],
    ).toContain('has no operating-model.io/on-call-budget-holder annotation');
    expect(
      domainFunding(domain('missing'), 'domain:default/d', groups, null),
    ).toEqual({
      funding: {
        group: 'group:default/missing',
        budgetHolder: null,
        source: 'none',
      },
      problems: [expect.stringContaining('not a Group in the catalog')],
    });
    expect(
      domainFunding(domain('user:default/x'), 'domain:default/d', groups, null)
        .problems[0],
    ).toContain('is not a Group');
  });
});

describe('onCallCosts', () => {
  const window = {
    from: new Date('2026-10-05T00:00:00Z'),
    to: new Date('2026-10-19T00:00:00Z'),
  };
  const services: CostServiceFacts[] = [
    {
      entityRef: 'component:default/bedroom',
      owner: 'group:default/bedroom-team',
      domain: 'domain:default/furnishing',
      outOfHours: 'domain',
    },
    {
      entityRef: 'component:default/kitchen',
      owner: 'group:default/kitchen-team',
      domain: 'domain:default/furnishing',
      outOfHours: 'domain',
    },
    {
      entityRef: 'component:default/ecommerce',
      owner: 'group:default/operations',
      domain: null,
      outOfHours: 'team',
    },
    {
      entityRef: 'component:default/appointments',
      owner: 'group:default/appointments-team',
      domain: null,
      outOfHours: 'none',
    },
    {
      entityRef: 'component:default/orphan',
      owner: 'group:default/lonely-team',
      domain: null,
      outOfHours: 'domain',
    },
  ];
  const groups: CostEntityFacts[] = [
    {
      entityRef: 'group:default/bedroom-team',
      title: 'Bedroom team',
      annotations: { 'operating-model.io/budget-holder': 'head-of-product' },
    },
    { entityRef: 'group:default/kitchen-team', annotations: {} },
    {
      entityRef: 'group:default/operations',
      annotations: { 'operating-model.io/budget-holder': 'head-of-operations' },
    },
    { entityRef: 'group:default/appointments-team', annotations: {} },
    {
      entityRef: 'group:default/lonely-team',
      annotations: { 'operating-model.io/budget-holder': 'ceo' },
    },
  ];
  const domains: CostEntityFacts[] = [
    {
      entityRef: 'domain:default/furnishing',
      title: 'Furnishing',
      annotations: {
        'operating-model.io/on-call-budget-holder': 'bedroom-team',
      },
    },
  ];
  const participants = {
    'group:default/bedroom-team': 3,
    'group:default/kitchen-team': 2,
    'group:default/operations': 3,
    'group:default/appointments-team': 3,
    'group:default/lonely-team': 0,
    'domain:default/furnishing': 5,
  };
  const at = (iso: string) => Date.parse(iso);
  const incidents = [
    // Saturday: out of hours, paged on the domain rota.
    {
      id: '1',
      startedAt: at('2026-10-10T10:00:00Z'),
      restoredAt: at('2026-10-10T12:00:00Z'),
      services: ['component:default/bedroom'],
    },
    // Tuesday 21:00 London: out of hours, hits two services on one rota, paid once.
    {
      id: '2',
      startedAt: at('2026-10-06T20:00:00Z'),
      restoredAt: at('2026-10-06T21:30:00Z'),
      services: ['component:default/bedroom', 'component:default/kitchen'],
    },
    // Wednesday 11:00 London: working hours.
    {
      id: '3',
      startedAt: at('2026-10-07T10:00:00Z'),
      restoredAt: at('2026-10-07T11:00:00Z'),
      services: ['component:default/ecommerce'],
    },
    // Sunday, but nobody is on call out of hours for appointments.
    {
      id: '4',
      startedAt: at('2026-10-11T10:00:00Z'),
      restoredAt: at('2026-10-11T11:00:00Z'),
      services: ['component:default/appointments'],
    },
    // Thursday midnight London: the operations group's own rota.
    {
      id: '5',
      startedAt: at('2026-10-08T23:00:00Z'),
      restoredAt: at('2026-10-09T01:00:00Z'),
      services: ['component:default/ecommerce'],
    },
    // Still open: not paid until it is restored.
    {
      id: '6',
      startedAt: at('2026-10-17T10:00:00Z'),
      restoredAt: null,
      services: ['component:default/bedroom'],
    },
  ];
  const costs = (overrides: Partial<typeof config.onCall.remuneration> = {}) =>
    onCallCosts({
      window,
      services,
      groups,
      domains,
      participants,
      incidents,
      config: {
        ...config,
        onCall: {
          ...config.onCall,
          remuneration: { ...remuneration, ...overrides },
        },
      },
      defaultBudgetHolder: 'head-of-delivery',
    });

  it('charges standby per out-of-hours rota and callout per out-of-hours incident hour', () => {
    const report = costs();
    expect(report.weeks).toBe(2);
    const row = (ref: string) =>
      [...report.teams, ...report.domains].find(r => r.entityRef === ref)!;

    expect(row('domain:default/furnishing')).toMatchObject({
      kind: 'domain',
      title: 'Furnishing',
      outOfHoursRota: true,
      services: ['component:default/bedroom', 'component:default/kitchen'],
      standbyCost: 700,
      calloutIncidents: 2,
      calloutHours: 3.5,
      calloutCost: 210,
      total: 910,
      funding: {
        group: 'group:default/bedroom-team',
        budgetHolder: 'head-of-product',
        source: 'annotation',
      },
      problems: [],
    });
    expect(row('group:default/operations')).toMatchObject({
      outOfHoursRota: true,
      standbyCost: 700,
      calloutIncidents: 1,
      calloutHours: 2,
      calloutCost: 120,
      total: 820,
      funding: { budgetHolder: 'head-of-operations', source: 'annotation' },
    });
    expect(row('group:default/bedroom-team')).toMatchObject({
      outOfHoursRota: false,
      services: ['component:default/bedroom'],
      total: 0,
      title: 'Bedroom team',
    });
    expect(row('group:default/kitchen-team').funding).toEqual({
      group: 'group:default/kitchen-team',
      budgetHolder: 'head-of-delivery',
      source: 'config',
    });
    expect(row('group:default/appointments-team').total).toBe(0);
    const lonely = row('group:default/lonely-team');
    expect(lonely).toMatchObject({
      outOfHoursRota: true,
      coveredOutOfHours: ['component:default/orphan'],
      standbyCost: 0,
    });
    expect(lonely.problems).toEqual([
      expect.stringContaining('"ceo" is not a budget holder'),
      expect.stringContaining('Nobody is on this out-of-hours rota'),
    ]);
    expect(report.totals).toEqual({ standby: 1400, callout: 330, total: 1730 });
    expect(report.teams.map(r => r.entityRef)).toEqual([
      'group:default/appointments-team',
      'group:default/bedroom-team',
      'group:default/kitchen-team',
      'group:default/lonely-team',
      'group:default/operations',
    ]);
  });

  it('pays no callout under standby-only', () => {
    const report = costs({ model: 'standby-only' });
    expect(report.totals).toEqual({ standby: 1400, callout: 0, total: 1400 });
    expect(report.domains[0].calloutHours).toBe(3.5);
  });

  it('counts a holiday as out of hours', () => {
    const report = onCallCosts({
      window,
      services,
      groups,
      domains,
      participants,
      incidents: [
        {
          id: 'h',
          startedAt: at('2026-10-07T10:00:00Z'),
          restoredAt: at('2026-10-07T11:00:00Z'),
          services: ['component:default/ecommerce'],
        },
      ],
      config: { ...config, holidays: ['2026-10-07'] },
      defaultBudgetHolder: null,
    });
    expect(
      report.teams.find(r => r.entityRef === 'group:default/operations')!
        .calloutCost,
    ).toBe(60);
  });

  it('sets the linear what-if against the rotas the bands call for', () => {
    const report = costs();
    expect(report.whatIf.linear).toEqual({
      rotas: 4,
      teams: [
        'group:default/bedroom-team',
        'group:default/kitchen-team',
        'group:default/lonely-team',
        'group:default/operations',
      ],
      perWeek: 1400,
      standbyCost: 2800,
    });
    expect(report.whatIf.bands).toEqual({
      rotas: 3,
      teamRotas: ['group:default/lonely-team', 'group:default/operations'],
      domainRotas: ['domain:default/furnishing'],
      perWeek: 1050,
      standbyCost: 2100,
    });
    expect(report.whatIf.difference).toBe(700);
  });
});
