import {
  OwnerDirectory,
  ownerFindings,
  ownershipFindings,
  ownershipFindingsSteps,
  sharedDatabaseFindings,
  sharedDatabases,
} from './ownership';

const directory: OwnerDirectory = {
  groupTypes: new Map<string, string | null>([
    ['group:default/bedroom-team', 'team'],
    ['group:default/capitalised-team', 'Team'],
    ['group:default/retail', 'department'],
    ['group:default/untyped', null],
  ]),
  users: new Set(['user:default/alice']),
  title: ref =>
    ((
      {
        'user:default/alice': 'Alice Smith',
        'group:default/retail': 'Retail',
      } as Record<string, string>
    )[ref] ?? ref),
};

describe('ownerFindings', () => {
  it.each([
    ['a team Group', 'group:default/bedroom-team', []],
    [
      'a team Group, whatever the case of its type or ref',
      'Group:default/Capitalised-Team',
      [],
    ],
    ['no owner', null, ['owner-missing']],
    ['a Group of another type', 'group:default/retail', ['owner-not-a-team']],
    ['a Group with no type', 'group:default/untyped', ['owner-not-a-team']],
    ['a User', 'user:default/alice', ['owner-is-a-person']],
    [
      'a User the catalog does not have',
      'user:default/nobody',
      ['owner-is-a-person'],
    ],
    [
      'a Group the catalog does not have',
      'group:default/ghosts',
      ['owner-unknown'],
    ],
  ])('an owner that is %s', (_, owner, codes) => {
    expect(ownerFindings(owner, directory).map(f => f.code)).toEqual(codes);
  });

  it.each([
    [
      'group:default/retail',
      /Owned by Retail, a Group of type "department", not a team/,
    ],
    ['user:default/alice', /Owned by a person, Alice Smith, not a team/],
    ['group:default/ghosts', /group:default\/ghosts is not in the catalog/],
  ])('names the owner %s in the message', (owner, message) => {
    const [finding] = ownerFindings(owner, directory);
    expect(finding.message).toMatch(message);
    expect(finding.subject).toBe(owner);
  });
});

describe('sharedDatabases', () => {
  const db = (
    name: string,
    type: string | null = 'database',
    dependents?: string[],
  ) => ({
    entityRef: `resource:default/${name}`,
    type,
    dependents,
  });
  const uses = (name: string, ...targets: string[]) => ({
    entityRef: `component:default/${name}`,
    dependsOn: targets.map(t => `resource:default/${t}`),
  });

  it.each([
    ['one user each', [db('a'), db('b')], [uses('x', 'a'), uses('y', 'b')], []],
    [
      'two users of one database',
      [db('a')],
      [uses('x', 'a'), uses('y', 'a')],
      [['resource:default/a', ['component:default/x', 'component:default/y']]],
    ],
    [
      'one service using several databases',
      [db('a'), db('b')],
      [uses('x', 'a', 'b')],
      [],
    ],
    [
      'two users of a Resource that is not a database',
      [db('bucket', 's3-bucket')],
      [uses('x', 'bucket'), uses('y', 'bucket')],
      [],
    ],
    [
      'a Resource with no type',
      [db('c', null)],
      [uses('x', 'c'), uses('y', 'c')],
      [],
    ],
    [
      'a type written in capitals',
      [db('a', ' Database ')],
      [uses('x', 'a'), uses('y', 'a')],
      [['resource:default/a', ['component:default/x', 'component:default/y']]],
    ],
    [
      'a second user known only from the database side',
      [db('a', 'database', ['component:default/library'])],
      [uses('x', 'a')],
      [
        [
          'resource:default/a',
          ['component:default/library', 'component:default/x'],
        ],
      ],
    ],
    [
      'the same user from both sides',
      [db('a', 'database', ['component:default/x'])],
      [uses('x', 'a')],
      [],
    ],
    [
      'a dependent that is not a Component',
      [db('a', 'database', ['resource:default/replica'])],
      [uses('x', 'a')],
      [],
    ],
    [
      'a dependency on a database the catalog does not have',
      [],
      [uses('x', 'gone'), uses('y', 'gone')],
      [],
    ],
  ])('%s', (_, resources, components, expected) => {
    expect(
      sharedDatabases(resources, components).map(d => [d.database, d.usedBy]),
    ).toEqual(expected);
  });
});

describe('sharedDatabaseFindings', () => {
  it('tells each user of a shared database who else uses it', () => {
    const shared = [
      {
        database: 'resource:default/db',
        usedBy: ['component:default/x', 'component:default/y'],
      },
    ];
    const [finding] = sharedDatabaseFindings(
      'component:default/x',
      shared,
      ref => ref.split('/')[1],
    );
    expect(finding).toEqual({
      code: 'shared-database',
      subject: 'resource:default/db',
      usedBy: ['component:default/x', 'component:default/y'],
      message:
        'db is also used by y: a database should have exactly one service using it (single service ownership for databases)',
    });
    expect(sharedDatabaseFindings('component:default/z', shared)).toEqual([]);
  });
});

describe('ownershipFindings', () => {
  it('gathers both rules per service and leaves out services with nothing to report', () => {
    const findings = ownershipFindings({
      services: [
        {
          entityRef: 'component:default/good',
          owner: 'group:default/team-a',
          dependsOn: ['resource:default/own-db'],
        },
        {
          entityRef: 'component:default/sharing',
          owner: 'group:default/team-a',
          dependsOn: ['resource:default/shared-db'],
        },
        {
          entityRef: 'component:default/personal',
          owner: 'user:default/alice',
          dependsOn: ['resource:default/shared-db'],
        },
      ],
      groups: [{ entityRef: 'group:default/team-a', type: 'team' }],
      users: [{ entityRef: 'user:default/alice' }],
      resources: [
        { entityRef: 'resource:default/own-db', type: 'database' },
        { entityRef: 'resource:default/shared-db', type: 'database' },
      ],
    });
    expect([...findings.keys()]).toEqual([
      'component:default/sharing',
      'component:default/personal',
    ]);
    expect(findings.get('component:default/sharing')!.map(f => f.code)).toEqual(
      ['shared-database'],
    );
    expect(
      findings.get('component:default/personal')!.map(f => f.code),
    ).toEqual(['owner-is-a-person', 'shared-database']);
  });

  it('gives the same findings in steps, yielding between batches of a large catalog', () => {
    const teams = 40;
    const ownerOf = (i: number) => {
      if (i % 7 === 0) return `user:default/u${i % 50}`;
      if (i % 11 === 0) return 'group:default/gone';
      return `group:default/t${i % teams}`;
    };
    const input = {
      services: Array.from({ length: 2_000 }, (_, i) => ({
        entityRef: `component:default/s${i}`,
        // Every seventh service is owned by a person, every eleventh by nobody known.
        owner: ownerOf(i),
        dependsOn: [`resource:default/db${i % 1_500}`],
      })),
      groups: Array.from({ length: teams }, (_, i) => ({
        entityRef: `group:default/t${i}`,
        type: 'team',
      })),
      users: Array.from({ length: 50 }, (_, i) => ({
        entityRef: `user:default/u${i}`,
      })),
      resources: Array.from({ length: 1_500 }, (_, i) => ({
        entityRef: `resource:default/db${i}`,
        type: 'database',
      })),
    };
    const steps = ownershipFindingsSteps(input);
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields++;
    expect(yields).toBeGreaterThan(5);
    expect(next.value).toEqual(ownershipFindings(input));
    // 500 of the 2,000 services share a database with another; persons and unknown owners too.
    expect(next.value.size).toBeGreaterThan(500);
  });
});
