import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  BUDGET_HOLDER_TITLES,
  OnCallCostReport,
  OnCallCostRow,
} from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { operatingModelApiRef } from '../../api';
import { operatingModelTranslationRef } from '../../translation';
import {
  MeasuresWindowDays,
  MeasuresWindowPicker,
  measuresWindowEnding,
} from '../shared/MeasuresWindowPicker';
import { formatMoney, lowerCase } from '../shared/format';

const useStyles = makeStyles(theme => ({
  head: {
    whiteSpace: 'nowrap',
    fontWeight: theme.typography.fontWeightBold as number,
  },
  number: { textAlign: 'right', whiteSpace: 'nowrap' },
  muted: { color: theme.palette.text.secondary },
  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(16em, 1fr))',
    gap: theme.spacing(2),
    margin: theme.spacing(2, 0),
  },
  figure: { padding: theme.spacing(2) },
  big: { ...theme.typography.h4, margin: theme.spacing(0.5, 0) },
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
}));

function fundingText(row: OnCallCostRow): string {
  const { budgetHolder, source } = row.funding;
  if (!budgetHolder) return 'Not recorded';
  const title = BUDGET_HOLDER_TITLES[budgetHolder];
  return source === 'config' ? `${title} (default)` : title;
}

function CostTable(props: {
  subject: 'Team' | 'Domain';
  rows: OnCallCostRow[];
  currency: string;
}) {
  const classes = useStyles();
  const money = (value: number) => formatMoney(value, props.currency);
  if (props.rows.length === 0) return null;
  return (
    <TableContainer component={Paper}>
      <Table
        size="small"
        aria-label={`On-call cost by ${lowerCase(props.subject)}`}
      >
        <TableHead>
          <TableRow>
            <TableCell className={classes.head}>{props.subject}</TableCell>
            <TableCell className={classes.head}>Out-of-hours rota</TableCell>
            <TableCell className={`${classes.head} ${classes.number}`}>
              People
            </TableCell>
            <TableCell className={`${classes.head} ${classes.number}`}>
              Standby
            </TableCell>
            <TableCell className={`${classes.head} ${classes.number}`}>
              Callout
            </TableCell>
            <TableCell className={`${classes.head} ${classes.number}`}>
              Total
            </TableCell>
            <TableCell className={classes.head}>Funded by</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.rows.map(row => (
            <TableRow key={row.entityRef} data-testid="cost-row">
              <TableCell>
                <EntityRefLink
                  entityRef={row.entityRef}
                  title={row.title ?? undefined}
                  hideIcon
                />
              </TableCell>
              <TableCell>
                {row.outOfHoursRota ? (
                  `Covers ${row.coveredOutOfHours.length} service${
                    row.coveredOutOfHours.length === 1 ? '' : 's'
                  }`
                ) : (
                  <span className={classes.muted}>None</span>
                )}
              </TableCell>
              <TableCell className={classes.number}>
                {row.participants}
              </TableCell>
              <TableCell className={classes.number}>
                {money(row.standbyCost)}
              </TableCell>
              <TableCell className={classes.number}>
                {money(row.calloutCost)}
                {row.calloutIncidents > 0 && (
                  <Typography
                    component="div"
                    variant="caption"
                    className={classes.muted}
                  >
                    {row.calloutIncidents} incident
                    {row.calloutIncidents === 1 ? '' : 's'},{' '}
                    {Math.round(row.calloutHours * 10) / 10} h
                  </Typography>
                )}
              </TableCell>
              <TableCell className={classes.number}>
                {money(row.total)}
              </TableCell>
              <TableCell>
                {fundingText(row)}
                {row.kind === 'domain' && row.funding.group && (
                  <Typography
                    component="div"
                    variant="caption"
                    className={classes.muted}
                  >
                    through{' '}
                    <EntityRefLink entityRef={row.funding.group} hideIcon />
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function WhatIf({ report }: { report: OnCallCostReport }) {
  const classes = useStyles();
  const money = (value: number) => formatMoney(value, report.currency);
  const { linear, bands, difference } = report.whatIf;
  return (
    <Box data-testid="linear-what-if">
      <Typography variant="h6">What if every team ran its own rota?</Typography>
      <Typography variant="body2" className={classes.muted}>
        Standby grows with the number of rotas:{' '}
        {money(report.whatIf.standbyPerWeek)} a week for each person on standby.
      </Typography>
      <div className={classes.figures}>
        <Paper className={classes.figure} variant="outlined">
          <Typography variant="body2">
            Every team with out-of-hours cover on its own rota
          </Typography>
          <p className={classes.big}>{money(linear.perWeek)} a week</p>
          <Typography variant="body2">
            {linear.rotas} rota{linear.rotas === 1 ? '' : 's'};{' '}
            {money(linear.standbyCost)} over the window
          </Typography>
        </Paper>
        <Paper className={classes.figure} variant="outlined">
          <Typography variant="body2">
            The rotas the exposure bands call for
          </Typography>
          <p className={classes.big}>{money(bands.perWeek)} a week</p>
          <Typography variant="body2">
            {bands.rotas} rota{bands.rotas === 1 ? '' : 's'} (
            {bands.teamRotas.length} team, {bands.domainRotas.length} domain);{' '}
            {money(bands.standbyCost)} over the window
          </Typography>
        </Paper>
        <Paper className={classes.figure} variant="outlined">
          <Typography variant="body2">
            {difference >= 0
              ? 'Selecting schedules on exposure saves'
              : 'Selecting schedules on exposure costs more here by'}
          </Typography>
          <p className={classes.big}>{money(Math.abs(difference))}</p>
          <Typography variant="body2">over the window</Typography>
        </Paper>
      </div>
    </Box>
  );
}

/**
 * On-call cost for leaders: standby and callout per team and per domain over a window, who
 * funds each rota, and the linear run cost what-if (every team on its own rota against the
 * rotas the exposure bands call for).
 *
 * @public
 */
export function OnCallCostView(props: { now?: Date }) {
  const api = useApi(operatingModelApiRef);
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const classes = useStyles();
  const [days, setDays] = useState<MeasuresWindowDays>(90);
  const end = props.now?.getTime();
  const { value, loading, error } = useAsync(
    () =>
      api.getOnCallCosts(
        measuresWindowEnding(
          end === undefined ? new Date() : new Date(end),
          days,
        ),
      ),
    [api, days, end],
  );

  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (value && value.teams.length === 0 && value.domains.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No teams own services yet"
        description="On-call cost appears once services have owners."
      />
    );
  } else if (value) {
    const money = (v: number) => formatMoney(v, value.currency);
    const { remuneration } = value;
    const problems = [...value.teams, ...value.domains].flatMap(
      r => r.problems,
    );
    const rotas = [...value.teams, ...value.domains].filter(
      r => r.outOfHoursRota,
    );
    content = (
      <>
        {rotas.length === 0 && (
          <EmptyState
            missing="data"
            title={t('emptyStates.costNoRotasTitle')}
            description={t('emptyStates.costNoRotas', { days: String(days) })}
          />
        )}
        <Typography variant="h4" component="p" data-testid="cost-total">
          {money(value.totals.total)}
        </Typography>
        <Typography variant="body1" gutterBottom>
          over {Math.round(value.weeks * 10) / 10} weeks: standby{' '}
          {money(value.totals.standby)}, callout {money(value.totals.callout)}.{' '}
          <span className={classes.muted}>
            {remuneration.model === 'standby-and-callout'
              ? `Standby is paid at ${money(
                  remuneration.standbyPerWeek,
                )} a week and callouts at ${money(
                  remuneration.calloutPerHour,
                )} an hour.`
              : `Standby only, at ${money(
                  remuneration.standbyPerWeek,
                )} a week; callouts are not paid.`}
          </span>
        </Typography>
        <Box mt={2}>
          <CostTable
            subject="Team"
            rows={value.teams}
            currency={value.currency}
          />
        </Box>
        <Box mt={2}>
          <CostTable
            subject="Domain"
            rows={value.domains}
            currency={value.currency}
          />
        </Box>
        {problems.length > 0 && (
          <Box mt={2}>
            <WarningPanel
              severity="warning"
              title={`${problems.length} thing${
                problems.length === 1 ? '' : 's'
              } to put right`}
            >
              <ul className={classes.list}>
                {problems.map(p => (
                  <li key={p}>
                    <Typography variant="body2">{p}</Typography>
                  </li>
                ))}
              </ul>
            </WarningPanel>
          </Box>
        )}
        <Box mt={3}>
          <WhatIf report={value} />
        </Box>
      </>
    );
  }

  return (
    <Box>
      <Box display="flex" justifyContent="flex-end" mb={2}>
        <MeasuresWindowPicker days={days} onChange={setDays} />
      </Box>
      {content}
    </Box>
  );
}
