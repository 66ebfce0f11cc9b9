import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  EntityMeasures,
  EventSources,
  MeasureSeries,
} from '@operating-model/backstage-plugin-operating-model-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { operatingModelApiRef } from '../../api';
import {
  OperatingModelTranslation,
  operatingModelTranslationRef,
} from '../../translation';
import { formatList } from '../shared/format';
import {
  MeasuresWindowDays,
  MeasuresWindowPicker,
  measuresWindowEnding,
} from '../shared/MeasuresWindowPicker';
import { useOperatingModelConfig } from '../shared/useOperatingModelConfig';
import { FigureCard } from './FigureCard';
import { IncidentList } from './IncidentList';
import {
  AvailabilityPerDayChart,
  DeploymentsPerWeekChart,
  LeadTimeChart,
  TimeToRestoreChart,
} from './MeasureCharts';
import { measureFigures } from './measureFigures';

/** True when no event of any kind counted in the window, so the tab says so once instead of thirteen times. */
function nothingSent(measures: EntityMeasures, series: MeasureSeries): boolean {
  return (
    measures.deploymentFrequency.count === 0 &&
    measures.availability.count === 0 &&
    measures.timeToAcknowledgeMinutes.count === 0 &&
    measures.timeToRestoreMinutes.count === 0 &&
    measures.postIncidentReviewReaders.reviews === 0 &&
    measures.chaosDays.count === 0 &&
    measures.improvementActionIntervalDays.count === 0 &&
    measures.reworkRate.count === 0 &&
    series.incidents.length === 0
  );
}

/**
 * Where the events behind the figures came from, a phrase per kind that has any: `Deployments
 * from github and pipeline`.
 */
export function sourcesText(
  sources: EventSources,
  t: OperatingModelTranslation,
): string[] {
  return (['deployments', 'incidents', 'availability'] as const)
    .filter(kind => sources[kind].length > 0)
    .map(kind =>
      t(`measures.sources.${kind}`, { sources: formatList(sources[kind]) }),
    );
}

/**
 * The Measures tab of a Component, a Group (its services) or a Domain (its services): the
 * playbook's measures over a window against their targets, each with how many events it rests
 * on, and charts of deployments, availability, time to restore and lead time.
 *
 * @public
 */
export function EntityMeasuresContent(props: { now?: Date }) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(operatingModelApiRef);
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const { config } = useOperatingModelConfig();
  const [days, setDays] = useState<MeasuresWindowDays>(90);
  // The window ends when the tab opened, so choosing a window does not move it under the reader.
  const [end] = useState(() => props.now ?? new Date());
  const window = useMemo(() => measuresWindowEnding(end, days), [end, days]);

  const { value, loading, error } = useAsync(async () => {
    const [measures, series] = await Promise.all([
      api.getMeasures(entityRef, window),
      api.getMeasureSeries(entityRef, window),
    ]);
    return { measures, series };
  }, [api, entityRef, window]);

  const isService = entity.kind.toLocaleLowerCase('en-US') === 'component';
  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = (
      <ResponseErrorPanel
        error={error}
        title="The measures could not be loaded"
      />
    );
  } else if (!value) {
    body = null;
  } else if (!isService && value.measures.services.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title={`No services in this ${entity.kind.toLocaleLowerCase('en-US')}`}
        description="Measures are worked out from the services it owns or holds; none are in the catalog yet."
      />
    );
  } else {
    const { measures, series } = value;
    const figures = measureFigures(
      measures,
      series,
      config?.currency ?? 'GBP',
      t,
    );
    const sources = sourcesText(measures.sources, t);
    body = (
      <>
        {nothingSent(measures, series) && (
          <Box mb={3}>
            <EmptyState
              missing="data"
              title="No events in this window"
              description="The measures come from the deployments, incidents, availability and reviews that pipelines and tools send to the operating-model events API. Nothing has arrived for this window: every figure below shows no data, not zero."
            />
          </Box>
        )}
        {sources.length > 0 && (
          <Box mb={2}>
            <Typography
              variant="body2"
              color="textSecondary"
              data-testid="measure-sources"
            >
              {sources.join(' · ')}
            </Typography>
          </Box>
        )}
        <Grid container spacing={2}>
          {figures.map(figure => (
            <Grid item xs={12} sm={6} md={4} lg={3} key={figure.id}>
              <FigureCard figure={figure} />
            </Grid>
          ))}
        </Grid>
        <Box mt={3}>
          <Grid container spacing={3}>
            <Grid item xs={12} lg={6}>
              <DeploymentsPerWeekChart
                data={series.deploymentsPerWeek}
                target={series.target}
              />
            </Grid>
            <Grid item xs={12} lg={6}>
              <AvailabilityPerDayChart
                data={series.availabilityPerDay}
                target={series.target}
                errorBudget={series.errorBudget}
              />
            </Grid>
            <Grid item xs={12} lg={6}>
              <TimeToRestoreChart
                incidents={series.incidents}
                target={series.target}
              />
            </Grid>
            <Grid item xs={12} lg={6}>
              <LeadTimeChart leadTimes={series.leadTimes} />
            </Grid>
            <Grid item xs={12}>
              <IncidentList incidents={series.incidents} />
            </Grid>
          </Grid>
        </Box>
      </>
    );
  }

  return (
    <>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        mb={2}
        flexWrap="wrap"
      >
        <Typography variant="body2" color="textSecondary">
          {isService
            ? 'Against this service’s own targets.'
            : 'A team’s or domain’s figures add up its services; targets show how many of them meet theirs.'}
        </Typography>
        <MeasuresWindowPicker days={days} onChange={setDays} />
      </Box>
      {body}
    </>
  );
}
