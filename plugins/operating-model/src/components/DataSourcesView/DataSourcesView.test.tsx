import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  EventSourceStatus,
  OperatingModelApi,
  operatingModelApiRef,
} from '../../api';
import { formatInstant } from '../shared/format';
import { DataSourcesView } from './DataSourcesView';

const NOW = new Date('2026-11-24T12:00:00Z');

function source(overrides: Partial<EventSourceStatus>): EventSourceStatus {
  return {
    id: 'pagerduty',
    kinds: ['incidents'],
    enabled: true,
    schedule: {
      frequency: { minutes: 15 },
      timeout: { minutes: 10 },
      initialDelay: { seconds: 30 },
    },
    lastRunAt: '2026-11-24T11:45:00.000Z',
    lastSuccessAt: '2026-11-24T11:47:00.000Z',
    eventsWritten: 12_345,
    lastError: null,
    mapped: 42,
    unmapped: [],
    ...overrides,
  };
}

async function renderView(api: Partial<OperatingModelApi>) {
  await renderInTestApp(
    <TestApiProvider apis={[[operatingModelApiRef, api]]}>
      <DataSourcesView now={NOW} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const withSources = (...items: EventSourceStatus[]) => ({
  getEventSources: jest.fn().mockResolvedValue(items),
});

describe('DataSourcesView', () => {
  it('shows a source that is on: what it reads, its schedule in words, its runs and what it maps', async () => {
    await renderView(
      withSources(
        source({
          id: 'github',
          kinds: ['deployments', 'incidents'],
        }),
      ),
    );
    const card = await screen.findByTestId('source-github');
    expect(card).toHaveAttribute('data-state', 'succeeded');
    expect(within(card).getByText('github')).toBeInTheDocument();
    expect(card).toHaveTextContent('Last run succeeded');
    expect(within(card).getByTestId('source-kinds')).toHaveTextContent(
      'Deployments and Incidents',
    );
    expect(within(card).getByTestId('source-schedule')).toHaveTextContent(
      'Every 15 minutes (each run stops after 10 minutes; the first run 30 seconds after start-up)',
    );
    expect(within(card).getByTestId('source-last-run')).toHaveTextContent(
      `${formatInstant('2026-11-24T11:45:00.000Z')} (15 minutes ago)`,
    );
    expect(within(card).getByTestId('source-last-success')).toHaveTextContent(
      `${formatInstant('2026-11-24T11:47:00.000Z')} (13 minutes ago)`,
    );
    expect(within(card).getByTestId('source-events')).toHaveTextContent(
      '12,345',
    );
    expect(within(card).getByTestId('source-mapped')).toHaveTextContent('42');
    expect(within(card).queryByTestId('source-off')).toBeNull();
    expect(within(card).queryByTestId('source-error')).toBeNull();
    expect(within(card).queryByTestId('source-unmapped')).toBeNull();
    // How to add another, below the list.
    expect(screen.getByText('Adding a source')).toBeInTheDocument();
  });

  it('shows a source that is off with the exact key that turns it on', async () => {
    await renderView(
      withSources(
        source({
          id: 'prometheus',
          kinds: ['availability'],
          enabled: false,
          schedule: null,
          lastRunAt: null,
          lastSuccessAt: null,
          eventsWritten: 0,
          mapped: null,
        }),
      ),
    );
    const card = await screen.findByTestId('source-prometheus');
    expect(card).toHaveAttribute('data-state', 'off');
    expect(within(card).getByText('Off')).toBeInTheDocument();
    const off = within(card).getByTestId('source-off');
    expect(off).toHaveTextContent('it never runs until it is configured');
    expect(
      within(off).getByText('operatingModel.sources.prometheus'),
    ).toBeInTheDocument();
    expect(
      within(off).getByRole('button', {
        name: 'Copy operatingModel.sources.prometheus',
      }),
    ).toBeInTheDocument();
    expect(within(card).getByTestId('source-schedule')).toHaveTextContent(
      'Not scheduled',
    );
    expect(within(card).getByTestId('source-last-run')).toHaveTextContent(
      'Never',
    );
    expect(within(card).getByTestId('source-events')).toHaveTextContent('0');
    expect(within(card).getByTestId('source-mapped')).toHaveTextContent(
      'Not reported yet',
    );
  });

  it('shows the last error prominently when the last run failed', async () => {
    await renderView(
      withSources(
        source({
          lastRunAt: '2026-11-24T11:00:00.000Z',
          lastSuccessAt: '2026-11-21T12:00:00.000Z',
          lastError:
            'PagerDuty answered 401 Unauthorized to GET /services: check operatingModel.sources.pagerduty.token',
        }),
      ),
    );
    const card = await screen.findByTestId('source-pagerduty');
    expect(card).toHaveAttribute('data-state', 'failed');
    expect(card).toHaveTextContent('Last run failed');
    const error = within(card).getByTestId('source-error');
    expect(error).toHaveTextContent('The last run failed');
    expect(error).toHaveTextContent(
      'PagerDuty answered 401 Unauthorized to GET /services: check operatingModel.sources.pagerduty.token',
    );
    expect(error).toHaveTextContent('It tries again at its next run');
    expect(within(card).getByTestId('source-last-run')).toHaveTextContent(
      '(1 hour ago)',
    );
    expect(within(card).getByTestId('source-last-success')).toHaveTextContent(
      '(3 days ago)',
    );
  });

  it('lists the Components a source could not map, linked to their pages, with the reason', async () => {
    await renderView(
      withSources(
        source({
          mapped: 2,
          unmapped: [
            {
              entityRef: 'component:default/wishlist',
              reason: 'PagerDuty has no service P404XYZ (404)',
            },
            {
              entityRef: 'component:default/delivery-tracking',
              reason: 'pagerduty.com/service-id is empty',
            },
          ],
        }),
      ),
    );
    const unmapped = await screen.findByTestId('source-unmapped');
    expect(unmapped).toHaveTextContent('2 Components it could not map');
    const rows = within(unmapped).getAllByRole('row').slice(1);
    expect(
      rows.map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      ),
    ).toEqual([
      ['wishlist', 'PagerDuty has no service P404XYZ (404)'],
      ['delivery-tracking', 'pagerduty.com/service-id is empty'],
    ]);
    expect(
      within(unmapped).getByRole('link', { name: /wishlist/ }),
    ).toHaveAttribute('href', '/catalog/default/component/wishlist');
  });

  it('names the modules that add a source when there is none', async () => {
    await renderView(withSources());
    expect(await screen.findByText('No data sources')).toBeInTheDocument();
    const help = screen.getByTestId('add-source');
    for (const id of ['pagerduty', 'github', 'prometheus']) {
      expect(help).toHaveTextContent(
        `@operating-model/backstage-plugin-operating-model-backend-module-${id}`,
      );
    }
    expect(help).toHaveTextContent('operatingModel.sources.<id>');
    expect(help).toHaveTextContent(
      "backend.add(import('@operating-model/backstage-plugin-operating-model-backend-module-pagerduty'));",
    );
  });

  it('shows the error when the sources cannot be loaded', async () => {
    await renderView({
      getEventSources: jest.fn().mockRejectedValue(new Error('backend down')),
    });
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });
});
