import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EntityRefLink,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import {
  OnCallLoadPerson,
  OnCallLoadReport,
} from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { operatingModelApiRef } from '../../api';
import { operatingModelTranslationRef } from '../../translation';
import { toCsv } from '../LeadersView/leadersTable';
import { downloadCsv } from '../shared/downloadCsv';
import { formatDate, formatMoney, formatNumber } from '../shared/format';

/** One person on one rota: a row of the table and of the CSV. */
export interface OnCallLoadLine extends OnCallLoadPerson {
  id: string;
  rotaRef: string;
  rotaTitle: string;
  averageHours: number;
}

/** The report's people as one list, rota by rota, for the table and the CSV. */
export function onCallLoadLines(report: OnCallLoadReport): OnCallLoadLine[] {
  return report.rotas.flatMap(rota =>
    rota.people.map(person => ({
      ...person,
      id: `${rota.rotaRef} ${person.person}`,
      rotaRef: rota.rotaRef,
      rotaTitle: rota.title ?? rota.rotaRef,
      averageHours: rota.averageHours,
    })),
  );
}

const signedShare = (share: number) =>
  `${share > 0 ? '+' : ''}${Math.round(share * 100)}%`;

/** The CSV of every line, with the figures as numbers and the person as an entity ref. */
export function onCallLoadCsv(report: OnCallLoadReport): string {
  return toCsv(
    [
      'Rota',
      'Rota ref',
      'Person',
      'Hours in working hours',
      'Hours out of hours',
      'Out-of-hours callouts',
      'Callout hours',
      `Standby pay (${report.currency})`,
      `Callout pay (${report.currency})`,
      `Total pay (${report.currency})`,
      'Rota average hours',
      'From the average',
      'Flagged',
    ],
    onCallLoadLines(report).map(line => [
      line.rotaTitle,
      line.rotaRef,
      line.person,
      String(line.hoursInHours),
      String(line.hoursOutOfHours),
      String(line.callouts),
      String(line.calloutHours),
      String(line.standbyPay),
      String(line.calloutPay),
      String(line.totalPay),
      String(line.averageHours),
      signedShare(line.fromAverage),
      line.flagged ? 'yes' : 'no',
    ]),
  );
}

function PersonName(props: { entityRef: string }) {
  const { primaryTitle } = useEntityPresentation(props.entityRef);
  return (
    <EntityRefLink entityRef={props.entityRef} hideIcon>
      {primaryTitle}
    </EntityRefLink>
  );
}

/**
 * Fair load and pay: for each rota, each person's hours on call in and out of working hours,
 * out-of-hours callouts, standby and callout pay over the quarter, and how far they are from the
 * rota's average, with those more than the configured share above it flagged; as a CSV too.
 * Opted-out people are counted, never named.
 *
 * @public
 */
export function OnCallLoadView(props: {
  /** Where the CSV goes; the browser's download unless a test says otherwise. */
  onDownload?: (filename: string, csv: string) => void;
}) {
  const api = useApi(operatingModelApiRef);
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const { value, loading, error } = useAsync(() => api.getOnCallLoad(), [api]);
  const lines = useMemo(() => (value ? onCallLoadLines(value) : []), [value]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || lines.length === 0) {
    return (
      <EmptyState
        missing="data"
        title={t('onCallLoad.emptyTitle')}
        description={t('onCallLoad.emptyHelp')}
      />
    );
  }
  const money = (amount: number) => formatMoney(amount, value.currency);
  const hours = (h: number) => formatNumber(h, 1) ?? '0';
  const shown = flaggedOnly ? lines.filter(l => l.flagged) : lines;
  const optedOut = value.rotas.reduce((sum, r) => sum + r.optedOutCount, 0);
  const columns: TableColumn<OnCallLoadLine>[] = [
    {
      title: t('onCallLoad.columns.rota'),
      field: 'rotaTitle',
      render: line => <EntityRefLink entityRef={line.rotaRef} hideIcon />,
    },
    {
      title: t('onCallLoad.columns.person'),
      field: 'person',
      render: line => <PersonName entityRef={line.person} />,
    },
    {
      title: t('onCallLoad.columns.inHours'),
      field: 'hoursInHours',
      type: 'numeric',
      render: line => hours(line.hoursInHours),
    },
    {
      title: t('onCallLoad.columns.outOfHours'),
      field: 'hoursOutOfHours',
      type: 'numeric',
      render: line => hours(line.hoursOutOfHours),
    },
    {
      title: t('onCallLoad.columns.callouts'),
      field: 'callouts',
      type: 'numeric',
      render: line =>
        line.callouts === 0
          ? '0'
          : t('onCallLoad.calloutsWithHours', {
              count: line.callouts,
              hours: hours(line.calloutHours),
            }),
    },
    {
      title: t('onCallLoad.columns.standby'),
      field: 'standbyPay',
      type: 'numeric',
      render: line => money(line.standbyPay),
    },
    {
      title: t('onCallLoad.columns.callout'),
      field: 'calloutPay',
      type: 'numeric',
      render: line => money(line.calloutPay),
    },
    {
      title: t('onCallLoad.columns.total'),
      field: 'totalPay',
      type: 'numeric',
      render: line => money(line.totalPay),
    },
    {
      title: t('onCallLoad.columns.fromAverage'),
      field: 'fromAverage',
      type: 'numeric',
      render: line => (
        <Box
          display="flex"
          alignItems="center"
          justifyContent="flex-end"
          style={{ gap: 4 }}
        >
          {signedShare(line.fromAverage)}
          {line.flagged && (
            <Chip
              size="small"
              color="secondary"
              label={t('onCallLoad.flagged')}
              title={t('onCallLoad.flaggedHelp', {
                share: signedShare(value.flagAbove),
                average: hours(line.averageHours),
              })}
            />
          )}
        </Box>
      ),
    },
  ];
  const download = props.onDownload ?? downloadCsv;
  return (
    <Box>
      <Typography variant="body2" paragraph>
        {t('onCallLoad.help', {
          from: formatDate(value.from),
          to: formatDate(new Date(Date.parse(value.to) - 1)),
          share: signedShare(value.flagAbove),
        })}
      </Typography>
      <Box display="flex" alignItems="center" style={{ gap: 16 }} mb={1}>
        <FormControlLabel
          control={
            <Switch
              checked={flaggedOnly}
              onChange={event => setFlaggedOnly(event.target.checked)}
            />
          }
          label={t('onCallLoad.flaggedOnly', {
            count: lines.filter(l => l.flagged).length,
          })}
        />
        <Button
          variant="outlined"
          size="small"
          onClick={() =>
            download(
              `on-call-load-${value.from.slice(0, 10)}.csv`,
              onCallLoadCsv(value),
            )
          }
        >
          {t('onCallLoad.csv')}
        </Button>
        {optedOut > 0 && (
          <Typography variant="body2" color="textSecondary">
            {t('onCallLoad.optedOut', { count: optedOut })}
          </Typography>
        )}
      </Box>
      <Table<OnCallLoadLine>
        title={t('onCallLoad.title')}
        options={{
          paging: shown.length > 50,
          pageSize: 50,
          pageSizeOptions: [50, 100, 500],
          padding: 'dense',
        }}
        columns={columns}
        data={shown}
      />
    </Box>
  );
}
