import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { operatingModelApiRef } from '../../api';
import { countOf } from '../shared/format';
import { BreakableCode, ProblemFix, useAnnotationFix } from './ProblemFix';
import { ServiceProblem, TeamProblems, problemsByTeam } from './problemsByTeam';

const useStyles = makeStyles(theme => ({
  code: {
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    overflowWrap: 'anywhere',
  },
  missing: { color: theme.palette.text.secondary, fontStyle: 'italic' },
}));

function TeamTable({ team }: { team: TeamProblems }) {
  const classes = useStyles();
  const fixFor = useAnnotationFix();
  const columns: TableColumn<ServiceProblem>[] = [
    {
      title: 'Service',
      width: '14%',
      render: ({ service }) => (
        <EntityRefLink
          entityRef={service.entityRef}
          title={service.titles.service}
          hideIcon
        />
      ),
    },
    {
      title: 'Annotation',
      width: '18%',
      render: ({ problem }) => (
        <span className={classes.code}>
          <BreakableCode text={problem.annotation} />
        </span>
      ),
    },
    {
      title: 'Value as written',
      width: '12%',
      render: ({ problem }) =>
        problem.value === '' ? (
          <span className={classes.missing}>missing</span>
        ) : (
          <span className={classes.code}>{problem.value}</span>
        ),
    },
    {
      title: 'What is wrong',
      width: '24%',
      render: ({ problem }) => problem.message,
    },
    {
      title: 'Fix',
      render: ({ problem }) => <ProblemFix fix={fixFor(problem)} />,
    },
  ];
  const title =
    team.owner === null ? (
      // The table's toolbar puts the title in its own heading.
      <span>No owning team</span>
    ) : (
      <EntityRefLink entityRef={team.owner} title={team.title} hideIcon />
    );
  const subtitle =
    team.owner === null
      ? `${countOf(team.problems.length, 'problem')} in ${countOf(
          team.serviceCount,
          'service',
        )} without spec.owner: set it to the Group that runs each one`
      : `${countOf(team.problems.length, 'problem')} in ${countOf(
          team.serviceCount,
          'service',
        )}`;
  return (
    <Box mb={3} data-testid="team-problems" data-owner={team.owner ?? ''}>
      <Table<ServiceProblem>
        title={title}
        subtitle={subtitle}
        columns={columns}
        data={team.problems}
        options={{
          paging: false,
          search: false,
          sorting: false,
          draggable: false,
          padding: 'dense',
        }}
      />
    </Box>
  );
}

/**
 * The platform team's list of every annotation problem in the organisation, by owning team:
 * each with the service, the annotation, the value as written, what is wrong and the line to
 * write instead. The services stay in the catalog and every view meanwhile.
 *
 * @public
 */
export function AnnotationProblemsView() {
  const classes = useStyles();
  const api = useApi(operatingModelApiRef);
  const { value, loading, error } = useAsync(() => api.listServices(), [api]);
  const teams = useMemo(() => problemsByTeam(value ?? []), [value]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (teams.length === 0) {
    return (
      <EmptyState
        missing="info"
        title="No annotation problems"
        description={`Every one of the ${countOf(
          value?.length ?? 0,
          'assessed service',
        )} has operating-model.io annotations the rules can read.`}
      />
    );
  }
  const problems = teams.reduce((sum, team) => sum + team.problems.length, 0);
  const services = teams.reduce((sum, team) => sum + team.serviceCount, 0);
  const owners = teams.filter(team => team.owner !== null).length;
  return (
    <>
      <Box mb={3}>
        <InfoCard title="How to fix them">
          <Typography variant="body1" data-testid="problems-summary">
            {countOf(problems, 'problem')} in {countOf(services, 'service')} of{' '}
            {countOf(owners, 'team')}
            {owners < teams.length && ' and services with no owner'}.
          </Typography>
          <Typography variant="body2">
            Each is fixed in the service’s catalog-info.yaml: write the line
            shown under{' '}
            <span className={classes.code}>metadata.annotations</span>,
            replacing the one there; the catalog reads the change at its next
            refresh. Meanwhile the service stays in the catalog and in every
            view, with the targets its other annotations still give.
          </Typography>
        </InfoCard>
      </Box>
      {teams.map(team => (
        <TeamTable key={team.owner ?? ''} team={team} />
      ))}
    </>
  );
}
