import { InfoCard } from '@backstage/core-components';
import {
  ErrorBudget,
  MeasureSeries,
  SeriesTarget,
} from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Theme, useTheme } from '@material-ui/core/styles';
import { ReactElement } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  formatAvailability,
  formatAvailabilityRatio,
  formatDays,
  formatMinutes,
  formatNumber,
  formatSeconds,
  formatShortDay,
} from '../shared/format';
import { errorBudgetText } from './measureFigures';

const HEIGHT = 260;

function ChartCard(props: {
  id: string;
  title: string;
  subheader?: string;
  empty: boolean;
  emptyText: string;
  footer?: ReactElement | null;
  children: ReactElement;
}) {
  return (
    <InfoCard title={props.title} subheader={props.subheader}>
      <div data-testid={`chart-${props.id}`}>
        {props.empty ? (
          <Box
            height={HEIGHT}
            display="flex"
            alignItems="center"
            justifyContent="center"
          >
            <Typography color="textSecondary">{props.emptyText}</Typography>
          </Box>
        ) : (
          <ResponsiveContainer width="100%" height={HEIGHT}>
            {props.children}
          </ResponsiveContainer>
        )}
        {props.footer}
      </div>
    </InfoCard>
  );
}

/** Grid, axes and tooltip in the theme's colours, so the charts read in dark mode too. */
function chartStyle(theme: Theme) {
  const text = theme.palette.text.secondary;
  return {
    grid: { strokeDasharray: '3 3', stroke: theme.palette.divider },
    axis: { stroke: text, tick: { fill: text } },
    tooltip: {
      contentStyle: {
        background: theme.palette.background.paper,
        borderColor: theme.palette.divider,
        color: theme.palette.text.primary,
      },
    },
  };
}

export function DeploymentsPerWeekChart(props: {
  data: MeasureSeries['deploymentsPerWeek'];
  target: SeriesTarget | null;
}) {
  const theme = useTheme();
  const chart = chartStyle(theme);
  const target = props.target?.deploymentsPerWeek ?? null;
  return (
    <ChartCard
      id="deployments-per-week"
      title="Deployments per week"
      subheader={
        target === null
          ? 'Production deployments, weeks starting Monday'
          : `Production deployments, weeks starting Monday; target ${formatNumber(
              target,
            )} a week`
      }
      empty={props.data.length === 0}
      emptyText="No data: no production deployments in this window"
    >
      <BarChart
        data={props.data}
        margin={{ top: 16, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid {...chart.grid} />
        <XAxis
          {...chart.axis}
          dataKey="weekStart"
          tickFormatter={formatShortDay}
        />
        <YAxis {...chart.axis} allowDecimals={false} />
        <Tooltip
          {...chart.tooltip}
          labelFormatter={label => `Week of ${formatShortDay(String(label))}`}
          formatter={value => [value, 'Deployments']}
        />
        <Bar
          dataKey="count"
          name="Deployments"
          fill={theme.palette.primary.main}
          isAnimationActive={false}
        />
        {target !== null && (
          <ReferenceLine
            y={target}
            stroke={theme.palette.error.main}
            strokeDasharray="6 3"
            label={{ value: 'Target', position: 'insideTopRight' }}
          />
        )}
      </BarChart>
    </ChartCard>
  );
}

function ErrorBudgetLine(props: { budget: ErrorBudget | null }) {
  const { budget } = props;
  if (!budget) return null;
  return (
    <Box mt={1}>
      <Typography variant="body2" data-testid="error-budget">
        {errorBudgetText(budget)}, week of {formatShortDay(budget.weekStart)}
      </Typography>
    </Box>
  );
}

export function AvailabilityPerDayChart(props: {
  data: MeasureSeries['availabilityPerDay'];
  target: SeriesTarget | null;
  errorBudget: ErrorBudget | null;
}) {
  const theme = useTheme();
  const chart = chartStyle(theme);
  const target = props.target?.availability ?? null;
  const data = props.data.map(day => ({
    day: day.day,
    percent: day.ratio === null ? null : day.ratio * 100,
  }));
  return (
    <ChartCard
      id="availability-per-day"
      title="Availability per day"
      subheader={
        target === null
          ? 'Good ÷ total requests, by day (UTC)'
          : `Good ÷ total requests, by day (UTC); target ${formatAvailability(
              target,
            )}`
      }
      empty={data.length === 0}
      emptyText="No data: no availability intervals in this window"
      footer={<ErrorBudgetLine budget={props.errorBudget} />}
    >
      <LineChart
        data={data}
        margin={{ top: 16, right: 16, bottom: 0, left: 8 }}
      >
        <CartesianGrid {...chart.grid} />
        <XAxis {...chart.axis} dataKey="day" tickFormatter={formatShortDay} />
        <YAxis
          {...chart.axis}
          // Availability never passes 100%: the axis stops there, and starts a little below the
          // lowest day or the target line, whichever is lower.
          domain={[
            (lowest: number) =>
              Math.max(0, Math.floor(Math.min(lowest, target ?? 100) - 0.5)),
            100,
          ]}
          allowDataOverflow
          tickFormatter={(value: number) => `${formatNumber(value, 2)}%`}
          width={64}
        />
        <Tooltip
          {...chart.tooltip}
          labelFormatter={label => formatShortDay(String(label))}
          formatter={(value: number) => [
            formatAvailabilityRatio(value / 100),
            'Availability',
          ]}
        />
        <Line
          type="monotone"
          dataKey="percent"
          name="Availability"
          stroke={theme.palette.primary.main}
          dot={data.length <= 31}
          connectNulls={false}
          isAnimationActive={false}
        />
        {target !== null && (
          <ReferenceLine
            y={target}
            stroke={theme.palette.error.main}
            strokeDasharray="6 3"
            label={{ value: 'Target', position: 'insideBottomRight' }}
          />
        )}
      </LineChart>
    </ChartCard>
  );
}

export function TimeToRestoreChart(props: {
  incidents: MeasureSeries['incidents'];
  target: SeriesTarget | null;
}) {
  const theme = useTheme();
  const chart = chartStyle(theme);
  const data = props.incidents
    .filter(incident => incident.timeToRestoreMinutes !== null)
    .map(incident => ({
      label: `${formatShortDay(incident.startedAt)} · ${
        incident.title ?? incident.externalId
      }`,
      minutes: incident.timeToRestoreMinutes,
    }));
  const tolerableSeconds =
    props.target?.tolerableUnavailabilitySecondsPerWeek ?? null;
  return (
    <ChartCard
      id="time-to-restore"
      title="Time to restore per incident"
      subheader={
        tolerableSeconds === null
          ? 'Minutes from start to restoration, restored incidents'
          : `Minutes from start to restoration; the line is a week's tolerable unavailability (${formatSeconds(
              tolerableSeconds,
            )})`
      }
      empty={data.length === 0}
      emptyText="No data: no restored incidents in this window"
    >
      <BarChart data={data} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid {...chart.grid} />
        <XAxis {...chart.axis} dataKey="label" tick={false} />
        <YAxis
          {...chart.axis}
          tickFormatter={(value: number) => formatMinutes(value) ?? ''}
          width={72}
        />
        <Tooltip
          {...chart.tooltip}
          formatter={(value: number) => [
            formatMinutes(value),
            'Time to restore',
          ]}
        />
        <Bar
          dataKey="minutes"
          name="Time to restore"
          fill={theme.palette.secondary.main}
          isAnimationActive={false}
        />
        {tolerableSeconds !== null && (
          <ReferenceLine
            y={tolerableSeconds / 60}
            ifOverflow="extendDomain"
            stroke={theme.palette.error.main}
            strokeDasharray="6 3"
          />
        )}
      </BarChart>
    </ChartCard>
  );
}

export function LeadTimeChart(props: {
  leadTimes: MeasureSeries['leadTimes'];
}) {
  const theme = useTheme();
  const chart = chartStyle(theme);
  const data = props.leadTimes.map(deployment => ({
    time: Date.parse(deployment.deployTime),
    days: deployment.leadTimeDays,
  }));
  return (
    <ChartCard
      id="lead-time"
      title="Lead time per deployment"
      subheader="Days from build to production"
      empty={data.length === 0}
      emptyText="No data: no production deployments in this window"
    >
      <ScatterChart margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid {...chart.grid} />
        <XAxis
          {...chart.axis}
          dataKey="time"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={formatShortDay}
          name="Deployed"
        />
        <YAxis
          {...chart.axis}
          dataKey="days"
          name="Lead time"
          tickFormatter={(value: number) => formatNumber(value) ?? ''}
        />
        <Tooltip
          {...chart.tooltip}
          formatter={(value: number, name: string) =>
            name === 'Deployed'
              ? [formatShortDay(value), name]
              : [formatDays(value), name]
          }
        />
        <Scatter
          data={data}
          name="Deployments"
          fill={theme.palette.primary.main}
          isAnimationActive={false}
        />
      </ScatterChart>
    </ChartCard>
  );
}
