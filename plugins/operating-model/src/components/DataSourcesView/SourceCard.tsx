import { parseEntityRef } from '@backstage/catalog-model';
import {
  CopyTextButton,
  InfoCard,
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EventSourceStatus } from '../../api';
import {
  OperatingModelTranslation,
  operatingModelTranslationRef,
} from '../../translation';
import {
  capitalise,
  formatCount,
  formatInstant,
  formatList,
  formatRelativeTime,
} from '../shared/format';
import {
  SourceState,
  describeFrequency,
  describeRunLimits,
  sourceConfigKey,
  sourceState,
} from './describeSource';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1),
    alignItems: 'baseline',
    margin: 0,
  },
  term: { color: theme.palette.text.secondary, margin: 0 },
  value: { margin: 0 },
  code: {
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    overflowWrap: 'anywhere',
  },
  error: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
}));

/** The state of a source as a status line: the colour and the words. */
function SourceStatusLine(props: { state: SourceState }) {
  const { t } = useTranslationRef(operatingModelTranslationRef);
  switch (props.state) {
    case 'off':
      return <StatusAborted>{t('dataSources.status.off')}</StatusAborted>;
    case 'failed':
      return <StatusError>{t('dataSources.status.failed')}</StatusError>;
    case 'not-run':
      return <StatusPending>{t('dataSources.status.notRun')}</StatusPending>;
    case 'running':
      return <StatusRunning>{t('dataSources.status.running')}</StatusRunning>;
    default:
      return <StatusOK>{t('dataSources.status.succeeded')}</StatusOK>;
  }
}

function when(
  instant: string | null,
  now: Date,
  t: OperatingModelTranslation,
): string {
  if (instant === null) return t('dataSources.never');
  return t('dataSources.when', {
    date: formatInstant(instant),
    relative: formatRelativeTime(instant, now),
  });
}

/** A Component's ref as a link to its page; a ref the catalog could not read stays as text. */
function ComponentLink({ entityRef }: { entityRef: string }) {
  try {
    parseEntityRef(entityRef);
  } catch {
    return <>{entityRef}</>;
  }
  return <EntityRefLink entityRef={entityRef} />;
}

type Unmapped = EventSourceStatus['unmapped'][number];

/** Pages of this many rows, so a source that maps few of a large catalog stays readable. */
const UNMAPPED_PAGE_SIZE = 10;

function UnmappedTable({ unmapped }: { unmapped: Unmapped[] }) {
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const columns: TableColumn<Unmapped>[] = [
    {
      title: t('dataSources.unmappedColumns.entity'),
      width: '35%',
      render: row => <ComponentLink entityRef={row.entityRef} />,
    },
    {
      title: t('dataSources.unmappedColumns.reason'),
      render: row => row.reason,
    },
  ];
  const paged = unmapped.length > UNMAPPED_PAGE_SIZE;
  return (
    <Box mt={2} data-testid="source-unmapped">
      <Table<Unmapped>
        title={t('dataSources.unmappedTitle', {
          count: unmapped.length,
          components: formatCount(unmapped.length),
        })}
        columns={columns}
        data={unmapped}
        options={{
          paging: paged,
          pageSize: UNMAPPED_PAGE_SIZE,
          pageSizeOptions: [UNMAPPED_PAGE_SIZE, 50, 100],
          search: paged,
          sorting: false,
          draggable: false,
          padding: 'dense',
        }}
      />
    </Box>
  );
}

/**
 * One event source: what it reads, whether it is on (and the key that turns it on), when it
 * runs, how its runs went, the error of a failed one, and the Components it could not map.
 */
export function SourceCard(props: { source: EventSourceStatus; now: Date }) {
  const { source, now } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const state = sourceState(source);
  const configKey = sourceConfigKey(source.id);
  const limits = describeRunLimits(source.schedule, t);

  return (
    <Box mb={3} data-testid={`source-${source.id}`} data-state={state}>
      <InfoCard
        title={source.id}
        subheader={<SourceStatusLine state={state} />}
      >
        {!source.enabled && (
          <Box mb={2} data-testid="source-off">
            <Typography variant="body2">{t('dataSources.off')}</Typography>
            <Box display="flex" alignItems="center">
              <code className={classes.code}>{configKey}</code>
              <CopyTextButton
                text={configKey}
                aria-label={t('dataSources.copyKey', { key: configKey })}
              />
            </Box>
          </Box>
        )}
        {source.lastError !== null && (
          <Box mb={2} data-testid="source-error">
            <WarningPanel
              severity="error"
              title={t('dataSources.lastErrorTitle')}
              defaultExpanded
            >
              <Typography variant="body2" className={classes.error}>
                {source.lastError}
              </Typography>
              <Typography variant="body2">
                {source.enabled
                  ? t('dataSources.lastErrorRetry')
                  : t('dataSources.lastErrorOff')}
              </Typography>
            </WarningPanel>
          </Box>
        )}
        <dl className={classes.grid}>
          <dt className={classes.term}>{t('dataSources.fields.kinds')}</dt>
          <dd className={classes.value} data-testid="source-kinds">
            {formatList(
              source.kinds.map(kind => t(`dataSources.kinds.${kind}`)),
            )}
          </dd>
          <dt className={classes.term}>{t('dataSources.fields.schedule')}</dt>
          <dd className={classes.value} data-testid="source-schedule">
            {capitalise(describeFrequency(source.schedule, t))}
            {limits.length > 0 && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="span"
              >
                {' '}
                ({limits.join('; ')})
              </Typography>
            )}
          </dd>
          <dt className={classes.term}>{t('dataSources.fields.lastRun')}</dt>
          <dd className={classes.value} data-testid="source-last-run">
            {when(source.lastRunAt, now, t)}
          </dd>
          <dt className={classes.term}>
            {t('dataSources.fields.lastSuccess')}
          </dt>
          <dd className={classes.value} data-testid="source-last-success">
            {when(source.lastSuccessAt, now, t)}
          </dd>
          <dt className={classes.term}>
            {t('dataSources.fields.eventsWritten')}
          </dt>
          <dd className={classes.value} data-testid="source-events">
            {formatCount(source.eventsWritten)}
          </dd>
          <dt className={classes.term}>{t('dataSources.fields.mapped')}</dt>
          <dd className={classes.value} data-testid="source-mapped">
            {source.mapped === null
              ? t('dataSources.notReported')
              : formatCount(source.mapped)}
          </dd>
        </dl>
        {source.unmapped.length > 0 && (
          <UnmappedTable unmapped={source.unmapped} />
        )}
      </InfoCard>
    </Box>
  );
}
