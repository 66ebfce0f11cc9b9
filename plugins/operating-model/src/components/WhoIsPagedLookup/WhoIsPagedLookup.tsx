import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, catalogApiRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { AssessedService, OnCallResult, operatingModelApiRef } from '../../api';
import { OnCallWordsLine, useOnCallResultWords } from '../PagedNow';
import { WebLink } from '../shared/WebLink';
import { MailLink } from '../shared/MailLink';
import { ServicePicker } from '../ServicePicker';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8em, max-content) 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1.5),
    alignItems: 'baseline',
    margin: theme.spacing(3, 0, 0),
  },
  term: { color: theme.palette.text.secondary, margin: 0 },
  value: { margin: 0 },
  person: { ...theme.typography.h4, margin: 0 },
  links: { display: 'flex', gap: theme.spacing(2), flexWrap: 'wrap' },
}));

function Row(props: { term: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <>
      <dt className={classes.term}>{props.term}</dt>
      <dd className={classes.value}>{props.children}</dd>
    </>
  );
}

function Answer(props: {
  service: AssessedService;
  answer: OnCallResult;
  email?: string;
  now: Date;
}) {
  const { service, answer, email, now } = props;
  const classes = useStyles();
  const { words, links } = useOnCallResultWords(answer, now);
  const paged = answer.person;
  const nextPerson = !paged ? answer.next?.person : undefined;
  return (
    <dl className={classes.grid} data-testid="who-is-paged">
      <Row term="Paged now">
        <p className={classes.person} data-on-call="person">
          {paged ? (
            <EntityRefLink entityRef={paged} hideIcon>
              {words.person}
            </EntityRefLink>
          ) : (
            words.person
          )}
        </p>
        {paged && email && (
          <Typography variant="body1">
            <MailLink email={email} />
          </Typography>
        )}
      </Row>
      <Row term="On call">
        <OnCallWordsLine words={words} links={links} withoutPerson />
        {nextPerson && email && (
          <>
            {' '}
            (<MailLink email={email} />)
          </>
        )}
      </Row>
      <Row term="During an incident">
        {service.links.runbook || service.links.incidentChannel ? (
          <span className={classes.links}>
            {service.links.runbook && (
              <WebLink url={service.links.runbook}>Runbook</WebLink>
            )}
            {service.links.incidentChannel && (
              <WebLink url={service.links.incidentChannel}>
                Incident channel
              </WebLink>
            )}
          </span>
        ) : (
          'No runbook or incident channel among the service’s links in the catalog'
        )}
      </Row>
    </dl>
  );
}

/**
 * Pick a service and see at once who is paged for it, on which schedule, until when, and where
 * its runbook and incident channel are: for a responder in a hurry, on the standalone page.
 */
export function WhoIsPagedLookup(props: { now?: Date }) {
  const api = useApi(operatingModelApiRef);
  const catalogApi = useApi(catalogApiRef);
  const [selected, setSelected] = useState<AssessedService | null>(null);
  const services = useAsync(() => api.listServices(), [api]);

  const lookup = useAsync(async () => {
    if (!selected) return undefined;
    const now = props.now ?? new Date();
    const answer = await api.getOnCall(
      selected.entityRef,
      props.now ? { at: now } : undefined,
    );
    const personRef = answer.person ?? answer.next?.person;
    // The e-mail address is a convenience: a catalog hiccup must not hide who is paged.
    const person = personRef
      ? await catalogApi.getEntityByRef(personRef).catch(() => undefined)
      : undefined;
    const email = (person?.spec?.profile as { email?: string } | undefined)
      ?.email;
    return { service: selected, answer, email, now };
  }, [api, catalogApi, selected, props.now?.getTime()]);

  if (services.error) return <ResponseErrorPanel error={services.error} />;
  return (
    <Box>
      <ServicePicker
        services={services.value}
        loading={services.loading}
        value={selected}
        onChange={setSelected}
        placeholder="Type a service or team name"
      />
      {lookup.loading && <Progress />}
      {lookup.error && <ResponseErrorPanel error={lookup.error} />}
      {lookup.value && !lookup.loading && (
        <Answer
          service={lookup.value.service}
          answer={lookup.value.answer}
          email={lookup.value.email}
          now={lookup.value.now}
        />
      )}
    </Box>
  );
}
