import {
  catalogApiRef,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { OperatingModelApi, operatingModelApiRef } from '../../api';
import { entityMeasures } from '../testMeasures';
import { entityPresentationApiMock } from '../testPeople';
import { assessedService } from '../testServices';
import { OperatingModelPage } from './OperatingModelPage';

function api(): Partial<OperatingModelApi> {
  return {
    listServices: jest.fn().mockResolvedValue([]),
    getLeaders: jest.fn().mockResolvedValue({
      groupBy: 'team',
      from: '2026-08-26T12:00:00.000Z',
      to: '2026-11-24T12:00:00.000Z',
      items: [
        entityMeasures({
          entityRef: 'group:default/bedroom-team',
          title: 'Bedroom team',
        }),
      ],
      organisation: entityMeasures({ entityRef: 'organisation', title: null }),
    }),
    // Never answers, so the test browser is not sent away.
    readReview: jest.fn().mockReturnValue(new Promise(() => {})),
    queryDirectory: jest.fn().mockReturnValue(new Promise(() => {})),
  };
}

async function renderPage(mock: Partial<OperatingModelApi>, path = '/') {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [operatingModelApiRef, mock],
        [catalogApiRef, catalogApiMock({ entities: [] })],
        [entityPresentationApiRef, entityPresentationApiMock()],
      ]}
    >
      <OperatingModelPage />
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('OperatingModelPage', () => {
  it('opens on every team and service', async () => {
    await renderPage(api());
    expect(
      await screen.findByRole('tab', { name: 'Teams and services' }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText('Every team and service')).toBeInTheDocument();
  });

  it('shows the selector and who-is-paged tab, and the leaders’ view on its tab', async () => {
    const mock = api();
    await renderPage(mock, '/?tab=selector');
    expect(await screen.findByText('Who is paged for…')).toBeInTheDocument();
    expect(mock.getLeaders).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('tab', { name: 'Leaders’ view' }));
    expect(
      await screen.findByRole('table', { name: 'Measures by team' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Bedroom team')).toBeInTheDocument();
    expect(screen.queryByText('Who is paged for…')).not.toBeInTheDocument();
  });

  it('opens the tab the address names', async () => {
    await renderPage(api(), '/?tab=leaders');
    expect(
      await screen.findByRole('table', { name: 'Measures by team' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Leaders’ view' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('lists the annotation problems on their own tab', async () => {
    const mock = api();
    mock.listServices = jest.fn().mockResolvedValue([
      assessedService({
        problems: [
          {
            annotation: 'operating-model.io/feature-demand',
            value: 'huge',
            message: '"huge" is not a feature demand band',
          },
        ],
      }),
    ]);
    await renderPage(mock, '/?tab=problems');
    expect(await screen.findByTestId('team-problems')).toHaveTextContent(
      '"huge" is not a feature demand band',
    );
    expect(
      screen.getByRole('tab', { name: 'Annotation problems' }),
    ).toHaveAttribute('aria-selected', 'true');
  });

  it('shows the data sources on their own tab', async () => {
    const mock = api();
    mock.getEventSources = jest.fn().mockResolvedValue([
      {
        id: 'github',
        kinds: ['deployments'],
        enabled: false,
        schedule: null,
        lastRunAt: null,
        lastSuccessAt: null,
        eventsWritten: 0,
        lastError: null,
        mapped: null,
        unmapped: [],
      },
    ]);
    await renderPage(mock, '/?tab=sources');
    expect(await screen.findByTestId('source-github')).toHaveTextContent(
      'operatingModel.sources.github',
    );
    expect(screen.getByRole('tab', { name: 'Data sources' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(mock.listServices).not.toHaveBeenCalled();
  });

  it('records a review read at /reviews/:source/:id', async () => {
    const mock = api();
    await renderPage(mock, '/reviews/confluence/PIR-1');
    expect(
      screen.getByText('Opening the post-incident review'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(mock.readReview).toHaveBeenCalledWith('confluence', 'PIR-1'),
    );
  });
});
