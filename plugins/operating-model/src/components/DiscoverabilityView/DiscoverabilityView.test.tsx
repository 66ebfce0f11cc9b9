/* eslint-disable no-script-url -- these tests store script URLs on purpose, to see that none is followed */
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { Directory } from '@internal/plugin-operating-model-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperatingModelApi, operatingModelApiRef } from '../../api';
import { DiscoverabilityView } from './DiscoverabilityView';
import { directoryService, largeDirectory, smallDirectory } from './testDirectory';

async function renderView(api: Partial<OperatingModelApi>, height = 600) {
  await renderInTestApp(
    <TestApiProvider apis={[[operatingModelApiRef, api]]}>
      <DiscoverabilityView height={height} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const rowTitles = () =>
  screen.queryAllByTestId('directory-row').map(row => within(row).getAllByRole('cell')[0].querySelector('a, span')!.textContent);

async function renderSmall() {
  const getDirectory = jest.fn().mockResolvedValue(smallDirectory());
  await renderView({ getDirectory });
  await screen.findAllByTestId('directory-row');
  return getDirectory;
}

describe('DiscoverabilityView', () => {
  it('shows per service the owner, model, targets, who is on call, incident links and measures', async () => {
    await renderSmall();
    expect(rowTitles()).toEqual(['Bedroom shop', 'Kitchen planner', 'Legacy ERP', 'Payments', 'Refunds']);

    const bedroom = within(screen.getAllByTestId('directory-row')[0]);
    expect(bedroom.getByText('Bedroom shop').closest('a')).toHaveAttribute('href', '/catalog/default/component/bedroom');
    expect(bedroom.getByText('Bedroom team').closest('a')).toHaveAttribute('href', '/catalog/default/group/bedroom-team');
    expect(bedroom.getByText('You Build It You Run It')).toBeInTheDocument();
    expect(bedroom.getByText('99.0% · Daily')).toBeInTheDocument();
    expect(bedroom.getByText('domain out of hours')).toBeInTheDocument();
    expect(bedroom.getByText('Alice Smith').closest('a')).toHaveAttribute('href', '/catalog/default/user/alice');
    expect(bedroom.getByText('email').closest('a')).toHaveAttribute('href', 'mailto:alice@example.com');
    expect(bedroom.getByText('Runbook').closest('a')).toHaveAttribute('href', 'https://wiki.example/runbooks/bedroom');
    expect(bedroom.getByText('Incident channel').closest('a')).toHaveAttribute('href', 'https://chat.example/inc-bedroom');
    expect(bedroom.getByLabelText('Deployment frequency: met')).toHaveTextContent('31 deploys');
    expect(bedroom.getByLabelText('Availability: met')).toHaveTextContent('99.31% up');

    const kitchen = within(screen.getAllByTestId('directory-row')[1]);
    expect(kitchen.getByText('Nobody now')).toBeInTheDocument();
    expect(kitchen.getByText(/Dan Brown from Thu/)).toBeInTheDocument();
    expect(kitchen.getByText('No runbook')).toBeInTheDocument();
    expect(kitchen.getByLabelText('Deployment frequency: missed')).toBeInTheDocument();
    expect(kitchen.getByLabelText('Availability: no data')).toHaveTextContent('no availability data');

    const legacy = within(screen.getAllByTestId('directory-row')[2]);
    expect(legacy.getByText('owner is a person')).toBeInTheDocument();
    const refunds = within(screen.getAllByTestId('directory-row')[4]);
    expect(refunds.getByText('Ops Run It')).toBeInTheDocument();
    expect(refunds.getByText('recommended: You Build It You Run It')).toBeInTheDocument();
    expect(refunds.getByText('1 annotation problem')).toBeInTheDocument();
  });

  it('searches as you type across services, teams, domains and people', async () => {
    await renderSmall();
    const search = screen.getByRole('textbox', { name: 'Search services, teams, domains and people' });
    await userEvent.type(search, 'priya');
    await waitFor(() => expect(rowTitles()).toEqual(['Payments', 'Refunds']));
    expect(screen.getByTestId('directory-count')).toHaveTextContent('2 of 5 services');

    await userEvent.clear(search);
    await userEvent.type(search, 'erin');
    await waitFor(() => expect(rowTitles()).toEqual(['Kitchen planner']));

    await userEvent.clear(search);
    await userEvent.type(search, 'nothing like this');
    expect(await screen.findByText(/No service matches/)).toBeInTheDocument();
  });

  it('filters by availability target, out-of-hours level, model and problems', async () => {
    await renderSmall();
    await userEvent.click(screen.getByRole('button', { name: /Availability target/ }));
    await userEvent.click(await screen.findByRole('option', { name: '99.9%' }));
    await waitFor(() => expect(rowTitles()).toEqual(['Payments']));

    await userEvent.click(screen.getByRole('button', { name: /Availability target/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Any' }));
    await userEvent.click(screen.getByRole('button', { name: /Out of hours/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'None' }));
    await waitFor(() => expect(rowTitles()).toEqual(['Kitchen planner']));

    await userEvent.click(screen.getByRole('button', { name: /Out of hours/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Any' }));
    await userEvent.click(screen.getByRole('button', { name: /Operating model/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Ops Run It' }));
    await waitFor(() => expect(rowTitles()).toEqual(['Legacy ERP', 'Refunds']));

    await userEvent.click(screen.getByRole('checkbox', { name: 'Has problems' }));
    await waitFor(() => expect(rowTitles()).toEqual(['Legacy ERP', 'Refunds']));
    await userEvent.click(screen.getByRole('button', { name: /Operating model/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Any' }));
    await waitFor(() => expect(rowTitles()).toEqual(['Legacy ERP', 'Refunds']));
  });

  it('filters by team and domain', async () => {
    await renderSmall();
    const team = screen.getByRole('textbox', { name: 'Team' });
    await userEvent.type(team, 'Kitch');
    await userEvent.click(await screen.findByRole('option', { name: 'Kitchen team' }));
    await waitFor(() => expect(rowTitles()).toEqual(['Kitchen planner']));

    await userEvent.click(within(team.closest('.MuiAutocomplete-root') as HTMLElement).getByTitle('Clear'));
    await waitFor(() => expect(rowTitles()).toHaveLength(5));
    await userEvent.type(screen.getByRole('textbox', { name: 'Domain' }), 'Check');
    await userEvent.click(await screen.findByRole('option', { name: 'Checkout' }));
    await waitFor(() => expect(rowTitles()).toEqual(['Payments', 'Refunds']));
  });

  it('groups by team with the team’s people, and by domain with its teams', async () => {
    await renderSmall();
    await userEvent.click(screen.getByRole('button', { name: /Group by/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Team' }));
    const headings = await screen.findAllByTestId('directory-heading');
    expect(headings.map(h => h.querySelector('a, span')!.textContent)).toEqual([
      'Bedroom team',
      'Kitchen team',
      'Payments team',
      'Zoe',
    ]);
    expect(headings[0]).toHaveTextContent('People: Alice Smith <alice@example.com>, Bob Jones <bob@example.com>');
    expect(headings[2]).toHaveTextContent('2 services');

    await userEvent.click(screen.getByRole('button', { name: /Group by/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Domain' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('directory-heading').map(h => h.querySelector('a, span')!.textContent)).toEqual([
        'Checkout',
        'Furnishing',
        'No domain',
      ]),
    );
    expect(screen.getAllByTestId('directory-heading')[1]).toHaveTextContent('Teams: Bedroom team, Kitchen team');
  });

  it('renders only a window of rows of 10,000 services, and finds one by name', async () => {
    const getDirectory = jest.fn().mockResolvedValue(largeDirectory(10_000) as Directory);
    await renderView({ getDirectory }, 600);
    const rows = await screen.findAllByTestId('directory-row');
    expect(screen.getByTestId('directory-count')).toHaveTextContent('10,000 services');
    // 600 px of 68 px rows and a few rows of overscan: nowhere near 10,000.
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(25);
    expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '10000');

    await userEvent.type(screen.getByRole('textbox', { name: /Search/ }), 'service 01876-3');
    // Typing is debounced and filters 10,000 rows: give a busy test machine time to catch up.
    await waitFor(() => expect(rowTitles()).toEqual(['Service 01876-3']), { timeout: 10_000 });
  }, 30_000);

  it('does not link to a runbook or channel that is not an http: or https: address', async () => {
    const directory = smallDirectory();
    directory.services = [
      directoryService({ links: { runbook: 'javascript:alert(1)', incidentChannel: 'data:text/html,hi' } }),
    ];
    await renderView({ getDirectory: jest.fn().mockResolvedValue(directory) });
    const row = within(await screen.findByTestId('directory-row'));
    expect(row.getByText('Runbook (not a web link)')).toBeInTheDocument();
    expect(row.getByText('Incident channel (not a web link)')).toBeInTheDocument();
    expect(row.queryByRole('link', { name: /Runbook|Incident channel/ })).not.toBeInTheDocument();
  });

  it('shows the error when the directory cannot be loaded', async () => {
    const getDirectory = jest.fn().mockRejectedValue(
      await ResponseError.fromResponse(new Response('{"error":{"name":"ServiceUnavailableError","message":"not read yet"}}', { status: 503, statusText: 'Service Unavailable' }) as any),
    );
    await renderView({ getDirectory });
    expect((await screen.findAllByText(/not read yet/)).length).toBeGreaterThan(0);
  });
});
