import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EntityRefLink,
  catalogApiRef,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { formatOnCallTime } from '@operating-model/backstage-plugin-operating-model-common';
import useAsync from 'react-use/esm/useAsync';
import { OnCallResult, operatingModelApiRef } from '../../api';
import { operatingModelTranslationRef } from '../../translation';
import { onCallTimeOptions } from '../shared/format';
import { MailLink } from '../shared/MailLink';

const DAY = 86_400_000;

/**
 * Beside who is paged: how to reach them (the e-mail address their catalog profile gives) and
 * who the paging rota hands over to next, from when, in the same words for times as the rest.
 */
export function NextAndContact(props: { answer: OnCallResult; now: Date }) {
  const { answer, now } = props;
  const api = useApi(operatingModelApiRef);
  // The catalog is there on an entity page; without it the card still says who is paged.
  const catalogApi = useApiHolder().get(catalogApiRef);
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const rotaRef =
    answer.schedule === 'domain' ? answer.rotas.domain : answer.rotas.team;

  const contact = useAsync(async () => {
    if (!answer.person || !catalogApi) return undefined;
    const person = await catalogApi.getEntityByRef(answer.person);
    const email = (person?.spec?.profile as { email?: unknown } | undefined)
      ?.email;
    return typeof email === 'string' && email ? email : undefined;
  }, [catalogApi, answer.person]);

  const next = useAsync(async () => {
    if (!answer.person || !rotaRef || answer.schedule === 'none')
      return undefined;
    const from = new Date(now.getTime());
    const schedule = await api.getSchedule(rotaRef, {
      from,
      to: new Date(now.getTime() + 14 * DAY),
    });
    const at = now.getTime();
    return schedule.shifts
      .filter(s => Date.parse(s.start) > at && s.person !== answer.person)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0];
  }, [api, rotaRef, answer.person, answer.schedule, now.getTime()]);

  const nextTitle = useEntityPresentation(
    next.value?.person ?? 'user:default/nobody',
  ).primaryTitle;

  if (!contact.value && !next.value) return null;
  return (
    <Typography variant="body2" data-testid="paged-now-contact">
      {contact.value && (
        <>
          {t('pagedNow.contact')} <MailLink email={contact.value} />
        </>
      )}
      {contact.value && next.value && ' · '}
      {next.value && (
        <>
          {t('pagedNow.next')}{' '}
          <EntityRefLink entityRef={next.value.person} hideIcon>
            {nextTitle}
          </EntityRefLink>{' '}
          {t('pagedNow.nextFrom', {
            when: formatOnCallTime(
              next.value.start,
              onCallTimeOptions(answer.workingHours.timezone, now),
            ),
          })}
        </>
      )}
    </Typography>
  );
}
