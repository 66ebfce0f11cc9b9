import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Box from '@material-ui/core/Box';
import useAsync from 'react-use/esm/useAsync';
import { operatingModelApiRef } from '../../api';
import { OperatingModelSelectorChart } from '../OperatingModelSelectorChart';
import { WhoIsPagedLookup } from '../WhoIsPagedLookup';
import { useOperatingModelConfig } from '../shared/useOperatingModelConfig';

/** The selector chart of every service, with its loading, error and empty states. */
export function OperatingModelSelectorContent() {
  const api = useApi(operatingModelApiRef);
  const { config, error: configError } = useOperatingModelConfig();
  const { value, loading, error } = useAsync(() => api.listServices(), [api]);

  if (configError) return <ResponseErrorPanel error={configError} title="The operatingModel configuration cannot be read" />;
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.length === 0 || !config) {
    return (
      <EmptyState
        missing="data"
        title="No services assessed yet"
        description="Components of type service, or with operating-model.io annotations, appear here once the catalog has them."
      />
    );
  }
  return (
    <Paper>
      <Box p={2}>
        <OperatingModelSelectorChart services={value} config={config} />
      </Box>
    </Paper>
  );
}

/**
 * The standalone page at `/operating-model`.
 *
 * @public
 */
export function OperatingModelPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Operating model"
        subtitle="Who runs each service in production, and the targets that decide it"
      />
      <Content>
        <Box mb={3}>
          <InfoCard title="Who is paged for…">
            <WhoIsPagedLookup />
          </InfoCard>
        </Box>
        <ContentHeader title="Operating model selector">
          <SupportButton>
            Each service is placed by its feature demand and the availability target its financial
            exposure sets. Hover a point for its targets; click it to open the service.
          </SupportButton>
        </ContentHeader>
        <Grid container>
          <Grid item xs={12}>
            <OperatingModelSelectorContent />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
