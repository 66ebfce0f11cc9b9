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
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { ReactNode } from 'react';
import { Route, Routes, useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { operatingModelApiRef } from '../../api';
import { AnnotationProblemsView } from '../AnnotationProblemsView';
import { DiscoverabilityView } from '../DiscoverabilityView';
import { IncidentLossCalculator } from '../IncidentLossCalculator';
import { LeadersView } from '../LeadersView';
import { OnCallCostView } from '../OnCallCostView';
import { OnboardingForm } from '../OnboardingForm';
import { PitfallsView } from '../PitfallsView';
import { ReviewRedirect } from '../ReviewRedirect';
import { OperatingModelSelectorChart } from '../OperatingModelSelectorChart';
import { WhoIsPagedLookup } from '../WhoIsPagedLookup';
import { useOperatingModelConfig } from '../shared/useOperatingModelConfig';

/** The selector chart of every service, with its loading, error and empty states. */
export function OperatingModelSelectorContent() {
  const api = useApi(operatingModelApiRef);
  const { config, error: configError } = useOperatingModelConfig();
  const { value, loading, error } = useAsync(() => api.listServices(), [api]);

  if (configError)
    return (
      <ResponseErrorPanel
        error={configError}
        title="The operatingModel configuration cannot be read"
      />
    );
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

/** Who is paged for a service, and every service on the operating model selector chart. */
function SelectorTab() {
  return (
    <>
      <Box mb={3}>
        <InfoCard title="Who is paged for…">
          <WhoIsPagedLookup />
        </InfoCard>
      </Box>
      <ContentHeader title="Operating model selector">
        <SupportButton>
          Each service is placed by its feature demand and the availability
          target its financial exposure sets. Hover a point for its targets;
          click it to open the service.
        </SupportButton>
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
  return (
    <>
      <ContentHeader title="Measures by team and domain">
        <SupportButton>
          The playbook's measures of deployment throughput, service reliability
          and learning culture for every team or domain, over a window. Sort by
          any column; download what you see as CSV.
        </SupportButton>
      </ContentHeader>
      <LeadersView />
    </>
  );
}

/** A tab's content under a heading with a help button. */
function Section(props: { title: string; help: string; children: ReactNode }) {
  return (
    <>
      <ContentHeader title={props.title}>
        <SupportButton>{props.help}</SupportButton>
      </ContentHeader>
      {props.children}
    </>
  );
}

/** One tab of the page. Another view joins the page as one more entry here. */
interface PageTab {
  /** In the address as `?tab=`, so a tab can be linked to. */
  id: string;
  label: string;
  content: () => ReactNode;
}

const PAGE_TABS: PageTab[] = [
  {
    id: 'directory',
    label: 'Teams and services',
    content: () => (
      <Section
        title="Every team and service"
        help="Search as you type across services, teams, domains and people; filter; see who owns each service, who is on call now, and how it does against its targets."
      >
        <DiscoverabilityView />
      </Section>
    ),
  },
  {
    id: 'selector',
    label: 'Selector and on call',
    content: () => <SelectorTab />,
  },
  { id: 'leaders', label: 'Leaders’ view', content: () => <LeadersTab /> },
  {
    id: 'pitfalls',
    label: 'Pitfalls',
    content: () => (
      <Section
        title="Pitfalls"
        help="The playbook's pitfalls the organisation shows signs of, with the teams and services, the evidence, and the practice that avoids each; then the quarterly reflection on the bands."
      >
        <PitfallsView />
      </Section>
    ),
  },
  {
    id: 'cost',
    label: 'On-call cost',
    content: () => (
      <Section
        title="On-call cost"
        help="Standby and callout cost of every out-of-hours rota, who funds it, and what every service having its own team rota would cost instead."
      >
        <OnCallCostView />
      </Section>
    ),
  },
  {
    id: 'incident-loss',
    label: 'Incident loss',
    content: () => (
      <Section
        title="How bad is this incident?"
        help="Choose the service, the journey impact, security or not, and minutes so far: the loss category decides how fast availability must be restored."
      >
        <InfoCard>
          <IncidentLossCalculator />
        </InfoCard>
      </Section>
    ),
  },
  {
    id: 'onboarding',
    label: 'Onboard a service',
    content: () => (
      <Section
        title="Onboard a service"
        help="Answer the non-technical questions and see the targets, operating model, on-call level and domain siblings the rules give, with the catalog-info.yaml to commit. The same form is a Scaffolder template."
      >
        <OnboardingForm />
      </Section>
    ),
  },
  {
    id: 'problems',
    label: 'Annotation problems',
    content: () => (
      <Section
        title="Annotation problems"
        help="Every operating-model.io annotation the rules cannot read, or that is missing, by the team that owns the service: the value as written, what is wrong, and the line to write in catalog-info.yaml instead."
      >
        <AnnotationProblemsView />
      </Section>
    ),
  },
];

/** The page's tabs; the first is shown when the address names none. */
function OperatingModelHome() {
  const [params, setParams] = useSearchParams();
  const current =
    PAGE_TABS.find(tab => tab.id === params.get('tab')) ?? PAGE_TABS[0];
  return (
    <Page themeId="tool">
      <Header
        title="Operating model"
        subtitle="Who runs each service in production, and the targets that decide it"
      />
      <Content>
        <Box mb={3} borderBottom={1} borderColor="divider">
          <Tabs
            value={current.id}
            onChange={(_event, id: string) => setParams({ tab: id })}
            indicatorColor="primary"
            textColor="primary"
            variant="scrollable"
            aria-label="Operating model views"
          >
            {PAGE_TABS.map(tab => (
              <Tab
                key={tab.id}
                value={tab.id}
                label={tab.label}
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
