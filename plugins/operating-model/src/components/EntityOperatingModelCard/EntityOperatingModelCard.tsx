import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  availabilityBandFor,
  formatDuration,
} from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { AssessedService, operatingModelApiRef } from '../../api';
import {
  TRAFFIC_LIGHT_TEXT,
  describeOutOfHours,
  frequencyTitle,
  modelTitle,
} from '../shared/describe';
import { useOperatingModelConfig } from '../shared/useOperatingModelConfig';
import { MessagesPanel } from '../shared/MessagesPanel';
import {
  countOf,
  formatAvailability,
  formatDate,
  formatMoney,
} from '../shared/format';
import { PagedNow } from '../PagedNow';
import { OwnershipWarnings } from '../OwnershipWarnings';
import { IncidentLossSection } from '../IncidentLossCalculator';
import { AnnotationProblemsPanel } from '../AnnotationProblemsView';
import { WebLink } from '../shared/WebLink';

const useStyles = makeStyles(theme => ({
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

function TrafficLightStatus({ service }: { service: AssessedService }) {
  const light = service.operatingModel.trafficLight;
  if (!light) return null;
  const text = TRAFFIC_LIGHT_TEXT[light];
  if (light === 'green') return <StatusOK>{text}</StatusOK>;
  if (light === 'amber') return <StatusWarning>{text}</StatusWarning>;
  return <StatusError>{text}</StatusError>;
}

function PeakText({ service }: { service: AssessedService }) {
  const { config } = useOperatingModelConfig();
  if (!service.peak) return <>None configured ahead</>;
  const { event, active } = service.peak;
  const dates = `${formatDate(event.start)} – ${formatDate(event.end)}`;
  let effect = 'no peak exposure declared, so the target stays the same';
  if (service.peakFinancialExposurePerHour !== null && config) {
    const peakBand = availabilityBandFor(
      service.peakFinancialExposurePerHour,
      config.availabilityBands,
    ).band;
    effect = `peak exposure ${formatMoney(
      service.peakFinancialExposurePerHour,
      config.currency,
    )} an hour: ${formatAvailability(peakBand.availability)} while it lasts`;
  }
  return (
    <>
      {event.name} ({active ? 'on now, ' : ''}
      {dates}): {effect}
    </>
  );
}

/** The card's content for one loaded assessment; exported for the page and for tests. */
export function OperatingModelSummary({
  service,
}: {
  service: AssessedService;
}) {
  const classes = useStyles();
  const { config } = useOperatingModelConfig();
  const { recommended, declared } = service.operatingModel;
  const differs =
    declared !== null && recommended !== null && declared !== recommended;
  return (
    <Box data-testid="operating-model-summary">
      <dl className={classes.grid}>
        <Row term="Recommended model">
          <span className={classes.big}>{modelTitle(recommended)}</span>
        </Row>
        {declared !== null && (
          <Row term="Declared model">
            {modelTitle(declared)}
            {differs && ' — differs from the recommendation'}
          </Row>
        )}
        {(differs || declared === null) &&
          service.operatingModel.trafficLight && (
            <Row term="Readiness">
              <TrafficLightStatus service={service} />
            </Row>
          )}
        <Row term="Availability target">
          {service.availabilityTarget === null ? (
            '—'
          ) : (
            <>
              <span className={classes.big}>
                {formatAvailability(service.availabilityTarget)}
              </span>{' '}
              (tolerable unavailability{' '}
              {formatDuration(
                service.tolerableUnavailabilitySecondsPerWeek ?? 0,
              )}{' '}
              a week)
            </>
          )}
        </Row>
        {service.financialExposurePerHour !== null && config && (
          <Row term="Financial exposure">
            {formatMoney(service.financialExposurePerHour, config.currency)} an
            hour
          </Row>
        )}
        <Row term="Deployment target">
          <span className={classes.big}>
            {frequencyTitle(service.deploymentTarget)}
          </span>
          {service.featureDemand &&
            ` (${service.featureDemand} feature demand)`}
        </Row>
        <Row term="On call in working hours">
          {service.titles.owner ?? 'The owning team'}
        </Row>
        <Row term="On call out of hours">{describeOutOfHours(service)}</Row>
        <Row term="Peak event">
          <PeakText service={service} />
        </Row>
        {(service.links.runbook || service.links.incidentChannel) && (
          <Row term="During an incident">
            {service.links.runbook && (
              <WebLink url={service.links.runbook}>Runbook</WebLink>
            )}
            {service.links.runbook && service.links.incidentChannel && ' · '}
            {service.links.incidentChannel && (
              <WebLink url={service.links.incidentChannel}>
                Incident channel
              </WebLink>
            )}
          </Row>
        )}
      </dl>
      {service.problems.length > 0 && (
        <Box mt={2}>
          <AnnotationProblemsPanel problems={service.problems} />
        </Box>
      )}
      {service.warnings.length > 0 && (
        <Box mt={2}>
          <MessagesPanel
            severity="warning"
            title={`${countOf(
              service.warnings.length,
              'thing',
            )} worth a second look`}
            messages={service.warnings.map(w => ({
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
 * The operating model, targets and on-call level of the Component on the page.
 *
 * @public
 */
export function EntityOperatingModelCard() {
  const { entity } = useEntity();
  const api = useApi(operatingModelApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getService(entityRef),
    [api, entityRef],
  );

  let content: ReactNode;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (value) {
    content = (
      <>
        <OperatingModelSummary service={value} />
        <OwnershipWarnings entityRef={entityRef} />
        <Box mt={2}>
          <PagedNow
            entityRef={entityRef}
            outOfHours={value.onCall.outOfHours}
          />
        </Box>
        <Box mt={2}>
          <IncidentLossSection service={value} />
        </Box>
      </>
    );
  }
  return <InfoCard title="Operating model">{content}</InfoCard>;
}
