import {
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  OnCallCostReport,
  OnCallCostRow,
} from '@operating-model/backstage-plugin-operating-model-common';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { OperatingModelApi, operatingModelApiRef } from '../../api';
import { entityPresentationApiMock } from '../testPeople';
import { OnCallCostView } from './OnCallCostView';

const NOW = new Date('2026-11-24T12:00:00Z');

function row(overrides: Partial<OnCallCostRow>): OnCallCostRow {
  return {
    entityRef: 'group:default/bedroom-team',
    title: 'Bedroom team',
    kind: 'team',
    services: [],
    outOfHoursRota: false,
    coveredOutOfHours: [],
    participants: 3,
    standbyCost: 0,
    calloutIncidents: 0,
    calloutHours: 0,
    calloutCost: 0,
    total: 0,
    funding: {
      group: 'group:default/bedroom-team',
      budgetHolder: 'head-of-product',
      source: 'annotation',
    },
    problems: [],
    ...overrides,
  };
}

function report(overrides: Partial<OnCallCostReport> = {}): OnCallCostReport {
  return {
    from: '2026-08-26T12:00:00.000Z',
    to: '2026-11-24T12:00:00.000Z',
    currency: 'GBP',
    weeks: 12.857142857,
    remuneration: {
      model: 'standby-and-callout',
      standbyPerWeek: 350,
      calloutPerHour: 60,
    },
    teams: [
      row({ services: ['component:default/bedroom'] }),
      row({
        entityRef: 'group:default/operations',
        title: 'Operations',
        outOfHoursRota: true,
        coveredOutOfHours: ['component:default/ecommerce-platform'],
        standbyCost: 4500,
        calloutIncidents: 2,
        calloutHours: 3.5,
        calloutCost: 210,
        total: 4710,
        funding: {
          group: 'group:default/operations',
          budgetHolder: 'head-of-operations',
          source: 'annotation',
        },
      }),
      row({
        entityRef: 'group:default/kitchen-team',
        title: 'Kitchen team',
        funding: {
          group: 'group:default/kitchen-team',
          budgetHolder: 'head-of-delivery',
          source: 'config',
        },
      }),
    ],
    domains: [
      row({
        entityRef: 'domain:default/furnishing',
        title: 'Furnishing',
        kind: 'domain',
        outOfHoursRota: true,
        coveredOutOfHours: [
          'component:default/bedroom',
          'component:default/kitchen-planner',
        ],
        participants: 5,
        standbyCost: 4500,
        total: 4500,
        funding: {
          group: 'group:default/bedroom-team',
          budgetHolder: 'head-of-product',
          source: 'annotation',
        },
        problems: [
          'domain:default/cooking has no operating-model.io/on-call-budget-holder annotation',
        ],
      }),
    ],
    totals: { standby: 9000, callout: 210, total: 9210 },
    whatIf: {
      weeks: 12.857142857,
      standbyPerWeek: 350,
      linear: { rotas: 3, teams: [], perWeek: 1050, standbyCost: 13500 },
      bands: {
        rotas: 2,
        teamRotas: ['group:default/operations'],
        domainRotas: ['domain:default/furnishing'],
        perWeek: 700,
        standbyCost: 9000,
      },
      difference: 4500,
    },
    ...overrides,
  };
}

async function renderView(api: Partial<OperatingModelApi>) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [operatingModelApiRef, api],
        [entityPresentationApiRef, entityPresentationApiMock()],
      ]}
    >
      <OnCallCostView now={NOW} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('OnCallCostView', () => {
  it('shows each team and domain with standby, callout, total and who funds it', async () => {
    const getOnCallCosts = jest.fn().mockResolvedValue(report());
    await renderView({ getOnCallCosts });
    expect(await screen.findByTestId('cost-total')).toHaveTextContent('£9.21k');
    expect(getOnCallCosts).toHaveBeenCalledWith({
      from: new Date('2026-08-26T12:00:00Z'),
      to: NOW,
    });
    expect(
      screen.getByText(
        /Standby is paid at £350 a week and callouts at £60 an hour/,
      ),
    ).toBeInTheDocument();

    const teams = screen.getByRole('table', { name: 'On-call cost by team' });
    const operations = within(teams).getByText('Operations').closest('tr')!;
    expect(operations).toHaveTextContent('Covers 1 service');
    expect(operations).toHaveTextContent('£4.5k');
    expect(operations).toHaveTextContent('£210');
    expect(operations).toHaveTextContent('2 incidents, 3.5 h');
    expect(operations).toHaveTextContent('£4.71k');
    expect(operations).toHaveTextContent('Head of Operations');
    expect(
      within(teams).getByText('Kitchen team').closest('tr'),
    ).toHaveTextContent('Head of Delivery (default)');
    expect(
      within(teams).getByText('Bedroom team').closest('tr'),
    ).toHaveTextContent('None');

    const domains = screen.getByRole('table', {
      name: 'On-call cost by domain',
    });
    const furnishing = within(domains).getByText('Furnishing').closest('tr')!;
    expect(furnishing).toHaveTextContent('Covers 2 services');
    expect(furnishing).toHaveTextContent('Head of Product');
    expect(furnishing).toHaveTextContent('through Bedroom team');
    expect(
      screen.getByText(
        /has no operating-model.io\/on-call-budget-holder annotation/,
      ),
    ).toBeInTheDocument();
  });

  it('sets the linear run cost what-if beside the rotas the bands call for', async () => {
    await renderView({ getOnCallCosts: jest.fn().mockResolvedValue(report()) });
    const whatIf = await screen.findByTestId('linear-what-if');
    expect(whatIf).toHaveTextContent(
      'Every team with out-of-hours cover on its own rota£1.05k a week3 rotas; £13.5k over the window',
    );
    expect(whatIf).toHaveTextContent(
      'The rotas the exposure bands call for£700 a week2 rotas (1 team, 1 domain); £9k over the window',
    );
    expect(whatIf).toHaveTextContent(
      'Selecting schedules on exposure saves£4.5k',
    );
  });

  it('says when the bands cost more, and when only standby is paid', async () => {
    const base = report();
    await renderView({
      getOnCallCosts: jest.fn().mockResolvedValue(
        report({
          remuneration: { ...base.remuneration, model: 'standby-only' },
          whatIf: { ...base.whatIf, difference: -350 },
        }),
      ),
    });
    expect(await screen.findByTestId('linear-what-if')).toHaveTextContent(
      'Selecting schedules on exposure costs more here by£350',
    );
    expect(
      screen.getByText(/Standby only, at £350 a week; callouts are not paid/),
    ).toBeInTheDocument();
  });

  it('asks again for another window', async () => {
    const getOnCallCosts = jest.fn().mockResolvedValue(report());
    await renderView({ getOnCallCosts });
    await screen.findByTestId('cost-total');
    fireEvent.mouseDown(screen.getByRole('button', { name: /Window/ }));
    fireEvent.click(
      await screen.findByRole('option', { name: 'Last 30 days' }),
    );
    await waitFor(() =>
      expect(getOnCallCosts).toHaveBeenLastCalledWith({
        from: new Date('2026-10-25T12:00:00Z'),
        to: NOW,
      }),
    );
  });

  it('says why there is no cost when no team or domain runs an out-of-hours rota', async () => {
    await renderView({
      getOnCallCosts: jest.fn().mockResolvedValue(
        report({
          teams: [row({})],
          domains: [],
          totals: { standby: 0, callout: 0, total: 0 },
        }),
      ),
    });
    expect(
      await screen.findByText('No out-of-hours rota to pay for'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/every service’s out-of-hours level is none/),
    ).toBeInTheDocument();
    // The what-if still says what the rotas would cost.
    expect(screen.getByTestId('linear-what-if')).toBeInTheDocument();
  });

  it('shows an error from the backend', async () => {
    await renderView({
      getOnCallCosts: jest
        .fn()
        .mockRejectedValue(new Error('to: must be after from')),
    });
    expect(
      (await screen.findAllByText(/to: must be after from/)).length,
    ).toBeGreaterThan(0);
  });
});
