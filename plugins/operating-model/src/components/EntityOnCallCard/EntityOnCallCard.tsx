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
import {
  Shift,
  formatOnCallTime,
  rotaPagesWhen,
} from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  OnCallResult,
  OperatingModelApi,
  RotaSchedule,
  operatingModelApiRef,
} from '../../api';
import { formatCount, formatList, onCallTimeOptions } from '../shared/format';
import { OnCallResultLine } from '../PagedNow';
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

/** One answer of rule 9 and the team's services it is the answer for. */
interface PagedAnswer {
  answer: OnCallResult;
  services: string[];
}

/**
 * Who is paged for each of a team's services at `now`, the services with the same answer
 * together: out of hours a team's services may be paged from the domain rota, or not at all,
 * while the team rota's shift goes on.
 */
async function pagedForTeam(
  api: OperatingModelApi,
  teamRef: string,
  at: Date | undefined,
): Promise<PagedAnswer[]> {
  const page = await api.queryDirectory({ team: teamRef, limit: 500 });
  const services = page.items.flatMap(item =>
    item.kind === 'service' ? [item.service] : [],
  );
  const answers = await Promise.all(
    services.map(service =>
      api.getOnCall(service.ref, at ? { at } : undefined),
    ),
  );
  const byAnswer = new Map<string, PagedAnswer>();
  answers.forEach((answer, index) => {
    const key = JSON.stringify([
      answer.period,
      answer.schedule,
      answer.person,
      answer.shiftEnd,
      answer.next,
      answer.schedule === 'domain' ? answer.rotas.domain : answer.rotas.team,
      answer.workingHours.timezone,
    ]);
    const found = byAnswer.get(key);
    if (found) found.services.push(services[index].title);
    else byAnswer.set(key, { answer, services: [services[index].title] });
  });
  return [...byAnswer.values()];
}

function PagedNowRows({ paged, now }: { paged: PagedAnswer[]; now: Date }) {
  const classes = useStyles();
  const { t } = useTranslationRef(operatingModelTranslationRef);
  if (paged.length === 0) return null;
  return (
    <>
      <dt className={classes.term}>{t('onCallCard.pagedNow')}</dt>
      <dd className={classes.value} data-testid="on-call-paged">
        {paged.map(({ answer, services }) => (
          <Box key={services.join('\n')} data-testid="on-call-paged-answer">
            <OnCallResultLine answer={answer} now={now} />{' '}
            <Typography component="span" variant="body2" color="textSecondary">
              {t('onCallCard.pagedFor', { services: formatList(services) })}
            </Typography>
          </Box>
        ))}
      </dd>
    </>
  );
}

function OnCallSummary({
  schedule,
  paged,
  now,
}: {
  schedule: RotaSchedule;
  paged: PagedAnswer[];
  now: Date;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const { current, next } = currentAndNext(schedule.shifts, now);
  const when = (instant: string) =>
    formatOnCallTime(instant, onCallTimeOptions(schedule.timezone, now));
  return (
    <Box data-testid="on-call-summary">
      <Box mb={2}>
        <Typography variant="body2" color="textSecondary">
          {t('onCallCard.rotaPages', { when: rotaPagesWhen(schedule.kind) })}
        </Typography>
      </Box>
      <dl className={classes.grid}>
        <PagedNowRows paged={paged} now={now} />
        <dt className={classes.term}>
          {schedule.kind === 'domain'
            ? t('onCallCard.domainRotaNow')
            : t('onCallCard.teamRotaNow')}
        </dt>
        <dd className={classes.value} data-testid="on-call-now">
          {current ? (
            <>
              <span className={classes.big}>
                <EntityRefLink entityRef={current.person} hideIcon />
              </span>{' '}
              {t('onCallCard.until', { when: when(current.end) })}
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
              {t('onCallCard.from', { when: when(next.start) })}
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
            title={t('problems.rota', {
              count: schedule.problems.length,
            })}
            help={t('problems.rotaHelp')}
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
  // A Domain's rota pages only out of hours, for some of its services: its card names the rota's
  // shift; a team's card says who is paged for its services too, which out of hours may be another.
  const paged = useAsync(
    async () => (isDomain ? [] : pagedForTeam(api, rotaRef, props.now && now)),
    [api, rotaRef, isDomain, now.getTime()],
  );

  let content: ReactNode;
  if (loading || paged.loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (paged.error) content = <ResponseErrorPanel error={paged.error} />;
  else if (value)
    content = (
      <OnCallSummary schedule={value} paged={paged.value ?? []} now={now} />
    );
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
