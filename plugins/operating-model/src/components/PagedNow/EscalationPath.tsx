import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EntityRefLink,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import {
  EscalationPath as Path,
  Shift,
  escalationContactOf,
  escalationPath,
} from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Skeleton from '@material-ui/lab/Skeleton';
import { AssessedService, OnCallResult } from '../../api';
import { operatingModelTranslationRef } from '../../translation';
import { onCallTimeOptions } from '../shared/format';
import { MailLink } from '../shared/MailLink';
import { WebLink } from '../shared/WebLink';
import { useCatalogEntity } from './NextAndContact';
import { useOnCallResultInput } from './OnCallWordsLine';

const useStyles = makeStyles(theme => ({
  list: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
    // Addresses and names wrap at a phone's width rather than widen the card.
    overflowWrap: 'anywhere',
  },
  step: { marginBottom: theme.spacing(0.5) },
}));

/** An entity's display name from the catalog, or null without a ref. */
function useTitle(ref: string | null): string | null {
  const title = useEntityPresentation(
    ref ?? 'user:default/nobody',
  ).primaryTitle;
  return ref ? title : null;
}

/** A Domain's `spec.owner` as a full entity ref (a Group unless it says otherwise). */
function ownerRefOf(
  domain: { metadata: { namespace?: string }; spec?: { owner?: unknown } },
  fallback: string | null,
): string | null {
  const owner = domain.spec?.owner;
  if (typeof owner !== 'string' || !owner) return fallback;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: domain.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return fallback;
  }
}

/**
 * Whom a responder turns to after who is paged, as common's `escalationPath` works it out from
 * the operating model: the rota's next person, the owning team's contact and incident channel,
 * the domain's owner. The first step, who is paged now, is the line above it on the card.
 */
export function EscalationPath(props: {
  answer: OnCallResult;
  service: AssessedService;
  now: Date;
  contact: string | undefined;
  next: { value: Shift | undefined; loading: boolean };
}) {
  const { answer, service, now, contact, next } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const team = useCatalogEntity(service.owner);
  const domain = useCatalogEntity(service.domain);
  const domainOwnerRef = domain.value ? ownerRefOf(domain.value, null) : null;
  const domainOwner = useTitle(domainOwnerRef);
  const nextName = useTitle(next.value?.person ?? null);
  const onCall = useOnCallResultInput(answer);

  if (team.loading || domain.loading || next.loading) {
    return <Skeleton variant="text" width="50%" />;
  }
  const path: Path = escalationPath(
    {
      model:
        service.operatingModel.declared ?? service.operatingModel.recommended,
      onCall,
      people: {
        paged: { ref: answer.person, email: contact },
        next: { ref: answer.next?.person ?? null },
      },
      nextOnRota: next.value
        ? { ref: next.value.person, name: nextName, at: next.value.start }
        : null,
      team: {
        ref: service.owner,
        name: service.titles.owner,
        ...escalationContactOf(team.value),
      },
      domain: service.domain
        ? {
            name: service.titles.domain,
            owner: domainOwnerRef
              ? { ref: domainOwnerRef, name: domainOwner }
              : null,
          }
        : null,
    },
    onCallTimeOptions(answer.workingHours.timezone, now),
  );
  // Who is paged now is the card's line above; the path goes on from there.
  const steps = path.steps.slice(1);
  if (steps.length === 0) return null;
  return (
    <Box mt={1} data-testid="escalation-path">
      <Typography variant="body2" component="h3">
        <strong>{t('pagedNow.escalation.title')}</strong>
      </Typography>
      <ol className={classes.list}>
        {steps.map(step => (
          <li key={step.kind} className={classes.step}>
            <Typography variant="body2" component="span">
              {step.when}:{' '}
              {step.ref ? (
                <EntityRefLink entityRef={step.ref} hideIcon>
                  {step.who}
                </EntityRefLink>
              ) : (
                step.who
              )}
              {step.what && `, ${step.what}`}
              {step.email && (
                <>
                  {' · '}
                  <MailLink email={step.email} />
                </>
              )}
              {step.incidentChannel && (
                <>
                  {' · '}
                  <WebLink url={step.incidentChannel}>
                    {t('serviceCard.incidentChannel')}
                  </WebLink>
                </>
              )}
            </Typography>
          </li>
        ))}
      </ol>
      <Typography variant="caption" color="textSecondary" component="p">
        {path.note && `${path.note} `}
        {t('pagedNow.escalation.source')}
      </Typography>
    </Box>
  );
}
