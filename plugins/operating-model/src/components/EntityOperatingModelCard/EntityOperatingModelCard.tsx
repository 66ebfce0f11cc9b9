import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  availabilityBandFor,
  formatDuration,
} from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { AssessedService, operatingModelApiRef } from '../../api';
import {
  describeOutOfHours,
  frequencyTitle,
  modelTitle,
} from '../shared/describe';
import { operatingModelTranslationRef } from '../../translation';
import { useOperatingModelConfig } from '../shared/useOperatingModelConfig';
import { MessagesPanel } from '../shared/MessagesPanel';
import { formatAvailability, formatDate, formatMoney } from '../shared/format';
import { PagedNow } from '../PagedNow';
import { OwnershipWarnings } from '../OwnershipWarnings';
import { IncidentLossSection } from '../IncidentLossCalculator';
import { AnnotationProblemsPanel } from '../AnnotationProblemsView';
import { WebLink } from '../shared/WebLink';
import { backendMessage, backendStatus } from '../shared/backendMessage';
import { ReadinessStatus } from '../ReadinessStatus';

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

function PeakText({ service }: { service: AssessedService }) {
  const { config } = useOperatingModelConfig();
  const { t } = useTranslationRef(operatingModelTranslationRef);
  if (!service.peak) return <>{t('serviceCard.noPeak')}</>;
  const { event, active } = service.peak;
  const dates = `${formatDate(event.start)} – ${formatDate(event.end)}`;
  let effect: string = t('serviceCard.peakNoExposure');
  if (service.peakFinancialExposurePerHour !== null && config) {
    const peakBand = availabilityBandFor(
      service.peakFinancialExposurePerHour,
      config.availabilityBands,
    ).band;
    effect = t('serviceCard.peakEffect', {
      amount: formatMoney(
        service.peakFinancialExposurePerHour,
        config.currency,
      ),
      target: formatAvailability(peakBand.availability),
    });
  }
  return (
    <>
      {t('serviceCard.peakText', {
        name: event.name,
        active: active ? t('serviceCard.peakActive') : '',
        dates,
        effect,
      })}
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
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const { config } = useOperatingModelConfig();
  const { recommended, declared } = service.operatingModel;
  const differs =
    declared !== null && recommended !== null && declared !== recommended;
  return (
    <Box data-testid="operating-model-summary">
      <dl className={classes.grid}>
        <Row term={t('serviceCard.recommendedModel')}>
          <span className={classes.big}>{modelTitle(recommended)}</span>
        </Row>
        {declared !== null && (
          <Row term={t('serviceCard.declaredModel')}>
            {modelTitle(declared)}
            {differs && t('serviceCard.differs')}
          </Row>
        )}
        {(differs || declared === null) &&
          service.operatingModel.trafficLight && (
            <Row term={t('serviceCard.readiness')}>
              <ReadinessStatus assessment={service} />
            </Row>
          )}
        <Row term={t('serviceCard.availabilityTarget')}>
          {service.availabilityTarget === null ? (
            '—'
          ) : (
            <>
              <span className={classes.big}>
                {formatAvailability(service.availabilityTarget)}
              </span>{' '}
              {t('serviceCard.tolerableUnavailability', {
                duration: formatDuration(
                  service.tolerableUnavailabilitySecondsPerWeek ?? 0,
                ),
              })}
            </>
          )}
        </Row>
        {service.financialExposurePerHour !== null && config && (
          <Row term={t('serviceCard.financialExposure')}>
            {t('serviceCard.perHour', {
              amount: formatMoney(
                service.financialExposurePerHour,
                config.currency,
              ),
            })}
          </Row>
        )}
        <Row term={t('serviceCard.deploymentTarget')}>
          <span className={classes.big}>
            {frequencyTitle(service.deploymentTarget)}
          </span>
          {service.featureDemand &&
            t('serviceCard.featureDemand', {
              demand: service.featureDemand,
            })}
        </Row>
        <Row term={t('serviceCard.workingHours')}>
          {service.titles.owner ?? t('serviceCard.owningTeam')}
        </Row>
        <Row term={t('serviceCard.outOfHours')}>
          {describeOutOfHours(service, t)}
        </Row>
        <Row term={t('serviceCard.peakEvent')}>
          <PeakText service={service} />
        </Row>
        {(service.links.runbook || service.links.incidentChannel) && (
          <Row term={t('serviceCard.duringIncident')}>
            {service.links.runbook && (
              <WebLink url={service.links.runbook}>
                {t('serviceCard.runbook')}
              </WebLink>
            )}
            {service.links.runbook && service.links.incidentChannel && ' · '}
            {service.links.incidentChannel && (
              <WebLink url={service.links.incidentChannel}>
                {t('serviceCard.incidentChannel')}
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
            title={t('serviceCard.warnings', {
              count: service.warnings.length,
            })}
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
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getService(entityRef),
    [api, entityRef],
  );

  let content: ReactNode;
  if (loading) content = <Progress />;
  else if (error && backendStatus(error) === 404) {
    // Not an error to report: the Component is not one the operating model covers.
    content = (
      <Typography variant="body2" data-testid="service-not-assessed">
        {t('emptyStates.serviceNotAssessed', {
          message: backendMessage(error),
        })}
      </Typography>
    );
  } else if (error) content = <ResponseErrorPanel error={error} />;
  else if (value) {
    content = (
      <>
        <OperatingModelSummary service={value} />
        <OwnershipWarnings entityRef={entityRef} />
        <Box mt={2}>
          <PagedNow
            entityRef={entityRef}
            outOfHours={value.onCall.outOfHours}
            service={value}
          />
        </Box>
        <Box mt={2}>
          <IncidentLossSection service={value} />
        </Box>
      </>
    );
  }
  return <InfoCard title={t('serviceCard.title')}>{content}</InfoCard>;
}
