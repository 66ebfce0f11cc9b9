import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EntityRefLink,
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Shift } from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { RotaSchedule, operatingModelApiRef } from '../../api';
import { formatCount, formatDateTime } from '../shared/format';
import { operatingModelTranslationRef } from '../../translation';
import { MessagesPanel } from '../shared/MessagesPanel';

const DAY = 24 * 60 * 60 * 1000;
const LOOK_AHEAD_DAYS = 35;

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1.5),
    alignItems: 'baseline',
    margin: 0,
  },
  term: { color: theme.palette.text.secondary, margin: 0 },
  value: { margin: 0 },
  big: { fontSize: '1.25rem', fontWeight: 500 },
  chip: { height: 18, fontSize: '0.7rem', marginLeft: theme.spacing(1) },
}));

/** The shift on at `now`, and the next one that hands the pager to someone else. */
export function currentAndNext(
  shifts: Shift[],
  now: Date,
): { current: Shift | null; next: Shift | null } {
  const sorted = [...shifts].sort((a, b) => a.start.localeCompare(b.start));
  const at = now.getTime();
  const current =
    sorted.find(s => Date.parse(s.start) <= at && at < Date.parse(s.end)) ??
    null;
  const next =
    sorted.find(s =>
      current
        ? Date.parse(s.start) >= Date.parse(current.end) &&
          s.person !== current.person
        : Date.parse(s.start) > at,
    ) ?? null;
  return { current, next };
}

function OnCallSummary({
  schedule,
  now,
}: {
  schedule: RotaSchedule;
  now: Date;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const { current, next } = currentAndNext(schedule.shifts, now);
  const zone = schedule.timezone;
  return (
    <Box data-testid="on-call-summary">
      {schedule.kind === 'domain' && (
        <Box mb={2}>
          <Typography variant="body2" color="textSecondary">
            {t('onCallCard.domainCovers')}
          </Typography>
        </Box>
      )}
      <dl className={classes.grid}>
        <dt className={classes.term}>{t('onCallCard.now')}</dt>
        <dd className={classes.value} data-testid="on-call-now">
          {current ? (
            <>
              <span className={classes.big}>
                <EntityRefLink entityRef={current.person} hideIcon />
              </span>{' '}
              {t('onCallCard.until', {
                when: formatDateTime(current.end, zone),
              })}
              {current.override && (
                <Chip
                  label={t('onCallCard.override')}
                  size="small"
                  color="secondary"
                  className={classes.chip}
                />
              )}
            </>
          ) : (
            t('onCallCard.nobody')
          )}
        </dd>
        <dt className={classes.term}>{t('onCallCard.next')}</dt>
        <dd className={classes.value} data-testid="on-call-next">
          {next ? (
            <>
              <EntityRefLink entityRef={next.person} hideIcon />{' '}
              {t('onCallCard.from', { when: formatDateTime(next.start, zone) })}
              {next.override && (
                <Chip
                  label={t('onCallCard.override')}
                  size="small"
                  color="secondary"
                  className={classes.chip}
                />
              )}
            </>
          ) : (
            t('onCallCard.nobodyAhead', { days: formatCount(LOOK_AHEAD_DAYS) })
          )}
        </dd>
        {schedule.optedOutCount > 0 && (
          <>
            <dt className={classes.term}>{t('onCallCard.optedOut')}</dt>
            <dd className={classes.value}>
              {t('onCallCard.optedOutPeople', {
                count: schedule.optedOutCount,
              })}
            </dd>
          </>
        )}
      </dl>
      {schedule.participants.length === 0 && (
        <Box mt={2}>
          <Typography variant="body2">
            {schedule.kind === 'domain'
              ? t('onCallCard.emptyDomainRota')
              : t('onCallCard.emptyTeamRota')}
          </Typography>
        </Box>
      )}
      {schedule.problems.length > 0 && (
        <Box mt={2}>
          <MessagesPanel
            severity="warning"
            title={t('onCallCard.problems', {
              count: schedule.problems.length,
            })}
            messages={schedule.problems.map(p => ({
              key: `${p.code}:${p.message}`,
              text: p.message,
            }))}
          />
        </Box>
      )}
    </Box>
  );
}

/**
 * Who is on call now and next on the rota of the Group or Domain on the page.
 *
 * @public
 */
export function EntityOnCallCard(props: { now?: Date }) {
  const { entity } = useEntity();
  const api = useApi(operatingModelApiRef);
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const rotaRef = stringifyEntityRef(entity);
  const [now] = useState(() => props.now ?? new Date());
  const { value, loading, error } = useAsync(
    () =>
      api.getSchedule(rotaRef, {
        from: now,
        to: new Date(now.getTime() + LOOK_AHEAD_DAYS * DAY),
      }),
    [api, rotaRef, now.getTime()],
  );
  const isDomain = entity.kind.toLocaleLowerCase('en-US') === 'domain';

  let content: ReactNode;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (value) content = <OnCallSummary schedule={value} now={now} />;
  return (
    <InfoCard
      title={isDomain ? t('onCallCard.domainTitle') : t('onCallCard.title')}
      deepLink={{
        title: t('onCallCard.seeRota'),
        link: `${entityRoute(
          entityRouteParams(entity, { encodeParams: true }),
        )}/on-call`,
      }}
    >
      {content}
    </InfoCard>
  );
}
