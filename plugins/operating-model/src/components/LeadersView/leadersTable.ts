import { parseEntityRef } from '@backstage/catalog-model';
import {
  DORA_CLUSTERS,
  DORA_REPORT_YEAR,
  DoraLevel,
  DoraLevels,
  EntityMeasures,
  TargetTally,
} from '@operating-model/backstage-plugin-operating-model-common';
import { OperatingModelTranslation } from '../../translation';
import {
  capitalise,
  formatAvailabilityRatio,
  formatDays,
  formatMinutes,
  formatNumber,
  formatPercent,
  lowerCase,
} from '../shared/format';

/** What a cell's colour says: every service with data meets its target, one misses, or nothing to tell. */
export type TrafficLight = 'met' | 'missed' | 'no-data';

/** What a cell shows for a figure with nothing to rest on. */
export const NO_DATA = 'No data';

/**
 * The playbook's three kinds of measure, one shown at a time so a table fits the page: deployment
 * throughput, service reliability, learning culture. The name and services columns show with each.
 */
export type FigureGroup = 'delivery' | 'reliability' | 'learning';
export const FIGURE_GROUPS: FigureGroup[] = [
  'delivery',
  'reliability',
  'learning',
];

/** One column of the leaders' table: how to show, sort, colour and export one figure of a row. */
export interface LeadersColumn {
  id: string;
  title: string;
  /** Which group of figures the column belongs to; none for the name and services columns. */
  group?: FigureGroup;
  /** The cell's text, also written to the CSV; null shows as "No data". */
  text: (row: EntityMeasures) => string | null;
  /** What the column sorts by; null sorts last whichever way. */
  sortValue: (row: EntityMeasures) => number | string | null;
  light?: (row: EntityMeasures) => TrafficLight;
  numeric?: boolean;
}

export type SortDirection = 'asc' | 'desc';

/** The name a row goes by: its title, else the name in its ref. */
export function rowName(row: EntityMeasures): string {
  if (row.title) return row.title;
  try {
    return parseEntityRef(row.entityRef).name;
  } catch {
    return row.entityRef;
  }
}

function tallyLight(tally: TargetTally): TrafficLight {
  if (tally.notMet > 0) return 'missed';
  if (tally.met > 0) return 'met';
  return 'no-data';
}

function tallyCell(tally: TargetTally): string {
  if (tally.withTarget === 0) return 'No targets';
  return `${tally.met} of ${tally.withTarget} meet`;
}

/** The share of services with data that meet their target, for sorting; null with none to tell. */
function tallyShare(tally: TargetTally): number | null {
  const known = tally.met + tally.notMet;
  return known === 0 ? null : tally.met / known;
}

const readersOf = (row: EntityMeasures) =>
  row.postIncidentReviewReaders.reviews === 0
    ? null
    : row.postIncidentReviewReaders.count;

const DORA_METRICS = [
  'deploymentFrequency',
  'leadTime',
  'changeFailureRate',
  'failedDeploymentRecovery',
] as const satisfies ReadonlyArray<keyof Omit<DoraLevels, 'reportYear'>>;

/** A level's place for sorting, low 1 to elite 4, in the order common lists the clusters. */
function doraRank(level: DoraLevel | null): number | null {
  if (level === null) return null;
  return DORA_CLUSTERS.length - DORA_CLUSTERS.findIndex(c => c.level === level);
}

/** The DORA level each key metric reaches, a column each, titled with the report's year. */
function doraColumns(
  t: OperatingModelTranslation,
  reportYear: number,
): LeadersColumn[] {
  return DORA_METRICS.map(metric => ({
    id: `dora-${metric}`,
    // Throughput (frequency, lead time) is delivery; stability (failures, recovery) reliability.
    group:
      metric === 'deploymentFrequency' || metric === 'leadTime'
        ? 'delivery'
        : 'reliability',
    title: t('leaders.columns.dora', {
      year: String(reportYear),
      metric: t(`leaders.doraMetrics.${metric}`),
    }),
    text: row => {
      const level = row.dora[metric];
      return level === null ? null : capitalise(t(`dora.level.${level}`));
    },
    sortValue: row => doraRank(row.dora[metric]),
  }));
}

/**
 * The table's columns, left to right: the name, the services, the DORA levels of the four key
 * metrics, then the playbook's measures in its order with the change failure rate and
 * failed-deployment recovery beside lead time.
 */
function tableColumns(
  t: OperatingModelTranslation,
  reportYear: number,
): LeadersColumn[] {
  return [
    {
      id: 'name',
      title: 'Name',
      text: rowName,
      sortValue: row => lowerCase(rowName(row)),
    },
    {
      id: 'services',
      title: 'Services',
      text: row => String(row.services.length),
      sortValue: row => row.services.length,
      numeric: true,
    },
    ...doraColumns(t, reportYear),
    {
      id: 'deployments-per-week',
      group: 'delivery',
      title: 'Deployments a week',
      text: row => formatNumber(row.deploymentFrequency.perWeek),
      sortValue: row => row.deploymentFrequency.perWeek,
      numeric: true,
    },
    {
      id: 'deployment-targets',
      group: 'delivery',
      title: 'Deployment targets',
      text: row => tallyCell(row.targets.deploymentFrequency),
      sortValue: row => tallyShare(row.targets.deploymentFrequency),
      light: row => tallyLight(row.targets.deploymentFrequency),
    },
    {
      id: 'lead-time',
      group: 'delivery',
      title: 'Lead time (median)',
      text: row => formatDays(row.leadTimeDays.median),
      sortValue: row => row.leadTimeDays.median,
      numeric: true,
    },
    {
      id: 'change-failure-rate',
      group: 'reliability',
      title: t('leaders.columns.changeFailureRate'),
      text: row => formatPercent(row.changeFailureRate.ratio),
      sortValue: row => row.changeFailureRate.ratio,
      numeric: true,
    },
    {
      id: 'failed-deployment-recovery',
      group: 'reliability',
      title: t('leaders.columns.failedDeploymentRecovery'),
      text: row => formatMinutes(row.failedDeploymentRecoveryMinutes.median),
      sortValue: row => row.failedDeploymentRecoveryMinutes.median,
      numeric: true,
    },
    {
      id: 'loose-coupling',
      group: 'delivery',
      title: 'Loose coupling',
      text: row => formatPercent(row.looseCoupling.ratio),
      sortValue: row => row.looseCoupling.ratio,
      numeric: true,
    },
    {
      id: 'pre-approved-changes',
      group: 'delivery',
      title: 'Pre-approved changes',
      text: row => formatPercent(row.preApprovedChanges.ratio),
      sortValue: row => row.preApprovedChanges.ratio,
      numeric: true,
    },
    {
      id: 'availability',
      group: 'reliability',
      title: 'Availability',
      text: row => formatAvailabilityRatio(row.availability.ratio),
      sortValue: row => row.availability.ratio,
      numeric: true,
    },
    {
      id: 'availability-targets',
      group: 'reliability',
      title: 'Availability targets',
      text: row => tallyCell(row.targets.availability),
      sortValue: row => tallyShare(row.targets.availability),
      light: row => tallyLight(row.targets.availability),
    },
    {
      id: 'time-to-restore',
      group: 'reliability',
      title: 'Time to restore (median)',
      text: row => formatMinutes(row.timeToRestoreMinutes.median),
      sortValue: row => row.timeToRestoreMinutes.median,
      numeric: true,
    },
    {
      id: 'time-to-acknowledge',
      group: 'reliability',
      title: 'Time to acknowledge (median)',
      text: row => formatMinutes(row.timeToAcknowledgeMinutes.median),
      sortValue: row => row.timeToAcknowledgeMinutes.median,
      numeric: true,
    },
    {
      id: 'financial-loss-protection',
      group: 'reliability',
      title: 'Loss protection',
      text: row => formatPercent(row.financialLossProtection.effectiveness),
      sortValue: row => row.financialLossProtection.effectiveness,
      numeric: true,
    },
    {
      id: 'review-readers',
      group: 'learning',
      title: 'Review readers',
      text: row => {
        const readers = readersOf(row);
        return readers === null ? null : String(readers);
      },
      sortValue: readersOf,
      numeric: true,
    },
    {
      id: 'chaos-days',
      group: 'learning',
      title: 'Chaos Days',
      text: row =>
        row.chaosDays.count === 0 ? null : String(row.chaosDays.count),
      sortValue: row =>
        row.chaosDays.count === 0 ? null : row.chaosDays.count,
      numeric: true,
    },
    {
      id: 'improvement-action-lead-time',
      group: 'learning',
      title: 'Action lead time (median)',
      text: row => formatDays(row.improvementActionLeadTimeDays.median),
      sortValue: row => row.improvementActionLeadTimeDays.median,
      numeric: true,
    },
    {
      id: 'rework-rate',
      group: 'learning',
      title: 'Rework rate',
      text: row => formatPercent(row.reworkRate.ratio),
      sortValue: row => row.reworkRate.ratio,
      numeric: true,
    },
  ];
}

/**
 * The columns for a table of teams or of domains, the name and services first and then each group
 * of figures in turn: the first is headed by what its rows are.
 */
export function leadersColumns(
  groupBy: 'team' | 'domain',
  t: OperatingModelTranslation,
  reportYear: number = DORA_REPORT_YEAR,
): LeadersColumn[] {
  const place = (column: LeadersColumn) =>
    column.group === undefined ? -1 : FIGURE_GROUPS.indexOf(column.group);
  // Group by group, each in the order above, so the CSV reads as the three tables side by side.
  return tableColumns(t, reportYear)
    .map(column =>
      column.id === 'name'
        ? { ...column, title: groupBy === 'team' ? 'Team' : 'Domain' }
        : column,
    )
    .sort((a, b) => place(a) - place(b));
}

/** The columns shown for one group of figures: the name, the services, then the group's own. */
export function columnsOfGroup(
  columns: readonly LeadersColumn[],
  group: FigureGroup,
): LeadersColumn[] {
  return columns.filter(c => c.group === undefined || c.group === group);
}

/** The rows sorted by one column; rows with no value go last whichever the direction, ties by name. */
export function sortRows(
  rows: readonly EntityMeasures[],
  column: LeadersColumn,
  direction: SortDirection,
): EntityMeasures[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = column.sortValue(a);
    const y = column.sortValue(b);
    if (x === null && y === null) return rowName(a).localeCompare(rowName(b));
    if (x === null) return 1;
    if (y === null) return -1;
    const order =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y));
    return order !== 0 ? sign * order : rowName(a).localeCompare(rowName(b));
  });
}

/** A cell's text as the table shows it. */
export function cellText(column: LeadersColumn, row: EntityMeasures): string {
  return column.text(row) ?? NO_DATA;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or outer spaces,
 * with its quotes doubled. A field a spreadsheet would run as a formula (it starts with =, +, -
 * or @ and is not a number) is prefixed with an apostrophe, since team names come from the catalog.
 */
export function csvField(value: string): string {
  let text = value;
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?%?$/.test(text))
    text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: a header line, then one line per row, lines ended by CRLF. */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): string {
  return [header, ...rows]
    .map(line => line.map(csvField).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/** The CSV of the table's rows in their order, as their text, with the columns given (every group's). */
export function leadersCsv(
  columns: readonly LeadersColumn[],
  rows: readonly EntityMeasures[],
): string {
  return toCsv(
    columns.map(c => c.title),
    rows.map(row => columns.map(column => cellText(column, row))),
  );
}
