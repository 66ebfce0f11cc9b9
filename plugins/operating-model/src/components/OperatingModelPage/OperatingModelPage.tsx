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
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { ReactNode } from 'react';
import { Route, Routes, useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { operatingModelApiRef } from '../../api';
import { AnnotationProblemsView } from '../AnnotationProblemsView';
import { DataSourcesView } from '../DataSourcesView';
import { DiscoverabilityView } from '../DiscoverabilityView';
import { IncidentLossCalculator } from '../IncidentLossCalculator';
import { LeadersView } from '../LeadersView';
import { OnCallCostView } from '../OnCallCostView';
import { OnCallLoadView } from '../OnCallLoadView';
import { OnboardingForm } from '../OnboardingForm';
import { PitfallsView } from '../PitfallsView';
import { ReviewRedirect } from '../ReviewRedirect';
import { OperatingModelSelectorChart } from '../OperatingModelSelectorChart';
import { WhoIsPagedLookup } from '../WhoIsPagedLookup';
import { useOperatingModelConfig } from '../shared/useOperatingModelConfig';
import { operatingModelTranslationRef } from '../../translation';

/** The selector chart of every service, with its loading, error and empty states. */
export function OperatingModelSelectorContent() {
  const api = useApi(operatingModelApiRef);
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const { config, error: configError } = useOperatingModelConfig();
  const { value, loading, error } = useAsync(() => api.listServices(), [api]);

  if (configError)
    return (
      <ResponseErrorPanel
        error={configError}
        title={t('page.selector.configError')}
      />
    );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.length === 0 || !config) {
    return (
      <EmptyState
        missing="data"
        title={t('page.selector.emptyTitle')}
        description={t('page.selector.emptyDescription')}
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

/** Who is paged for a service, and every service on the operating model selector chart. */
function SelectorTab() {
  const { t } = useTranslationRef(operatingModelTranslationRef);
  return (
    <>
      <Box mb={3}>
        <InfoCard title={t('page.selector.whoIsPagedTitle')}>
          <WhoIsPagedLookup />
        </InfoCard>
      </Box>
      <ContentHeader title={t('page.selector.title')}>
        <SupportButton>{t('page.selector.help')}</SupportButton>
      </ContentHeader>
      <Grid container>
        <Grid item xs={12}>
          <OperatingModelSelectorContent />
        </Grid>
      </Grid>
    </>
  );
}

/** The leaders' reliability view: every team's or domain's measures against their targets. */
function LeadersTab() {
  const { t } = useTranslationRef(operatingModelTranslationRef);
  return (
    <>
      <ContentHeader title={t('page.leaders.title')}>
        <SupportButton>{t('page.leaders.help')}</SupportButton>
      </ContentHeader>
      <LeadersView />
    </>
  );
}

/** A tab's content under its heading (`page.<section>.title`) with a help button. */
function Section(props: {
  section:
    | 'directory'
    | 'pitfalls'
    | 'cost'
    | 'load'
    | 'incidentLoss'
    | 'onboarding'
    | 'problems'
    | 'sources';
  children: ReactNode;
}) {
  const { t } = useTranslationRef(operatingModelTranslationRef);
  return (
    <>
      <ContentHeader title={t(`page.${props.section}.title`)}>
        <SupportButton>{t(`page.${props.section}.help`)}</SupportButton>
      </ContentHeader>
      {props.children}
    </>
  );
}

/** One tab of the page. Another view joins the page as one more entry here. */
interface PageTab {
  /** In the address as `?tab=`, so a tab can be linked to. */
  id: string;
  /** Its label's key under `page.tabs`. */
  label:
    | 'directory'
    | 'selector'
    | 'leaders'
    | 'pitfalls'
    | 'cost'
    | 'load'
    | 'incidentLoss'
    | 'onboarding'
    | 'problems'
    | 'sources';
  content: () => ReactNode;
}

const PAGE_TABS: PageTab[] = [
  {
    id: 'directory',
    label: 'directory',
    content: () => (
      <Section section="directory">
        <DiscoverabilityView />
      </Section>
    ),
  },
  {
    id: 'selector',
    label: 'selector',
    content: () => <SelectorTab />,
  },
  { id: 'leaders', label: 'leaders', content: () => <LeadersTab /> },
  {
    id: 'pitfalls',
    label: 'pitfalls',
    content: () => (
      <Section section="pitfalls">
        <PitfallsView />
      </Section>
    ),
  },
  {
    id: 'cost',
    label: 'cost',
    content: () => (
      <Section section="cost">
        <OnCallCostView />
      </Section>
    ),
  },
  {
    id: 'on-call-load',
    label: 'load',
    content: () => (
      <Section section="load">
        <OnCallLoadView />
      </Section>
    ),
  },
  {
    id: 'incident-loss',
    label: 'incidentLoss',
    content: () => (
      <Section section="incidentLoss">
        <InfoCard>
          <IncidentLossCalculator />
        </InfoCard>
      </Section>
    ),
  },
  {
    id: 'onboarding',
    label: 'onboarding',
    content: () => (
      <Section section="onboarding">
        <OnboardingForm />
      </Section>
    ),
  },
  {
    id: 'problems',
    label: 'problems',
    content: () => (
      <Section section="problems">
        <AnnotationProblemsView />
      </Section>
    ),
  },
  {
    id: 'sources',
    label: 'sources',
    content: () => (
      <Section section="sources">
        <DataSourcesView />
      </Section>
    ),
  },
];

/** The page's tabs; the first is shown when the address names none. */
function OperatingModelHome() {
  const { t } = useTranslationRef(operatingModelTranslationRef);
  const [params, setParams] = useSearchParams();
  const current =
    PAGE_TABS.find(tab => tab.id === params.get('tab')) ?? PAGE_TABS[0];
  return (
    <Page themeId="tool">
      <Header title={t('page.title')} subtitle={t('page.subtitle')} />
      <Content>
        <Box mb={3} borderBottom={1} borderColor="divider">
          <Tabs
            value={current.id}
            onChange={(_event, id: string) => setParams({ tab: id })}
            indicatorColor="primary"
            textColor="primary"
            variant="scrollable"
            aria-label={t('page.tabsLabel')}
          >
            {PAGE_TABS.map(tab => (
              <Tab
                key={tab.id}
                value={tab.id}
                label={t(`page.tabs.${tab.label}`)}
                id={`tab-${tab.id}`}
              />
            ))}
          </Tabs>
        </Box>
        <div role="tabpanel" aria-labelledby={`tab-${current.id}`}>
          {current.content()}
        </div>
      </Content>
    </Page>
  );
}

/**
 * The standalone page at `/operating-model`: its tabs at the root, and
 * `/reviews/:source/:id`, which records a read of a post-incident review and opens it.
 *
 * @public
 */
export function OperatingModelPage() {
  return (
    <Routes>
      <Route path="/" element={<OperatingModelHome />} />
      <Route path="/reviews/:source/:id" element={<ReviewRedirect />} />
    </Routes>
  );
}
