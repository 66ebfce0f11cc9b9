import { readOperatingModelConfigFromObject } from './config';
import {
  AccountabilityServiceFacts,
  ChangeFacts,
  RunCostServiceFacts,
  bandsReviewDue,
  detectBandsNotReviewed,
  detectChangeManagementTreacle,
  detectExcessiveBau,
  detectLimitedOnCallSchedule,
  detectLinearRunCost,
  detectLossesAboveExposure,
  detectResponsibleButUnaccountable,
  detectSharedDatabases,
  lossReflections,
  recordedLossRates,
} from './pitfalls';

const { availabilityBands: bands } = readOperatingModelConfigFromObject({});
const ref = (name: string) => `component:default/${name}`;
const team = (name: string) => `group:default/${name}`;

describe('detectLinearRunCost', () => {
  const service = (
    name: string,
    owner: string,
    calledFor: RunCostServiceFacts['calledFor'],
    inPlace: RunCostServiceFacts['inPlace'] = calledFor,
    extra: Partial<RunCostServiceFacts> = {},
  ): RunCostServiceFacts => ({
    entityRef: ref(name),
    owner: team(owner),
    domain: 'domain:default/shop',
    calledFor,
    inPlace,
    topBand: calledFor === 'team',
    ...extra,
  });

  it.each<
    [string, RunCostServiceFacts[], Array<{ team?: string; evidence: RegExp }>]
  >([
    [
      'rotas as the bands call for, few at the top',
      [
        service('a', 'a', 'domain'),
        service('b', 'b', 'domain'),
        service('c', 'c', 'team'),
      ],
      [],
    ],
    [
      'a declared model asking for team cover where the band calls for a domain rota',
      [service('a', 'a', 'domain', 'team'), service('b', 'b', 'domain')],
      [
        {
          team: team('a'),
          evidence:
            /component:default\/a is run with team cover out of hours where its band calls for domain/,
        },
      ],
    ],
    [
      'a domain-level service with no Domain',
      [
        service('a', 'a', 'domain', 'domain', { domain: null }),
        service('b', 'b', 'none'),
      ],
      [
        {
          team: team('a'),
          evidence: /has no Domain, so the team covers it alone/,
        },
      ],
    ],
    [
      'a team with its own rota called for anyway',
      [
        service('a', 'a', 'team'),
        service('b', 'a', 'domain', 'domain', { domain: null }),
        service('c', 'c', 'none'),
        service('d', 'd', 'none'),
      ],
      [],
    ],
    [
      'exactly half of the services in the top band',
      [service('a', 'a', 'team'), service('b', 'b', 'domain')],
      [],
    ],
    [
      'more than half of the services in the top band',
      [
        service('a', 'a', 'team'),
        service('b', 'b', 'team'),
        service('c', 'c', 'domain'),
      ],
      [
        {
          evidence:
            /^2 of 3 services with a known exposure \(67%\) are in the top band, above the 50% expected/,
        },
      ],
    ],
    [
      'unknown exposures left out of the share',
      [
        service('a', 'a', 'team'),
        service('b', 'b', null, null, { topBand: null }),
        service('c', 'c', null, null, { topBand: null }),
      ],
      [{ evidence: /^1 of 1 service with a known exposure \(100%\)/ }],
    ],
  ])('%s', (_, services, expected) => {
    const { pitfall, findings, practice } = detectLinearRunCost({
      services,
      standbyPerWeek: 350,
      currency: 'GBP',
    });
    expect(pitfall).toBe('linear-run-cost');
    expect(practice).toMatch(/financial exposure/);
    expect(findings).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(findings[i].team).toBe(e.team);
      expect(findings[i].evidence).toMatch(e.evidence);
    });
  });

  it('takes a configurable share', () => {
    const services = [
      service('a', 'a', 'team'),
      service('b', 'b', 'domain'),
      service('c', 'c', 'domain'),
    ];
    expect(
      detectLinearRunCost({
        services,
        standbyPerWeek: 350,
        currency: 'GBP',
        topBandShare: 0.3,
      }).findings,
    ).toHaveLength(1);
    expect(
      detectLinearRunCost({ services, standbyPerWeek: 350, currency: 'GBP' })
        .findings,
    ).toHaveLength(0);
  });

  it('gives the weekly cost of an extra rota', () => {
    const { findings } = detectLinearRunCost({
      services: [service('a', 'a', 'domain', 'team')],
      standbyPerWeek: 350,
      currency: 'GBP',
    });
    expect(findings[0].evidence).toContain('at £350 a week');
  });
});

describe('detectResponsibleButUnaccountable', () => {
  const service = (
    overrides: Partial<AccountabilityServiceFacts>,
  ): AccountabilityServiceFacts => ({
    entityRef: ref('s'),
    owner: team('t'),
    serviceClass: 'digital-service',
    outOfHours: 'team',
    funding: { group: team('t'), budgetHolder: 'head-of-delivery' },
    exposurePerHour: 200_000,
    lossRates: [],
    ...overrides,
  });
  const ops = {
    group: team('ops'),
    budgetHolder: 'head-of-operations' as const,
  };

  it.each<[string, Partial<AccountabilityServiceFacts>, RegExp[]]>([
    ['a digital service funded by the product side', {}, []],
    [
      'a digital service funded by operations',
      { funding: ops },
      [
        /^A digital service with team cover out of hours, funded by the Head of Operations through group:default\/ops$/,
      ],
    ],
    [
      'a digital service on a domain rota funded by operations',
      { outOfHours: 'domain', funding: ops },
      [/domain cover out of hours/],
    ],
    [
      'a digital service with no out-of-hours cover',
      { outOfHours: 'none', funding: ops },
      [],
    ],
    [
      'a foundational system funded by operations',
      { serviceClass: 'foundational-system', funding: ops },
      [],
    ],
    ['unknown funding', { funding: null }, []],
    [
      'one incident well below the exposure: too few to judge',
      { exposurePerHour: 500_000, lossRates: [1000] },
      [],
    ],
    [
      'two incidents whose worst rate is in a lower band',
      { exposurePerHour: 500_000, lossRates: [1000, 240_000] },
      [
        /^Inflated target: the worst of its 2 incidents with a recorded loss lost £240K an hour, which the bands put at 99\.0% \(domain out of hours\), below the 99\.9% \(team out of hours\) its declared exposure of £500K an hour gives$/,
      ],
    ],
    [
      'two incidents in the same band',
      { exposurePerHour: 500_000, lossRates: [300_000, 260_000] },
      [],
    ],
    [
      'losses in the lowest band for a lowest-band exposure',
      { exposurePerHour: 6000, lossRates: [10, 20] },
      [],
    ],
    [
      'losses with no exposure',
      { exposurePerHour: null, lossRates: [10, 20] },
      [],
    ],
  ])('%s', (_, overrides, expected) => {
    const { findings } = detectResponsibleButUnaccountable({
      services: [service(overrides)],
      bands,
      currency: 'GBP',
    });
    expect(findings.map(f => f.evidence)).toEqual(
      expected.map(e => expect.stringMatching(e)),
    );
    findings.forEach(f =>
      expect(f).toMatchObject({ service: ref('s'), team: team('t') }),
    );
  });

  it('takes the number of incidents it needs', () => {
    const services = [service({ exposurePerHour: 500_000, lossRates: [1000] })];
    expect(
      detectResponsibleButUnaccountable({
        services,
        bands,
        currency: 'GBP',
        minIncidents: 1,
      }).findings,
    ).toHaveLength(1);
  });
});

describe('detectLimitedOnCallSchedule', () => {
  it.each([
    [3, 0, 3, null],
    [
      2,
      0,
      3,
      '2 people on the team rota, fewer than the 3 a sustainable schedule needs',
    ],
    [
      2,
      1,
      3,
      '2 people on the team rota (1 person opted out), fewer than the 3 a sustainable schedule needs',
    ],
    [
      1,
      2,
      3,
      '1 person on the team rota (2 people opted out), fewer than the 3 a sustainable schedule needs',
    ],
    [
      0,
      0,
      1,
      '0 people on the team rota, fewer than the 1 a sustainable schedule needs',
    ],
    [
      4,
      0,
      5,
      '4 people on the team rota, fewer than the 5 a sustainable schedule needs',
    ],
  ])(
    '%p people (%p opted out) against a minimum of %p',
    (participants, optedOutCount, minimumParticipants, evidence) => {
      const { findings } = detectLimitedOnCallSchedule({
        rotas: [
          {
            rotaRef: team('t'),
            kind: 'team',
            participants,
            optedOutCount,
            outOfHours: false,
          },
        ],
        minimumParticipants,
      });
      expect(findings).toEqual(
        evidence === null ? [] : [{ team: team('t'), evidence }],
      );
    },
  );

  it('names a domain rota as a domain, and says when it covers services out of hours', () => {
    const { findings } = detectLimitedOnCallSchedule({
      rotas: [
        {
          rotaRef: 'domain:default/d',
          kind: 'domain',
          participants: 2,
          optedOutCount: 0,
          outOfHours: true,
        },
      ],
      minimumParticipants: 3,
    });
    expect(findings).toEqual([
      {
        domain: 'domain:default/d',
        evidence:
          '2 people on the domain rota, fewer than the 3 a sustainable schedule needs, and it covers services out of hours',
      },
    ]);
  });
});

describe('detectExcessiveBau', () => {
  it.each([
    [0.2, undefined, false],
    [0.3, undefined, false],
    [0.31, undefined, true],
    [0.25, 0.2, true],
    [null, undefined, false],
  ])(
    'a rework rate of %p against a threshold of %p: flagged %p',
    (reworkRate, threshold, flagged) => {
      const { findings } = detectExcessiveBau({
        teams: [{ team: team('t'), reworkRate, weeks: 4 }],
        threshold,
      });
      expect(findings).toHaveLength(flagged ? 1 : 0);
    },
  );

  it('gives the share and the weeks it rests on', () => {
    const { findings } = detectExcessiveBau({
      teams: [{ team: team('t'), reworkRate: 0.45, weeks: 1 }],
    });
    expect(findings[0]).toEqual({
      team: team('t'),
      evidence:
        "45% of the team's time went on unplanned operational work over 1 week with records, above the 30% threshold",
    });
  });
});

describe('detectChangeManagementTreacle', () => {
  const facts = (overrides: Partial<ChangeFacts>): ChangeFacts => ({
    team: team('t'),
    servicesUnderTarget: [{ entityRef: ref('a'), target: 'weekly' }],
    deployments: 3,
    standardChanges: 0,
    declaredTemplates: [],
    ...overrides,
  });

  it.each<[string, Partial<ChangeFacts>, RegExp[]]>([
    [
      'under target with no pre-approved changes',
      {},
      [
        /^Under their deployment target: component:default\/a \(target weekly\); none of the team's 3 production deployments was a pre-approved change$/,
      ],
    ],
    ['under target with some pre-approved changes', { standardChanges: 1 }, []],
    ['on target with no pre-approved changes', { servicesUnderTarget: [] }, []],
    [
      'a declared template never used',
      { declaredTemplates: [ref('a')] },
      [
        /component:default\/a declares a pre-approved change template, but none was used$/,
      ],
    ],
    [
      'one deployment',
      { deployments: 1 },
      [/none of the team's 1 production deployment was/],
    ],
  ])('%s', (_, overrides, evidence) => {
    const { findings } = detectChangeManagementTreacle({
      teams: [facts(overrides)],
    });
    expect(findings).toEqual(
      evidence.map(e => ({
        team: team('t'),
        evidence: expect.stringMatching(e),
      })),
    );
  });
});

describe('detectBandsNotReviewed', () => {
  it.each([
    ['2026-10-01', '2026-12-31T12:00:00Z', false],
    ['2026-10-01', '2027-01-01T12:00:00Z', false],
    ['2026-10-01', '2027-01-02T00:00:01Z', true],
    ['2026-11-30', '2027-02-28T12:00:00Z', false],
    ['2026-11-30', '2027-03-01T12:00:00Z', true],
    [null, '2026-10-01T12:00:00Z', true],
  ])('reviewed %p, at %p: flagged %p', (reviewed, now, flagged) => {
    const { findings } = detectBandsNotReviewed({
      bandsLastReviewed: reviewed,
      now: new Date(now),
    });
    expect(findings).toHaveLength(flagged ? 1 : 0);
  });

  it('says when the review was due, or that none is recorded', () => {
    expect(
      detectBandsNotReviewed({
        bandsLastReviewed: '2026-10-01',
        now: new Date('2027-02-01T00:00:00Z'),
      }).findings[0].evidence,
    ).toBe(
      'The bands were last reviewed on 2026-10-01; the quarterly review was due on 2027-01-01',
    );
    expect(
      detectBandsNotReviewed({ bandsLastReviewed: null, now: new Date() })
        .findings[0].evidence,
    ).toContain('operatingModel.bandsLastReviewed');
    expect(bandsReviewDue('2026-11-30')).toBe('2027-02-28');
    expect(bandsReviewDue(null)).toBeNull();
  });

  it('reads today in the given time zone', () => {
    // 00:30 on 2 January in London is still 1 January in New York.
    const now = new Date('2027-01-02T00:30:00Z');
    expect(
      detectBandsNotReviewed({
        bandsLastReviewed: '2026-10-01',
        now,
        timezone: 'Europe/London',
      }).findings,
    ).toHaveLength(1);
    expect(
      detectBandsNotReviewed({
        bandsLastReviewed: '2026-10-01',
        now,
        timezone: 'America/New_York',
      }).findings,
    ).toHaveLength(0);
  });
});

describe('recordedLossRates, lossReflections and detectLossesAboveExposure', () => {
  const hour = 3_600_000;
  const exposures: Record<string, number> = {
    [ref('a')]: 200_000,
    [ref('b')]: 100_000,
  };

  it('shares a loss by exposure and divides it by the hours', () => {
    const rates = recordedLossRates(
      [
        {
          id: 1,
          startedAt: 0,
          restoredAt: hour / 2,
          financialLoss: 100_000,
          services: [ref('a')],
        },
        {
          id: 2,
          startedAt: 0,
          restoredAt: 2 * hour,
          financialLoss: 300_000,
          services: [ref('a'), ref('b')],
        },
        {
          id: 3,
          startedAt: 0,
          restoredAt: null,
          financialLoss: 1,
          services: [ref('a')],
        },
        {
          id: 4,
          startedAt: 0,
          restoredAt: hour,
          financialLoss: null,
          services: [ref('a')],
        },
        {
          id: 5,
          startedAt: 0,
          restoredAt: 0,
          financialLoss: 5,
          services: [ref('a')],
        },
      ],
      s => exposures[s] ?? null,
    );
    expect(rates.get(ref('a'))).toEqual([
      { incident: '1', lossPerHour: 200_000 },
      { incident: '2', lossPerHour: 100_000 },
    ]);
    expect(rates.get(ref('b'))).toEqual([
      { incident: '2', lossPerHour: 50_000 },
    ]);
  });

  it.each([
    ['losses below the exposure', 200_000, [100_000, 150_000], false, null],
    ['a loss equal to the exposure', 200_000, [200_000], false, null],
    [
      'a loss above the exposure, in a higher band',
      200_000,
      [300_000],
      true,
      'The worst of its 1 incident with a recorded loss lost £300K an hour, above its declared exposure of £200K an hour, which the bands put at 99.9% against its target of 99.0%',
    ],
    [
      'a loss above the exposure, in the same band',
      100_000,
      [200_000, 10],
      true,
      'The worst of its 2 incidents with a recorded loss lost £200K an hour, above its declared exposure of £100K an hour',
    ],
    ['no exposure', null, [100], false, null],
  ])('%s', (_, exposurePerHour, lossRates, exceeds, evidence) => {
    const reflections = lossReflections({
      services: [
        {
          entityRef: ref('a'),
          owner: team('t'),
          exposurePerHour,
          availabilityTarget: exposurePerHour === null ? null : 99.0,
          lossRates,
        },
        {
          entityRef: ref('quiet'),
          owner: null,
          exposurePerHour: 1,
          availabilityTarget: 95,
          lossRates: [],
        },
      ],
      bands,
    });
    expect(reflections.map(r => r.entityRef)).toEqual([ref('a')]);
    expect(reflections[0].exceedsExposure).toBe(exceeds);
    expect(reflections[0].worstLossPerHour).toBe(Math.max(...lossRates));
    const { findings } = detectLossesAboveExposure({
      reflections,
      currency: 'GBP',
    });
    expect(findings).toEqual(
      evidence === null
        ? []
        : [{ service: ref('a'), team: team('t'), evidence }],
    );
  });
});

describe('detectSharedDatabases', () => {
  it.each([
    ['one service', 'database', [ref('a')], null],
    [
      'two services',
      'database',
      [ref('a'), ref('b')],
      '2 services depend on this database: component:default/a, component:default/b',
    ],
    ['the same service twice', 'database', [ref('a'), ref('a')], null],
    ['a queue shared by two', 'queue', [ref('a'), ref('b')], null],
    [
      'a database type in capitals',
      'Database',
      [ref('b'), ref('a'), ref('c')],
      '3 services depend on this database: component:default/a, component:default/b, component:default/c',
    ],
    [
      'one service and a resource',
      'database',
      [ref('a'), 'resource:default/backup'],
      null,
    ],
    ['no type', null, [ref('a'), ref('b')], null],
  ])('%s on a %p', (_, type, dependents, evidence) => {
    const { findings } = detectSharedDatabases({
      resources: [{ entityRef: 'resource:default/db', type, dependents }],
    });
    expect(findings).toEqual(
      evidence === null ? [] : [{ resource: 'resource:default/db', evidence }],
    );
  });

  it("counts Components' own dependsOn as well as the Resource's dependents", () => {
    const { findings } = detectSharedDatabases({
      resources: [
        {
          entityRef: 'resource:default/db',
          type: 'database',
          dependents: [ref('a')],
        },
      ],
      components: [
        { entityRef: ref('b'), dependsOn: ['resource:default/db'] },
        { entityRef: ref('c'), dependsOn: [] },
      ],
    });
    expect(findings).toEqual([
      {
        resource: 'resource:default/db',
        evidence:
          '2 services depend on this database: component:default/a, component:default/b',
      },
    ]);
  });
});
