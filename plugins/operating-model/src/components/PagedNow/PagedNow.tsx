import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { OutOfHoursLevel } from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { AssessedService, OnCallResult, operatingModelApiRef } from '../../api';
import { EscalationPath } from './EscalationPath';
import { OnCallResultLine } from './OnCallWordsLine';
import {
  NextAndContact,
  useNextOnRota,
  usePagedContact,
} from './NextAndContact';
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
  /** The service's assessment: with it, the escalation path follows who is paged. */
  service?: AssessedService;
  /** The instant taken as now; for tests. */
  now?: Date;
}

function PagedNowAnswer(props: {
  answer: OnCallResult;
  now: Date;
  outOfHours?: OutOfHoursLevel | null;
  service?: AssessedService;
}) {
  const { answer, now, outOfHours, service } = props;
  const { t } = useTranslationRef(operatingModelTranslationRef);
  // Read once for the contact line and the escalation path, at the same time.
  const contact = usePagedContact(answer);
  const next = useNextOnRota(answer, now);
  return (
    <>
      <Box data-testid="paged-now">
        <Typography variant="body1">
          <strong>{t('pagedNow.title')}</strong>{' '}
          <OnCallResultLine answer={answer} now={now} />
        </Typography>
        <NextAndContact
          answer={answer}
          now={now}
          contact={contact}
          // The escalation path names the rota's next person, as its second step.
          next={service ? undefined : next.value}
        />
        {answer.period === 'working-hours' && outOfHours !== undefined && (
          <Typography variant="body2" color="textSecondary">
            {t('pagedNow.outOfHours', {
              who: describeOutOfHoursLevel(outOfHours, t),
            })}
          </Typography>
        )}
      </Box>
      {service && (
        <EscalationPath
          answer={answer}
          service={service}
          now={now}
          contact={contact}
          next={next}
        />
      )}
    </>
  );
}

/**
 * Who is paged for a service at this moment, for the Component's operating-model card, and with
 * the service's assessment the escalation path after them.
 */
export function PagedNow({
  entityRef,
  outOfHours,
  service,
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
    <PagedNowAnswer
      answer={value}
      now={now}
      outOfHours={outOfHours}
      service={service}
    />
  );
}
