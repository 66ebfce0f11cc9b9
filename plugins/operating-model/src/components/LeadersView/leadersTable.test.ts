import { DoraLevel } from '@operating-model/backstage-plugin-operating-model-common';
import { testTranslation } from '../__testUtils__/translation';
import { entityMeasures } from '../testMeasures';
import {
  csvField,
  leadersColumns,
  leadersCsv,
  sortRows,
  toCsv,
} from './leadersTable';

const team = (
  name: string,
  title: string | null,
  perWeek: number | null,
  availability: { met: number; notMet: number; withTarget: number },
  deploymentLevel: DoraLevel | null = null,
) =>
  entityMeasures({
    entityRef: `group:default/${name}`,
    title,
    deploymentFrequency: {
      perWeek,
      per30Days: perWeek === null ? null : (perWeek * 30) / 7,
      target: null,
      targetMet: null,
      count: perWeek === null ? 0 : 10,
    },
    targets: {
      deploymentFrequency: { withTarget: 0, met: 0, notMet: 0 },
      availability,
    },
    dora: {
      reportYear: 2024,
      deploymentFrequency: deploymentLevel,
      leadTime: null,
      changeFailureRate: null,
      failedDeploymentRecovery: null,
    },
  });

const rows = [
  team(
    'kitchen-team',
    'Kitchen team',
    2,
    { withTarget: 2, met: 1, notMet: 1 },
    'medium',
  ),
  team(
    'bedroom-team',
    'Bedroom team',
    7.5,
    { withTarget: 3, met: 3, notMet: 0 },
    'high',
  ),
  team('appointments-team', null, null, { withTarget: 1, met: 0, notMet: 0 }),
];

const columns = leadersColumns('team', testTranslation());
const byId = (id: string) => columns.find(c => c.id === id)!;
const names = (sorted: typeof rows) =>
  sorted.map(r => r.entityRef.replace('group:default/', ''));

describe('leaders table', () => {
  it.each([
    ['name', 'asc', ['appointments-team', 'bedroom-team', 'kitchen-team']],
    ['name', 'desc', ['kitchen-team', 'bedroom-team', 'appointments-team']],
    // No data sorts last whichever the direction.
    [
      'deployments-per-week',
      'asc',
      ['kitchen-team', 'bedroom-team', 'appointments-team'],
    ],
    [
      'deployments-per-week',
      'desc',
      ['bedroom-team', 'kitchen-team', 'appointments-team'],
    ],
    [
      'availability-targets',
      'desc',
      ['bedroom-team', 'kitchen-team', 'appointments-team'],
    ],
    // Levels sort low to elite, as common lists the clusters; no level last.
    [
      'dora-deploymentFrequency',
      'asc',
      ['kitchen-team', 'bedroom-team', 'appointments-team'],
    ],
    [
      'dora-deploymentFrequency',
      'desc',
      ['bedroom-team', 'kitchen-team', 'appointments-team'],
    ],
  ] as const)('sorts by %s %s', (column, direction, expected) => {
    expect(names(sortRows(rows, byId(column), direction))).toEqual(expected);
  });

  it.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded', '" padded"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['@team', "'@team"],
    ['-5', '-5'],
    ['-12.5%', '-12.5%'],
    ['', ''],
  ])('quotes the CSV field %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes a header line and one CRLF-ended line per row', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['1', 'x,y'],
          ['2', ''],
        ],
      ),
    ).toBe('a,b\r\n1,"x,y"\r\n2,\r\n');
  });

  it('writes exactly the rows and columns the table shows, as their text', () => {
    const sorted = sortRows(rows, byId('deployments-per-week'), 'desc');
    const lines = leadersCsv(columns, sorted).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0].split(',')).toEqual(columns.map(c => c.title));
    expect(lines[0]).toMatch(
      // Group by group: delivery, then reliability (then learning).
      /^Team,Services,DORA 2024: deployment frequency,DORA 2024: lead time,Deployments a week,Deployment targets,Lead time \(median\),Loose coupling,Pre-approved changes,DORA 2024: change failure rate,DORA 2024: recovery,Change failure rate,Failed-deployment recovery \(median\),Availability,/,
    );
    expect(lines[1]).toMatch(
      /^Bedroom team,1,High,No data,7\.5,No targets,No data,No data,No data,No data,No data,No data,No data,No data,3 of 3 meet,/,
    );
    expect(lines[2]).toMatch(/^Kitchen team,1,Medium,No data,2,No targets,/);
    // A row without a title goes by the name in its ref.
    expect(lines[3]).toMatch(/^appointments-team,1,No data,/);
    expect(lines.every(line => line.split(',').length === columns.length)).toBe(
      true,
    );
  });
});
