import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  LeadersMeasures,
  OperatingModelApi,
  operatingModelApiRef,
} from '../../api';
import { VIEW_TEST_TIMEOUT_MS } from '../__testUtils__/timeouts';
import { entityMeasures } from '../testMeasures';
import { LeadersView } from './LeadersView';

const NOW = new Date('2026-11-24T12:00:00Z');

function leaders(groupBy: 'team' | 'domain'): LeadersMeasures {
  const row = (
    ref: string,
    title: string,
    perWeek: number | null,
    met: number,
    notMet: number,
    withTarget: number,
  ) =>
    entityMeasures({
      entityRef: ref,
      title,
      services: [],
      deploymentFrequency: {
        perWeek,
        per30Days: null,
        target: null,
        targetMet: null,
        count: perWeek === null ? 0 : 5,
      },
      availability: {
        ratio: perWeek === null ? null : 0.999,
        target: null,
        targetMet: null,
        count: perWeek === null ? 0 : 5,
      },
      targets: {
        deploymentFrequency: { withTarget, met, notMet },
        availability: {
          withTarget,
          met: withTarget - notMet - (perWeek === null ? withTarget : 0),
          notMet,
        },
      },
    });
  const items =
    groupBy === 'team'
      ? [
          row('group:default/bedroom-team', 'Bedroom team', 7, 2, 0, 2),
          row('group:default/kitchen-team', 'Kitchen team', 1.5, 0, 1, 1),
          row(
            'group:default/appointments-team',
            'Appointments team',
            null,
            0,
            0,
            1,
          ),
        ]
      : [row('domain:default/furnishing', 'Furnishing', 8.5, 2, 1, 3)];
  return {
    groupBy,
    from: '2026-08-26T12:00:00.000Z',
    to: '2026-11-24T12:00:00.000Z',
    items,
    organisation: row('organisation', 'organisation', 8.5, 2, 1, 4),
  };
}

async function renderView(
  api: Partial<OperatingModelApi>,
  onDownload = jest.fn(),
) {
  await renderInTestApp(
    <TestApiProvider apis={[[operatingModelApiRef, api]]}>
      <LeadersView now={NOW} onDownload={onDownload} />
    </TestApiProvider>,
  );
  return onDownload;
}

const firstCells = () =>
  screen
    .getAllByTestId('leaders-row')
    .map(row => within(row).getAllByRole('cell')[0].textContent);

describe('LeadersView', () => {
  // Each test renders the whole table, a cell per column of every row, and re-renders it on
  // every click.
  jest.setTimeout(VIEW_TEST_TIMEOUT_MS);

  it('lists every team with traffic lights on the target columns and the organisation last', async () => {
    const getLeaders = jest.fn(async (groupBy: 'team' | 'domain') =>
      leaders(groupBy),
    );
    await renderView({ getLeaders });
    const table = await screen.findByRole('table', {
      name: 'Measures by team',
    });
    expect(getLeaders).toHaveBeenCalledWith('team', {
      from: new Date('2026-08-26T12:00:00Z'),
      to: NOW,
    });
    expect(firstCells()).toEqual([
      'Appointments team',
      'Bedroom team',
      'Kitchen team',
    ]);

    const [appointments, bedroom, kitchen] =
      screen.getAllByTestId('leaders-row');
    const cell = (row: HTMLElement, text: string) =>
      within(row)
        .getAllByRole('cell')
        .find(c => c.textContent === text)!;
    expect(cell(bedroom, '2 of 2 meet')).toHaveAttribute('data-light', 'met');
    expect(cell(kitchen, '0 of 1 meet')).toHaveAttribute(
      'data-light',
      'missed',
    );
    expect(cell(appointments, '0 of 1 meet')).toHaveAttribute(
      'data-light',
      'no-data',
    );
    expect(within(appointments).getAllByText('No data').length).toBeGreaterThan(
      0,
    );
    expect(within(table).getByTestId('leaders-organisation')).toHaveTextContent(
      'Whole organisation',
    );
  });

  it('shows the DORA level of the four key metrics, with the report year, and the change failure rate', async () => {
    const data = leaders('team');
    data.items[0] = {
      ...data.items[0],
      changeFailureRate: { ratio: 0.125, count: 8 },
      failedDeploymentRecoveryMinutes: { median: 90, p90: 120, count: 1 },
      dora: {
        reportYear: 2024,
        deploymentFrequency: 'elite',
        leadTime: 'high',
        changeFailureRate: 'medium',
        failedDeploymentRecovery: 'low',
      },
    };
    await renderView({ getLeaders: jest.fn().mockResolvedValue(data) });
    await screen.findByRole('table', { name: 'Measures by team' });

    const headers = screen.getAllByRole('columnheader').map(h => h.textContent);
    const column = (title: string) => {
      const index = headers.indexOf(title);
      expect(index).toBeGreaterThanOrEqual(0);
      return (row: HTMLElement) =>
        within(row).getAllByRole('cell')[index].textContent;
    };
    const [appointments, bedroom] = screen.getAllByTestId('leaders-row');
    // Throughput is shown with the delivery figures, stability with the reliability figures.
    expect(
      ['DORA 2024: deployment frequency', 'DORA 2024: lead time'].map(title =>
        column(title)(bedroom),
      ),
    ).toEqual(['Elite', 'High']);
    expect(column('DORA 2024: deployment frequency')(appointments)).toBe(
      'No data',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Reliability' }));
    headers.splice(
      0,
      headers.length,
      ...screen.getAllByRole('columnheader').map(h => h.textContent),
    );
    const [, bedroomNow] = screen.getAllByTestId('leaders-row');
    expect(
      ['DORA 2024: change failure rate', 'DORA 2024: recovery'].map(title =>
        column(title)(bedroomNow),
      ),
    ).toEqual(['Medium', 'Low']);
    expect(column('Change failure rate')(bedroomNow)).toBe('12.5%');
    expect(
      column('Change failure rate')(screen.getAllByTestId('leaders-row')[0]),
    ).toBe('No data');
    expect(column('Failed-deployment recovery (median)')(bedroomNow)).toBe(
      '1 h 30 min',
    );
    expect(screen.getByTestId('dora-caption')).toHaveTextContent(
      'clusters of the DORA 2024 report',
    );
  });

  it('sorts by any column, both ways, with no data last', async () => {
    await renderView({
      getLeaders: jest.fn(async (groupBy: 'team' | 'domain') =>
        leaders(groupBy),
      ),
    });
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('button', { name: 'Deployments a week' }));
    expect(firstCells()).toEqual([
      'Kitchen team',
      'Bedroom team',
      'Appointments team',
    ]);
    fireEvent.click(screen.getByRole('button', { name: /Deployments a week/ }));
    expect(firstCells()).toEqual([
      'Bedroom team',
      'Kitchen team',
      'Appointments team',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Team' }));
    expect(firstCells()).toEqual([
      'Appointments team',
      'Bedroom team',
      'Kitchen team',
    ]);
    fireEvent.click(screen.getByRole('button', { name: /^Team/ }));
    expect(firstCells()).toEqual([
      'Kitchen team',
      'Bedroom team',
      'Appointments team',
    ]);
  });

  it('shows one group of figures at a time beside the name, and downloads every column as CSV, rows as shown', async () => {
    const onDownload = await renderView({
      getLeaders: jest.fn(async (groupBy: 'team' | 'domain') =>
        leaders(groupBy),
      ),
    });
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('button', { name: 'Deployments a week' }));

    // Each group's columns as shown, with every row's cells under them.
    const shown = new Map<string, string[]>();
    const seen: string[] = [];
    for (const group of ['Delivery', 'Reliability', 'Learning']) {
      fireEvent.click(screen.getByRole('button', { name: group }));
      const headers = screen
        .getAllByRole('columnheader')
        .map(h => h.textContent!);
      expect(headers.slice(0, 2)).toEqual(['Team', 'Services']);
      const rows = [
        ...screen.getAllByTestId('leaders-row'),
        screen.getByTestId('leaders-organisation'),
      ].map(row =>
        within(row)
          .getAllByRole('cell')
          .map(c => c.textContent!),
      );
      headers.forEach((header, i) => {
        if (i >= 2) seen.push(header);
        shown.set(
          header,
          rows.map(cells => cells[i]),
        );
      });
    }
    expect(new Set(seen).size).toBe(seen.length);

    fireEvent.click(screen.getByRole('button', { name: /Download CSV/ }));
    expect(onDownload).toHaveBeenCalledTimes(1);
    const [filename, csv] = onDownload.mock.calls[0];
    expect(filename).toBe(
      'operating-model-measures-by-team-90-days-to-2026-11-24.csv',
    );
    const lines = (csv as string)
      .trimEnd()
      .split('\r\n')
      .map(line => line.split(','));
    expect(lines[0]).toEqual(['Team', 'Services', ...seen]);
    lines[0].forEach((header, i) => {
      expect(lines.slice(1).map(line => line[i])).toEqual(shown.get(header));
    });
    expect(lines[1][0]).toBe('Kitchen team');
    expect(lines[4][0]).toBe('Whole organisation');
  });

  it('switches to domains', async () => {
    const getLeaders = jest.fn(async (groupBy: 'team' | 'domain') =>
      leaders(groupBy),
    );
    await renderView({ getLeaders });
    await screen.findByRole('table', { name: 'Measures by team' });
    fireEvent.click(screen.getByRole('button', { name: 'By domain' }));
    expect(
      await screen.findByRole('table', { name: 'Measures by domain' }),
    ).toBeInTheDocument();
    expect(getLeaders).toHaveBeenLastCalledWith('domain', expect.anything());
    expect(firstCells()).toEqual(['Furnishing']);
    expect(
      screen.getByRole('columnheader', { name: 'Domain' }),
    ).toBeInTheDocument();
  });

  it('says when there are no teams, and shows a failed request', async () => {
    await renderView({
      getLeaders: jest
        .fn()
        .mockResolvedValue({ ...leaders('team'), items: [] }),
    });
    expect(
      await screen.findByText('No teams own assessed services yet'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Download CSV/ })).toBeDisabled();
  });

  it('shows the error when the view cannot be loaded', async () => {
    await renderView({
      getLeaders: jest.fn().mockRejectedValue(new Error('backend down')),
    });
    await waitFor(() =>
      expect(
        screen.getByText(/The leaders' view could not be loaded/),
      ).toBeInTheDocument(),
    );
  });
});
