import { Entity } from '@backstage/catalog-model';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EntityRefLink,
  catalogApiRef,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import {
  Shift,
  escalationContactOf,
  formatOnCallTime,
} from '@operating-model/backstage-plugin-operating-model-common';
import useAsync from 'react-use/esm/useAsync';
import { OnCallResult, operatingModelApiRef } from '../../api';
import { operatingModelTranslationRef } from '../../translation';
import { onCallTimeOptions } from '../shared/format';
import { MailLink } from '../shared/MailLink';

const DAY = 86_400_000;

/**
 * An entity from the catalog, when there is a catalog (on an entity page there is; without one
 * the card still says who is paged) and a ref; undefined until it is read or when it is not found.
 */
export function useCatalogEntity(ref: string | null | undefined): {
  value: Entity | undefined;
  loading: boolean;
} {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const { value, loading } = useAsync(async () => {
    if (!ref || !catalogApi) return undefined;
    return catalogApi.getEntityByRef(ref);
  }, [catalogApi, ref]);
  return { value, loading };
}

/** The e-mail address of the catalog profile of who is paged, once read. */
export function usePagedContact(answer: OnCallResult): string | undefined {
  return escalationContactOf(useCatalogEntity(answer.person).value).email;
}

/**
 * The next shift on the rota that pages now that hands the pager to someone else, within two
 * weeks; undefined while it is read and when there is none.
 */
export function useNextOnRota(
  answer: OnCallResult,
  now: Date,
): { value: Shift | undefined; loading: boolean } {
  const api = useApi(operatingModelApiRef);
  const rotaRef =
    answer.schedule === 'domain' ? answer.rotas.domain : answer.rotas.team;
  const next = useAsync(async () => {
    if (!answer.person || !rotaRef || answer.schedule === 'none')
      return undefined;
    const schedule = await api.getSchedule(rotaRef, {
      from: new Date(now.getTime()),
      to: new Date(now.getTime() + 14 * DAY),
    });
    const at = now.getTime();
    return schedule.shifts
      .filter(s => Date.parse(s.start) > at && s.person !== answer.person)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0];
  }, [api, rotaRef, answer.person, answer.schedule, now.getTime()]);
  return { value: next.value, loading: next.loading };
}

/**
 * Beside who is paged: how to reach them (the e-mail address their catalog profile gives) and,
 * unless the escalation path below says it, who the paging rota hands over to next, from when,
 * in the same words for times as the rest.
 */
export function NextAndContact(props: {
  answer: OnCallResult;
  now: Date;
  contact: string | undefined;
  next: Shift | undefined;
}) {
  const { answer, now, contact, next } = props;
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const nextTitle = useEntityPresentation(
    next?.person ?? 'user:default/nobody',
  ).primaryTitle;

  if (!contact && !next) return null;
  return (
    <Typography variant="body2" data-testid="paged-now-contact">
      {contact && (
        <>
          {t('pagedNow.contact')} <MailLink email={contact} />
        </>
      )}
      {contact && next && ' · '}
      {next && (
        <>
          {t('pagedNow.next')}{' '}
          <EntityRefLink entityRef={next.person} hideIcon>
            {nextTitle}
          </EntityRefLink>{' '}
          {t('pagedNow.nextFrom', {
            when: formatOnCallTime(
              next.start,
              onCallTimeOptions(answer.workingHours.timezone, now),
            ),
          })}
        </>
      )}
    </Typography>
  );
}
