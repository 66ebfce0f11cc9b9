import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CodeSnippet,
  InfoCard,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  OnboardingAnswers,
  OperatingModelConfig,
  ServiceAssessment,
  assessOnboarding,
  catalogInfoYaml,
  formatDuration,
  validateOnboardingAnswers,
} from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { ReactNode, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { AssessedService, operatingModelApiRef } from '../../api';
import { MessagesPanel } from '../shared/MessagesPanel';
import { countOf, formatAvailability } from '../shared/format';
import { frequencyTitle, modelTitle } from '../shared/describe';
import { useOperatingModelConfig } from '../shared/useOperatingModelConfig';
import { ReadinessStatus } from '../ReadinessStatus';

type Field = keyof OnboardingAnswers;

const EMPTY: OnboardingAnswers = {
  name: '',
  title: '',
  description: '',
  owner: '',
  serviceClass: 'digital-service',
  financialExposure: '',
  peakFinancialExposure: '',
  featureDemand: '',
  domain: '',
  system: '',
  runbookUrl: '',
  incidentChannelUrl: '',
  declaredModel: undefined,
};

const CURRENCY_SYMBOLS: Record<string, string> = {
  GBP: '£',
  USD: '$',
  EUR: '€',
};

const useStyles = makeStyles(theme => ({
  fields: { display: 'grid', gap: theme.spacing(2.5) },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(10em, max-content) 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1.5),
    alignItems: 'baseline',
    margin: 0,
  },
  term: { color: theme.palette.text.secondary, margin: 0 },
  value: { margin: 0 },
  big: { fontSize: '1.25rem', fontWeight: 500 },
  siblings: { margin: 0, paddingLeft: theme.spacing(2.5) },
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

function titleOf(entity: Entity): string {
  return entity.metadata.title ?? entity.metadata.name;
}

function refOrNull(value: string | undefined, kind: string): string | null {
  if (!value) return null;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind: kind, defaultNamespace: 'default' }),
    );
  } catch {
    return null;
  }
}

/** A System's Domain as a full ref, from the relation the catalog resolved or its spec. */
function domainOfSystem(system: Entity): string | null {
  const relation = system.relations?.find(
    r => r.type === 'partOf' && r.targetRef.startsWith('domain:'),
  );
  if (relation) return relation.targetRef;
  const domain = system.spec?.domain;
  return typeof domain === 'string' ? refOrNull(domain, 'domain') : null;
}

/** The teams a new service would share its domain's out-of-hours rota with (playbook rule 8). */
export function domainRotaSiblings(
  services: AssessedService[],
  domainRef: string,
  ownerRef: string | null,
): Array<{ team: string; title: string; services: string[] }> {
  const teams = new Map<
    string,
    { team: string; title: string; services: string[] }
  >();
  for (const service of services) {
    if (service.domain !== domainRef || service.onCall.outOfHours !== 'domain')
      continue;
    if (!service.owner || service.owner === ownerRef) continue;
    const entry = teams.get(service.owner) ?? {
      team: service.owner,
      title: service.titles.owner ?? service.owner,
      services: [],
    };
    entry.services.push(service.titles.service);
    teams.set(service.owner, entry);
  }
  return [...teams.values()].sort((a, b) => a.title.localeCompare(b.title));
}

function OutOfHoursText(props: {
  assessment: ServiceAssessment;
  ownerTitle: string;
  domainTitle: string | null;
}) {
  const { assessment, ownerTitle, domainTitle } = props;
  const level = assessment.onCall.outOfHours;
  if (level === null) return <>— (give the financial exposure)</>;
  // Rule 7: an Ops Run It service is covered by its owning operations group, whatever the band.
  const model =
    assessment.operatingModel.declared ?? assessment.operatingModel.recommended;
  if (model === 'ops-run-it') {
    return <>Team: {ownerTitle}'s own schedule (Ops Run It)</>;
  }
  if (level === 'team') return <>Team: {ownerTitle}'s own rota</>;
  if (level === 'domain') {
    return <>Domain: the {domainTitle ?? 'product domain'}'s shared rota</>;
  }
  return <>None: callouts wait for the next working day</>;
}

function Siblings(props: {
  assessment: ServiceAssessment;
  domainRef: string | null;
  ownerRef: string | null;
  domainTitle: string | null;
  now?: Date;
}) {
  const classes = useStyles();
  const api = useApi(operatingModelApiRef);
  const { assessment, domainRef, ownerRef, domainTitle, now } = props;
  const wanted =
    assessment.onCall.outOfHours === 'domain' && domainRef !== null;
  const services = useAsync(
    async () => (wanted ? api.listServices(now ? { at: now } : undefined) : []),
    [api, wanted, now?.getTime()],
  );
  if (!wanted || !domainRef) return null;
  let content: ReactNode;
  if (services.loading) content = 'Looking for the other teams…';
  else if (services.error)
    content = `Cannot list the domain's services: ${services.error.message}`;
  else {
    const siblings = domainRotaSiblings(
      services.value ?? [],
      domainRef,
      ownerRef,
    );
    content =
      siblings.length === 0 ? (
        `No other team runs domain-level services in ${
          domainTitle ?? 'this domain'
        } yet: the rota would start with this team alone`
      ) : (
        <ul className={classes.siblings} data-testid="domain-siblings">
          {siblings.map(s => (
            <li key={s.team}>
              {s.title} ({s.services.join(', ')})
            </li>
          ))}
        </ul>
      );
  }
  return <Row term="Shares the domain rota with">{content}</Row>;
}

function Results(props: {
  answers: OnboardingAnswers;
  config: OperatingModelConfig;
  now?: Date;
  ownerTitle: string | null;
  domainTitle: string | null;
}) {
  const classes = useStyles();
  const { answers, config, now, ownerTitle, domainTitle } = props;
  const at = useMemo(() => now ?? new Date(), [now]);
  const assessment = assessOnboarding(answers, config, at);
  const peak = assessment.peak;
  const peakAssessment =
    peak && !peak.active && assessment.peakFinancialExposurePerHour !== null
      ? assessOnboarding(answers, config, new Date(peak.event.start))
      : null;
  const target = assessment.availabilityTarget;
  const { recommended, declared } = assessment.operatingModel;
  return (
    <Box data-testid="onboarding-targets">
      <dl className={classes.grid}>
        <Row term="Availability target">
          <span className={classes.big}>
            {target === null ? '—' : formatAvailability(target)}
          </span>
        </Row>
        <Row term="Tolerable downtime a week">
          {assessment.tolerableUnavailabilitySecondsPerWeek === null
            ? '—'
            : formatDuration(assessment.tolerableUnavailabilitySecondsPerWeek)}
        </Row>
        {peak &&
          peakAssessment &&
          peakAssessment.availabilityTarget !== null && (
            <Row term={`During ${peak.event.name}`}>
              {formatAvailability(peakAssessment.availabilityTarget)} (
              {formatDuration(
                peakAssessment.tolerableUnavailabilitySecondsPerWeek ?? 0,
              )}{' '}
              a week)
            </Row>
          )}
        <Row term="Deployment target">
          <span className={classes.big}>
            {frequencyTitle(assessment.deploymentTarget)}
          </span>
        </Row>
        <Row term="Recommended model">
          <span className={classes.big}>{modelTitle(recommended)}</span>
        </Row>
        {declared === null && assessment.operatingModel.trafficLight && (
          <Row term="Readiness">
            <ReadinessStatus assessment={assessment} />
          </Row>
        )}
        <Row term="On call in working hours">
          Team: {ownerTitle ?? 'the owning team'}
        </Row>
        <Row term="On call out of hours">
          <OutOfHoursText
            assessment={assessment}
            ownerTitle={ownerTitle ?? 'the owning team'}
            domainTitle={domainTitle}
          />
        </Row>
        <Siblings
          assessment={assessment}
          domainRef={refOrNull(answers.domain, 'domain')}
          ownerRef={refOrNull(answers.owner, 'group')}
          domainTitle={domainTitle}
          now={now}
        />
      </dl>
      {assessment.warnings.length > 0 && (
        <Box mt={2}>
          <MessagesPanel
            severity="warning"
            title={`${countOf(
              assessment.warnings.length,
              'thing',
            )} worth a second look`}
            messages={assessment.warnings.map(w => ({
              key: w.code,
              text: w.message,
            }))}
          />
        </Box>
      )}
    </Box>
  );
}

/**
 * Props of {@link OnboardingForm}.
 *
 * @public
 */
export interface OnboardingFormProps {
  /** The instant the targets are worked out for (peak events); now by default. */
  now?: Date;
}

/**
 * The onboarding form of the standalone page: a platform team answers the non-technical
 * questions and sees, as it types, the targets, model, on-call level and domain rota siblings
 * the backend will give the service, and the `catalog-info.yaml` to commit. The common
 * functions it runs are the backend's and the Scaffolder action's, so all three agree.
 *
 * @public
 */
export function OnboardingForm(props: OnboardingFormProps) {
  const classes = useStyles();
  const catalogApi = useApi(catalogApiRef);
  const { config, error: configError } = useOperatingModelConfig();
  const [answers, setAnswers] = useState<OnboardingAnswers>(EMPTY);
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});

  const teams = useAsync(
    async () =>
      (
        await catalogApi.getEntities({
          filter: { kind: 'Group', 'spec.type': 'team' },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.title',
          ],
        })
      ).items,
    [catalogApi],
  );
  const places = useAsync(
    async () =>
      (
        await catalogApi.getEntities({
          filter: { kind: ['Domain', 'System'] },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.title',
            'spec.domain',
            'relations',
          ],
        })
      ).items,
    [catalogApi],
  );

  const domains = (places.value ?? []).filter(e => e.kind === 'Domain');
  const domainRef = refOrNull(answers.domain, 'domain');
  const systems = (places.value ?? []).filter(
    e =>
      e.kind === 'System' &&
      domainRef !== null &&
      domainOfSystem(e) === domainRef,
  );
  const byRef = (entities: Entity[], ref: string | null) =>
    ref ? entities.find(e => stringifyEntityRef(e) === ref) ?? null : null;
  const owner = byRef(teams.value ?? [], refOrNull(answers.owner, 'group'));
  const domain = byRef(domains, domainRef);
  const system = byRef(systems, refOrNull(answers.system, 'system'));

  if (configError) {
    return (
      <ResponseErrorPanel
        error={configError}
        title="The operatingModel configuration cannot be read"
      />
    );
  }
  if (!config) return null;

  const problems = validateOnboardingAnswers(answers, config);
  const errorOf = (field: Field) =>
    touched[field] ? problems.find(p => p.field === field)?.message : undefined;
  const set = (field: Field, value: string | undefined) => {
    setAnswers(previous => ({ ...previous, [field]: value }));
    setTouched(previous => ({ ...previous, [field]: true }));
  };
  const touch = (field: Field) => () =>
    setTouched(previous => ({ ...previous, [field]: true }));
  const text = (
    field: Field,
    label: string,
    helper?: string,
    more: object = {},
  ) => {
    const error = errorOf(field);
    return (
      <TextField
        id={`onboarding-${field}`}
        label={label}
        variant="outlined"
        fullWidth
        value={answers[field] ?? ''}
        onChange={e => set(field, e.target.value)}
        onBlur={touch(field)}
        error={Boolean(error)}
        helperText={error ?? helper}
        {...more}
      />
    );
  };
  const money = {
    InputProps: {
      startAdornment: (
        <InputAdornment position="start">
          {CURRENCY_SYMBOLS[config.currency] ?? config.currency}
        </InputAdornment>
      ),
      endAdornment: <InputAdornment position="end">an hour</InputAdornment>,
    },
  };
  const pickerError = (field: Field, loadError?: Error) =>
    loadError
      ? `Cannot read the catalog: ${loadError.message}`
      : errorOf(field);
  const yamlText = catalogInfoYaml(answers);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <InfoCard title="Questions about the service">
          <Box className={classes.fields}>
            {text(
              'name',
              'Service name',
              'Its name in the catalog, such as bedroom-shop',
              {
                required: true,
              },
            )}
            {text(
              'title',
              'Display name',
              'How people call it, such as Bedroom shop',
            )}
            {text('description', 'Description', undefined, {
              multiline: true,
              minRows: 2,
            })}
            <Autocomplete
              options={teams.value ?? []}
              loading={teams.loading}
              value={owner}
              onChange={(_, value) =>
                set('owner', value ? stringifyEntityRef(value) : '')
              }
              onBlur={touch('owner')}
              getOptionLabel={titleOf}
              getOptionSelected={(a, b) =>
                stringifyEntityRef(a) === stringifyEntityRef(b)
              }
              renderInput={params => (
                <TextField
                  {...params}
                  label="Owner team"
                  variant="outlined"
                  required
                  error={Boolean(pickerError('owner', teams.error))}
                  helperText={
                    pickerError('owner', teams.error) ??
                    'The team that builds the service and is on call for it'
                  }
                />
              )}
            />
            {text('serviceClass', 'Class', undefined, {
              select: true,
              SelectProps: { native: true },
              required: true,
              children: (
                <>
                  <option value="digital-service">
                    Digital service: a strategic differentiator built in-house
                  </option>
                  <option value="foundational-system">
                    Foundational system: a utility, self-hosted COTS or a custom
                    integration
                  </option>
                </>
              ),
            })}
            {text(
              'financialExposure',
              'Financial exposure per hour',
              'The most revenue loss plus costs in one hour of unavailability: 200000, 200K, 1.5M or 250,000',
              { required: true, ...money },
            )}
            {text(
              'peakFinancialExposure',
              'Peak financial exposure per hour',
              config.peakEvents.length > 0
                ? `The same during ${config.peakEvents
                    .map(e => e.name)
                    .join(', ')} (optional)`
                : 'The same during peak events (optional)',
              money,
            )}
            {text(
              'featureDemand',
              'Feature demand',
              'Customer demand for new product features in a month',
              {
                select: true,
                required: true,
                SelectProps: { native: true },
                InputLabelProps: { shrink: true },
                children: (
                  <>
                    <option value="">Choose a band</option>
                    {Object.entries(config.featureDemandBands).map(
                      ([band, frequency]) => (
                        <option key={band} value={band}>
                          {frequencyTitle(band)} ({frequency} deployments)
                        </option>
                      ),
                    )}
                  </>
                ),
              },
            )}
            <Autocomplete
              options={domains}
              loading={places.loading}
              value={domain}
              onChange={(_, value) => {
                set('domain', value ? stringifyEntityRef(value) : '');
                set('system', '');
              }}
              onBlur={touch('domain')}
              getOptionLabel={titleOf}
              getOptionSelected={(a, b) =>
                stringifyEntityRef(a) === stringifyEntityRef(b)
              }
              renderInput={params => (
                <TextField
                  {...params}
                  label="Product domain"
                  variant="outlined"
                  required
                  error={Boolean(pickerError('domain', places.error))}
                  helperText={pickerError('domain', places.error)}
                />
              )}
            />
            <Autocomplete
              options={systems}
              disabled={!domain}
              value={system}
              onChange={(_, value) =>
                set('system', value ? stringifyEntityRef(value) : '')
              }
              getOptionLabel={titleOf}
              getOptionSelected={(a, b) =>
                stringifyEntityRef(a) === stringifyEntityRef(b)
              }
              renderInput={params => (
                <TextField
                  {...params}
                  label="System"
                  variant="outlined"
                  error={Boolean(errorOf('system'))}
                  helperText={
                    errorOf('system') ??
                    'Optional: the System in the domain it belongs to; without one the domain is written as an annotation'
                  }
                />
              )}
            />
            {text(
              'declaredModel',
              'Operating model today',
              'Only where the service already runs',
              {
                select: true,
                SelectProps: { native: true },
                InputLabelProps: { shrink: true },
                onChange: (e: { target: { value: string } }) =>
                  set('declaredModel', e.target.value || undefined),
                children: (
                  <>
                    <option value="">Not running yet</option>
                    <option value="you-build-it-you-run-it">
                      You Build It You Run It
                    </option>
                    <option value="ops-run-it">Ops Run It</option>
                  </>
                ),
              },
            )}
            {text('runbookUrl', 'Runbook link', 'https://…', { type: 'url' })}
            {text('incidentChannelUrl', 'Incident channel link', 'https://…', {
              type: 'url',
            })}
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <Box mb={3}>
          <InfoCard title="What the answers mean">
            <Results
              answers={answers}
              config={config}
              now={props.now}
              ownerTitle={owner ? titleOf(owner) : null}
              domainTitle={domain ? titleOf(domain) : null}
            />
          </InfoCard>
        </Box>
        <InfoCard title="catalog-info.yaml">
          <Typography variant="body2" paragraph>
            {problems.length > 0
              ? `${countOf(
                  problems.length,
                  'answer',
                )} still missing or not usable: put ${
                  problems.length === 1 ? 'it' : 'them'
                } right before you commit this file.`
              : "Commit this file beside the service's code and register it in the catalog."}
          </Typography>
          <Box data-testid="catalog-info-yaml">
            <CodeSnippet text={yamlText} language="yaml" showCopyCodeButton />
          </Box>
        </InfoCard>
      </Grid>
    </Grid>
  );
}
