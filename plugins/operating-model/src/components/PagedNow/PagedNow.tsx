import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { OutOfHoursLevel } from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { operatingModelApiRef } from '../../api';
import { OnCallResultLine } from './OnCallWordsLine';
import { NextAndContact } from './NextAndContact';
import {
  OperatingModelTranslation,
  operatingModelTranslationRef,
} from '../../translation';

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
        <strong>{t('pagedNow.title')}</strong>{' '}
        <OnCallResultLine answer={value} now={now} />
      </Typography>
      <NextAndContact answer={value} now={now} />
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
