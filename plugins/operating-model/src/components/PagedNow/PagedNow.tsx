import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { OutOfHoursLevel } from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { OnCallResult, operatingModelApiRef } from '../../api';
import { formatWeekdayTime, formatWhen } from '../shared/format';
import {
  OperatingModelTranslation,
  operatingModelTranslationRef,
} from '../../translation';

const PERIOD_KEY = {
  'working-hours': 'workingHours',
  'out-of-hours': 'outOfHours',
} as const satisfies Record<OnCallResult['period'], string>;

/** Who answers out of hours, for a level of the service's assessment. */
export function describeOutOfHoursLevel(
  level: OutOfHoursLevel | null | undefined,
  t: OperatingModelTranslation,
): string {
  switch (level) {
    case 'team':
    case 'domain':
    case 'none':
      return t(`pagedNow.level.${level}`);
    default:
      return t('pagedNow.level.unknown');
  }
}

/** One line saying who is paged, in words; shared with the lookup on the standalone page. */
export function PagedAnswer({
  answer,
  now,
}: {
  answer: OnCallResult;
  now: Date;
}) {
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const zone = answer.workingHours.timezone;
  const rota =
    answer.schedule === 'domain' ? answer.rotas.domain : answer.rotas.team;
  if (answer.schedule === 'none' || !answer.person) {
    if (!answer.next) {
      return (
        <>{t('pagedNow.nobodyOnSchedule', { schedule: answer.schedule })}</>
      );
    }
    return (
      <>
        {t('pagedNow.nobodyUntil', {
          when: formatWeekdayTime(answer.next.at, zone),
        })}
        {answer.next.person && (
          <>
            {' '}
            (<EntityRefLink entityRef={answer.next.person} hideIcon />)
          </>
        )}
      </>
    );
  }
  return (
    <>
      <EntityRefLink entityRef={answer.person} hideIcon />
      {answer.shiftEnd &&
        t('pagedNow.until', { when: formatWhen(answer.shiftEnd, zone, now) })}
      {t('pagedNow.fromSchedule', {
        schedule: rota ? (
          <EntityRefLink entityRef={rota} hideIcon>
            {answer.schedule}
          </EntityRefLink>
        ) : (
          <>{answer.schedule}</>
        ),
      })}
    </>
  );
}

export interface PagedNowProps {
  /** The Component whose callouts are asked about. */
  entityRef: string;
  /** The service's out-of-hours level from its assessment, to describe the other period. */
  outOfHours?: OutOfHoursLevel | null;
  /** The instant taken as now; for tests. */
  now?: Date;
}

/** Who is paged for a service at this moment, for the Component's operating-model card. */
export function PagedNow({
  entityRef,
  outOfHours,
  now: nowProp,
}: PagedNowProps) {
  const api = useApi(operatingModelApiRef);
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const [now] = useState(() => nowProp ?? new Date());
  const { value, loading, error } = useAsync(
    () => api.getOnCall(entityRef, nowProp ? { at: now } : undefined),
    [api, entityRef, now.getTime()],
  );

  if (loading) return <Skeleton variant="text" width="60%" />;
  if (error) {
    return <ResponseErrorPanel error={error} title={t('pagedNow.error')} />;
  }
  if (!value) return null;
  return (
    <Box data-testid="paged-now">
      <Typography variant="body1">
        <strong>
          {t('pagedNow.title', {
            period: t(`pagedNow.period.${PERIOD_KEY[value.period]}`),
          })}
        </strong>{' '}
        <PagedAnswer answer={value} now={now} />
      </Typography>
      {value.period === 'working-hours' && outOfHours !== undefined && (
        <Typography variant="body2" color="textSecondary">
          {t('pagedNow.outOfHours', {
            who: describeOutOfHoursLevel(outOfHours, t),
          })}
        </Typography>
      )}
    </Box>
  );
}
