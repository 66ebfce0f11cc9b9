import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { OperatingModelApi, operatingModelApiRef } from '../../api';
import { operatingModelRouteRef } from '../../routes';
import { entityMeasures, measureSeries } from '../testMeasures';
import { EntityMeasuresContent } from './EntityMeasuresContent';

// jsdom lays nothing out, so a responsive chart would measure 0 × 0 and draw nothing.
jest.mock('recharts', () => {
  const actual = jest.requireActual('recharts');
  const { cloneElement } = jest.requireActual('react');
  return {
    ...actual,
    ResponsiveContainer: ({ children }: { children: React.ReactElement }) =>
      cloneElement(children, { width: 800, height: 260 }),
  };
});

const NOW = new Date('2026-11-24T12:00:00Z');

const bedroom: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'bedroom', namespace: 'default' },
  spec: { type: 'service', owner: 'bedroom-team' },
};

const bedroomTeam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'bedroom-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const measured = entityMeasures({
  deploymentFrequency: {
    perWeek: 4.2,
    per30Days: 18,
    target: 'daily',
    targetMet: false,
    count: 54,
  },
  availability: { ratio: 0.9995, target: 99, targetMet: true, count: 2160 },
  timeToRestoreMinutes: { median: 30, p90: 45, count: 3 },
  timeToAcknowledgeMinutes: { median: 4, count: 3 },
  leadTimeDays: { median: 1.5, p90: 3, count: 54 },
  looseCoupling: { ratio: 0.9, count: 54 },
  preApprovedChanges: { ratio: 0.5, count: 54 },
  financialLossProtection: {
    projected: 336_000,
    actual: 100_000,
    protected: 236_000,
    effectiveness: 236_000 / 336_000,
    count: 1,
  },
  postIncidentReviewReaders: { count: 7, reviews: 2 },
  changeFailureRate: { ratio: 0.125, count: 8 },
  failedDeploymentRecoveryMinutes: { median: 42, p90: 150, count: 1 },
  dora: {
    reportYear: 2024,
    deploymentFrequency: 'high',
    leadTime: 'elite',
    changeFailureRate: 'medium',
    failedDeploymentRecovery: 'high',
  },
  sources: {
    deployments: ['github', 'pipeline'],
    incidents: ['pagerduty'],
    availability: ['prometheus'],
  },
});

const series = measureSeries({
  deploymentsPerWeek: [
    { weekStart: '2026-11-02T00:00:00.000Z', count: 3 },
    { weekStart: '2026-11-09T00:00:00.000Z', count: 0 },
    { weekStart: '2026-11-16T00:00:00.000Z', count: 5 },
  ],
  availabilityPerDay: [
    { day: '2026-11-20', good: 999, total: 1000, ratio: 0.999 },
    { day: '2026-11-21', good: 1000, total: 1000, ratio: 1 },
  ],
  incidents: [
    {
      source: 'pagerduty',
      externalId: 'i1',
      title: 'Beds out of stock',
      service: 'component:default/bedroom',
      services: ['component:default/bedroom'],
      startedAt: '2026-11-05T10:00:00.000Z',
      acknowledgedAt: '2026-11-05T10:04:00.000Z',
      restoredAt: '2026-11-05T10:30:00.000Z',
      timeToRestoreMinutes: 30,
      review: {
        source: 'confluence',
        externalId: 'PIR-1',
        title: 'What happened to the beds',
        url: 'https://wiki.example/pir-1',
      },
      reviewUrl: null,
      url: 'https://hearth.pagerduty.example/incidents/i1',
    },
    {
      source: 'pagerduty',
      externalId: 'i2',
      title: null,
      service: 'component:default/bedroom',
      services: ['component:default/bedroom'],
      startedAt: '2026-11-20T08:00:00.000Z',
      acknowledgedAt: null,
      restoredAt: null,
      timeToRestoreMinutes: null,
      review: null,
      reviewUrl: null,
      url: null,
    },
  ],
  leadTimes: [
    {
      service: 'component:default/bedroom',
      deployTime: '2026-11-03T10:00:00.000Z',
      leadTimeDays: 1,
    },
    {
      service: 'component:default/bedroom',
      deployTime: '2026-11-17T10:00:00.000Z',
      leadTimeDays: 3,
    },
  ],
  target: {
    availability: 99,
    deploymentsPerWeek: 7,
    tolerableUnavailabilitySecondsPerWeek: 6048,
  },
  errorBudget: {
    weekStart: '2026-11-23T00:00:00.000Z',
    until: '2026-11-24T12:00:00.000Z',
    allowedSeconds: 6048,
    usedSeconds: 129.6,
    leftSeconds: 5918.4,
    count: 36,
  },
});

async function renderTab(entity: Entity, api: Partial<OperatingModelApi>) {
  await renderInTestApp(
    <TestApiProvider apis={[[operatingModelApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityMeasuresContent now={NOW} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/operating-model': operatingModelRouteRef } },
  );
}

describe('EntityMeasuresContent', () => {
  it('shows each figure against its target with the events it rests on, and "No data" for nulls', async () => {
    const getMeasures = jest.fn().mockResolvedValue(measured);
    const getMeasureSeries = jest.fn().mockResolvedValue(series);
    await renderTab(bedroom, { getMeasures, getMeasureSeries });

    const deployments = await screen.findByTestId(
      'figure-deployment-frequency',
    );
    expect(deployments).toHaveTextContent('4.2 a week');
    expect(deployments).toHaveTextContent('18 per 30 days');
    expect(deployments).toHaveTextContent('Target: Daily · missed');
    expect(deployments).toHaveTextContent('From 54 production deployments');

    const availability = screen.getByTestId('figure-availability');
    expect(availability).toHaveTextContent('99.95%');
    expect(availability).toHaveTextContent('Target: 99.0% · met');
    expect(availability).toHaveTextContent(
      'Error budget left this week: 1 h 38 min 38 s of 1 h 40 min 48 s',
    );
    expect(availability).toHaveTextContent('From 2,160 availability intervals');

    expect(screen.getByTestId('figure-time-to-restore')).toHaveTextContent(
      '30 minMedian; 90th percentile 45 minFrom 3 restored incidents',
    );
    expect(screen.getByTestId('figure-lead-time')).toHaveTextContent(
      '1.5 days',
    );
    const loss = screen.getByTestId('figure-financial-loss-protection');
    expect(loss).toHaveTextContent('70.2%');
    expect(loss).toHaveTextContent(
      'Projected £336k · actual £100k · protected £236k',
    );
    expect(loss).toHaveTextContent('From 1 restored incident');
    expect(screen.getByTestId('figure-review-readers')).toHaveTextContent(
      '7 readers',
    );

    // Null figures say so rather than showing 0.
    for (const id of [
      'chaos-days',
      'rework-rate',
      'improvement-action-lead-time',
      'improvement-action-interval',
    ]) {
      const card = screen.getByTestId(`figure-${id}`);
      expect(card).toHaveTextContent('No data');
      expect(card).not.toHaveTextContent(/(^|\s)0%/);
    }
    expect(screen.getByTestId('figure-rework-rate')).toHaveTextContent(
      'From 0 rework items',
    );

    expect(getMeasures).toHaveBeenCalledWith('component:default/bedroom', {
      from: new Date('2026-08-26T12:00:00Z'),
      to: NOW,
    });
    expect(getMeasureSeries).toHaveBeenCalledWith('component:default/bedroom', {
      from: new Date('2026-08-26T12:00:00Z'),
      to: NOW,
    });
  });

  it('shows the change failure rate and failed-deployment recovery, the DORA level of the four key metrics, and where the events came from', async () => {
    await renderTab(bedroom, {
      getMeasures: jest.fn().mockResolvedValue(measured),
      getMeasureSeries: jest.fn().mockResolvedValue(series),
    });
    const failure = await screen.findByTestId('figure-change-failure-rate');
    expect(failure).toHaveTextContent('Change failure rate');
    expect(failure).toHaveTextContent('12.5%');
    expect(failure).toHaveTextContent(
      'Of production deployments were followed by an incident on the service before its next deployment',
    );
    expect(failure).toHaveTextContent('From 8 production deployments');

    const recovery = screen.getByTestId('figure-failed-deployment-recovery');
    expect(recovery).toHaveTextContent('Failed-deployment recovery time');
    expect(recovery).toHaveTextContent('42 min');
    expect(recovery).toHaveTextContent('Median; 90th percentile 2 h 30 min');
    expect(recovery).toHaveTextContent('From 1 restored failed deployment');

    const level = (id: string) =>
      within(screen.getByTestId(`figure-${id}`)).getByTestId('dora-level');
    expect(level('deployment-frequency')).toHaveTextContent('DORA 2024: high');
    expect(level('lead-time')).toHaveTextContent('DORA 2024: elite');
    expect(level('change-failure-rate')).toHaveTextContent('DORA 2024: medium');
    expect(level('failed-deployment-recovery')).toHaveTextContent(
      'DORA 2024: high',
    );
    // Only the four key metrics have a level.
    expect(screen.getAllByTestId('dora-level')).toHaveLength(4);

    expect(screen.getByTestId('measure-sources')).toHaveTextContent(
      'Deployments from github and pipeline · Incidents from pagerduty · Availability from prometheus',
    );
  });

  it('names only the kinds of event that came from somewhere', async () => {
    await renderTab(bedroom, {
      getMeasures: jest.fn().mockResolvedValue({
        ...measured,
        sources: {
          deployments: [],
          incidents: ['pagerduty'],
          availability: [],
        },
      }),
      getMeasureSeries: jest.fn().mockResolvedValue(series),
    });
    expect(await screen.findByTestId('measure-sources')).toHaveTextContent(
      /^Incidents from pagerduty$/,
    );
  });

  it('draws the charts with the targets as reference lines, and links reviews through the read page', async () => {
    await renderTab(bedroom, {
      getMeasures: jest.fn().mockResolvedValue(measured),
      getMeasureSeries: jest.fn().mockResolvedValue(series),
    });
    const deployments = await screen.findByTestId('chart-deployments-per-week');
    expect(deployments.querySelector('svg.recharts-surface')).not.toBeNull();
    expect(
      deployments.querySelectorAll('.recharts-bar-rectangle').length,
    ).toBeGreaterThanOrEqual(2);
    expect(
      deployments.querySelector('.recharts-reference-line'),
    ).not.toBeNull();

    const availability = screen.getByTestId('chart-availability-per-day');
    expect(availability.querySelector('.recharts-line')).not.toBeNull();
    expect(
      availability.querySelector('.recharts-reference-line'),
    ).not.toBeNull();
    expect(within(availability).getByTestId('error-budget')).toHaveTextContent(
      'Error budget left this week: 1 h 38 min 38 s of 1 h 40 min 48 s, week of 23 Nov',
    );

    const restore = screen.getByTestId('chart-time-to-restore');
    // One bar: the open incident has no time to restore yet.
    expect(restore.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(1);
    expect(
      screen
        .getByTestId('chart-lead-time')
        .querySelectorAll('.recharts-scatter-symbol'),
    ).toHaveLength(2);

    expect(
      screen.getByRole('link', { name: 'What happened to the beds' }),
    ).toHaveAttribute('href', '/operating-model/reviews/confluence/PIR-1');
    // The incident links to itself in the tool it came from.
    expect(
      screen.getByRole('link', { name: /^Beds out of stock/ }),
    ).toHaveAttribute('href', 'https://hearth.pagerduty.example/incidents/i1');
    expect(screen.getByText('Still open')).toBeInTheDocument();
  });

  it('asks again for another window', async () => {
    const getMeasures = jest.fn().mockResolvedValue(measured);
    const getMeasureSeries = jest.fn().mockResolvedValue(series);
    await renderTab(bedroom, { getMeasures, getMeasureSeries });
    await screen.findByTestId('figure-deployment-frequency');

    fireEvent.mouseDown(screen.getByRole('button', { name: /Window/ }));
    fireEvent.click(
      await screen.findByRole('option', { name: 'Last 30 days' }),
    );

    await waitFor(() =>
      expect(getMeasures).toHaveBeenLastCalledWith(
        'component:default/bedroom',
        {
          from: new Date('2026-10-25T12:00:00Z'),
          to: NOW,
        },
      ),
    );
    expect(getMeasureSeries).toHaveBeenLastCalledWith(
      'component:default/bedroom',
      {
        from: new Date('2026-10-25T12:00:00Z'),
        to: NOW,
      },
    );
  });

  it('says once that nothing was sent, and every figure and chart shows no data', async () => {
    await renderTab(bedroom, {
      getMeasures: jest.fn().mockResolvedValue(entityMeasures()),
      getMeasureSeries: jest.fn().mockResolvedValue(measureSeries()),
    });
    expect(
      await screen.findByText('No events in this window'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('No data')).toHaveLength(15);
    expect(screen.getByTestId('figure-change-failure-rate')).toHaveTextContent(
      'From 0 production deployments',
    );
    expect(
      screen.getByTestId('figure-failed-deployment-recovery'),
    ).toHaveTextContent('From 0 restored failed deployments');
    // No level without a figure, and no line of sources without events.
    expect(screen.queryByTestId('dora-level')).toBeNull();
    expect(screen.queryByTestId('measure-sources')).toBeNull();
    expect(
      screen.getAllByText('No data: no production deployments in this window'),
    ).toHaveLength(2);
    expect(
      screen.getByText('No data: no availability intervals in this window'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No data: no incidents in this window'),
    ).toBeInTheDocument();
    expect(document.querySelector('svg.recharts-surface')).toBeNull();
  });

  it("shows a team's targets as how many of its services meet theirs", async () => {
    await renderTab(bedroomTeam, {
      getMeasures: jest.fn().mockResolvedValue(
        entityMeasures({
          ...measured,
          entityRef: 'group:default/bedroom-team',
          deploymentFrequency: {
            ...measured.deploymentFrequency,
            target: null,
            targetMet: null,
          },
          availability: {
            ...measured.availability,
            target: null,
            targetMet: null,
          },
          targets: {
            deploymentFrequency: { withTarget: 3, met: 2, notMet: 1 },
            availability: { withTarget: 3, met: 2, notMet: 0 },
          },
        }),
      ),
      getMeasureSeries: jest
        .fn()
        .mockResolvedValue(
          measureSeries({ entityRef: 'group:default/bedroom-team' }),
        ),
    });
    expect(
      await screen.findByTestId('figure-deployment-frequency'),
    ).toHaveTextContent('2 of 3 services meet it · missed');
    expect(screen.getByTestId('figure-availability')).toHaveTextContent(
      '2 of 3 services meet it (1 without data) · met',
    );
  });

  it('says when a team has no services', async () => {
    await renderTab(bedroomTeam, {
      getMeasures: jest.fn().mockResolvedValue(
        entityMeasures({
          entityRef: 'group:default/bedroom-team',
          services: [],
        }),
      ),
      getMeasureSeries: jest.fn().mockResolvedValue(measureSeries()),
    });
    expect(
      await screen.findByText('No services in this group'),
    ).toBeInTheDocument();
  });

  it('shows the error when the measures cannot be loaded', async () => {
    await renderTab(bedroom, {
      getMeasures: jest.fn().mockRejectedValue(new Error('backend down')),
      getMeasureSeries: jest.fn().mockResolvedValue(measureSeries()),
    });
    expect(
      await screen.findByText(/The measures could not be loaded/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/backend down/).length).toBeGreaterThan(0);
  });
});
