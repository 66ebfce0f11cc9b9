import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  DORA_REPORT_YEAR,
  EntityMeasures,
} from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableFooter from '@material-ui/core/TableFooter';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import GetAppIcon from '@material-ui/icons/GetApp';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { operatingModelApiRef } from '../../api';
import { operatingModelTranslationRef } from '../../translation';
import { downloadCsv } from '../shared/downloadCsv';
import {
  MeasuresWindowDays,
  MeasuresWindowPicker,
  measuresWindowEnding,
} from '../shared/MeasuresWindowPicker';
import {
  FIGURE_GROUPS,
  FigureGroup,
  LeadersColumn,
  SortDirection,
  TrafficLight,
  cellText,
  columnsOfGroup,
  leadersColumns,
  leadersCsv,
  sortRows,
} from './leadersTable';

const useStyles = makeStyles(theme => ({
  met: { backgroundColor: alpha(theme.palette.success.main, 0.18) },
  missed: { backgroundColor: alpha(theme.palette.error.main, 0.18) },
  'no-data': {
    backgroundColor: alpha(theme.palette.text.disabled, 0.12),
    color: theme.palette.text.secondary,
  },
  noData: { color: theme.palette.text.secondary },
  head: {
    whiteSpace: 'nowrap',
    fontWeight: theme.typography.fontWeightBold as number,
  },
  // The name stays put when the table scrolls sideways, and wraps between words only.
  name: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: theme.palette.background.paper,
    minWidth: '9em',
    overflowWrap: 'normal',
    wordBreak: 'keep-all',
  },
  organisation: {
    '& td': {
      fontWeight: theme.typography.fontWeightBold as number,
      fontSize: theme.typography.body2.fontSize,
    },
  },
}));

const FIGURE_TITLES: Record<FigureGroup, string> = {
  delivery: 'Delivery',
  reliability: 'Reliability',
  learning: 'Learning',
};

const LIGHT_WORDS: Record<TrafficLight, string> = {
  met: 'every service with data meets its target',
  missed: 'a service misses its target',
  'no-data': 'no data',
};

function Cells(props: {
  row: EntityMeasures;
  columns: LeadersColumn[];
  classes: ReturnType<typeof useStyles>;
}) {
  const { row, columns, classes } = props;
  return (
    <>
      {columns.map(column => {
        const light = column.light?.(row);
        const text = cellText(column, row);
        const noData = column.text(row) === null;
        let className: string | undefined;
        if (column.id === 'name') className = classes.name;
        else if (light) className = classes[light];
        else if (noData) className = classes.noData;
        return (
          <TableCell
            key={column.id}
            align={column.numeric ? 'right' : 'left'}
            className={className}
            data-light={light}
            title={light ? `${column.title}: ${LIGHT_WORDS[light]}` : undefined}
          >
            {text}
          </TableCell>
        );
      })}
    </>
  );
}

/**
 * The leaders' reliability view: every team's or domain's measures over a window in one table,
 * sortable by any column, with the target columns as traffic lights, and the table as CSV.
 *
 * @public
 */
export function LeadersView(props: {
  now?: Date;
  /** Where the CSV goes; the browser's download unless a test says otherwise. */
  onDownload?: (filename: string, csv: string) => void;
}) {
  const api = useApi(operatingModelApiRef);
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const classes = useStyles();
  const [groupBy, setGroupBy] = useState<'team' | 'domain'>('team');
  const [figures, setFigures] = useState<FigureGroup>('delivery');
  const [days, setDays] = useState<MeasuresWindowDays>(90);
  const [end] = useState(() => props.now ?? new Date());
  const window = useMemo(() => measuresWindowEnding(end, days), [end, days]);

  const { value, loading, error } = useAsync(
    () => api.getLeaders(groupBy, window),
    [api, groupBy, window],
  );

  // The year of the report the backend placed the levels against; the same as common's.
  const reportYear = value?.organisation.dora.reportYear ?? DORA_REPORT_YEAR;
  const allColumns = useMemo(
    () => leadersColumns(groupBy, t, reportYear),
    [groupBy, t, reportYear],
  );
  const columns = useMemo(
    () => columnsOfGroup(allColumns, figures),
    [allColumns, figures],
  );
  const [sort, setSort] = useState<{ id: string; direction: SortDirection }>({
    id: 'name',
    direction: 'asc',
  });
  // The order stays when another group of figures is shown, so rows can be compared across them.
  const sortColumn =
    allColumns.find(column => column.id === sort.id) ?? allColumns[0];

  const rows = useMemo(
    () => (value ? sortRows(value.items, sortColumn, sort.direction) : []),
    [value, sortColumn, sort.direction],
  );
  const organisation = value
    ? { ...value.organisation, title: 'Whole organisation' }
    : undefined;
  const visibleRows = organisation ? [...rows, organisation] : rows;

  const sortBy = (column: LeadersColumn) =>
    setSort(current => ({
      id: column.id,
      direction:
        current.id === column.id && current.direction === 'asc'
          ? 'desc'
          : 'asc',
    }));

  const onDownload = () => {
    // The download keeps every group's columns: a spreadsheet has room for them all.
    const csv = leadersCsv(allColumns, visibleRows);
    const day = end.toISOString().slice(0, 10);
    (props.onDownload ?? downloadCsv)(
      `operating-model-measures-by-${groupBy}-${days}-days-to-${day}.csv`,
      csv,
    );
  };

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = (
      <ResponseErrorPanel
        error={error}
        title="The leaders' view could not be loaded"
      />
    );
  } else if (!value || value.items.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title={
          groupBy === 'team'
            ? 'No teams own assessed services yet'
            : 'No domains hold assessed services yet'
        }
        description="Teams and domains appear here once the catalog has services with an owner and a domain."
      />
    );
  } else {
    body = (
      <TableContainer component={Paper}>
        <Table size="small" aria-label={`Measures by ${groupBy}`}>
          <TableHead>
            <TableRow>
              {columns.map(column => (
                <TableCell
                  key={column.id}
                  align={column.numeric ? 'right' : 'left'}
                  className={
                    column.id === 'name'
                      ? `${classes.head} ${classes.name}`
                      : classes.head
                  }
                  sortDirection={sort.id === column.id ? sort.direction : false}
                >
                  <TableSortLabel
                    active={sort.id === column.id}
                    direction={sort.id === column.id ? sort.direction : 'asc'}
                    onClick={() => sortBy(column)}
                  >
                    {column.title}
                  </TableSortLabel>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(row => (
              <TableRow key={row.entityRef} data-testid="leaders-row">
                <Cells row={row} columns={columns} classes={classes} />
              </TableRow>
            ))}
          </TableBody>
          {organisation && (
            <TableFooter>
              <TableRow
                className={classes.organisation}
                data-testid="leaders-organisation"
              >
                <Cells row={organisation} columns={columns} classes={classes} />
              </TableRow>
            </TableFooter>
          )}
        </Table>
      </TableContainer>
    );
  }

  return (
    <>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        mb={2}
        style={{ gap: 16 }}
      >
        <ToggleButtonGroup
          exclusive
          size="small"
          value={groupBy}
          onChange={(_event, next) => next && setGroupBy(next)}
          aria-label="Group by"
        >
          <ToggleButton value="team" aria-label="By team">
            By team
          </ToggleButton>
          <ToggleButton value="domain" aria-label="By domain">
            By domain
          </ToggleButton>
        </ToggleButtonGroup>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={figures}
          onChange={(_event, next) => next && setFigures(next)}
          aria-label="Figures"
        >
          {FIGURE_GROUPS.map(group => (
            <ToggleButton key={group} value={group}>
              {FIGURE_TITLES[group]}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <MeasuresWindowPicker days={days} onChange={setDays} />
        <Box flexGrow={1} />
        <Button
          variant="outlined"
          startIcon={<GetAppIcon />}
          onClick={onDownload}
          disabled={!value || value.items.length === 0}
        >
          Download CSV
        </Button>
      </Box>
      <Box mb={1}>
        <Typography variant="body2" color="textSecondary">
          Target columns count the services that meet their own targets: green
          when every service with data meets it, red when one misses, grey with
          no data. A team’s or domain’s figures add up its services; “No data”
          means no events were sent, not zero.{' '}
          <span data-testid="dora-caption">
            {t('leaders.doraCaption', { year: String(reportYear) })}
          </span>
        </Typography>
      </Box>
      {body}
    </>
  );
}
