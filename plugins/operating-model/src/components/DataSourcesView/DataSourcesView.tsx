import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { operatingModelApiRef } from '../../api';
import { operatingModelTranslationRef } from '../../translation';
import { AddSourceHelp } from './AddSourceHelp';
import { SourceCard } from './SourceCard';

/**
 * The platform team's view of the event sources backend modules add: each with what it reads,
 * whether it is on, its schedule, its last runs, its last error and the Components it could not
 * map; and how to add a source when none is there.
 */
export function DataSourcesView(props: { now?: Date }) {
  const api = useApi(operatingModelApiRef);
  const { t } = useTranslationRef(operatingModelTranslationRef);
  // Relative times are counted from when the tab opened, as the answer was read then.
  const [now] = useState(() => props.now ?? new Date());
  const { value, loading, error } = useAsync(
    () => api.getEventSources(),
    [api],
  );

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.length === 0) {
    return (
      <EmptyState
        missing="info"
        title={t('dataSources.emptyTitle')}
        description={t('dataSources.emptyDescription')}
        action={<AddSourceHelp />}
      />
    );
  }
  return (
    <>
      <Box component="section" aria-label={t('dataSources.listLabel')}>
        {value.map(source => (
          <SourceCard key={source.id} source={source} now={now} />
        ))}
      </Box>
      <InfoCard title={t('dataSources.addTitle')}>
        <AddSourceHelp />
      </InfoCard>
    </>
  );
}
