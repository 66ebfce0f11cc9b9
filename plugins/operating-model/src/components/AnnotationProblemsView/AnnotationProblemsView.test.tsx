import { configApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  MockConfigApi,
  TestApiProvider,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { OperatingModelApi, operatingModelApiRef } from '../../api';
import { assessedService } from '../testServices';
import { AnnotationProblemsView } from './AnnotationProblemsView';

const missingExposure = {
  annotation: 'operating-model.io/financial-exposure',
  value: '',
  message:
    'The annotation is missing; expected the most money the service can lose in one hour of unavailability',
};
const hugeDemand = {
  annotation: 'operating-model.io/feature-demand',
  value: 'huge',
  message:
    '"huge" is not a feature demand band; expected one of low, medium, high, very-high',
};

const services = [
  assessedService(),
  assessedService({
    entityRef: 'component:default/delivery-tracking',
    owner: 'group:default/aftercare-team',
    problems: [hugeDemand],
    titles: {
      service: 'Delivery tracking',
      owner: 'Aftercare team',
      domain: null,
      system: null,
    },
  }),
  assessedService({
    entityRef: 'component:default/assembly-booking',
    owner: 'group:default/aftercare-team',
    problems: [
      missingExposure,
      {
        annotation: 'operating-model.io/service-telemetry',
        value: 'Partly',
        message: '"Partly" is not an answer',
      },
    ],
    titles: {
      service: 'Assembly booking',
      owner: 'Aftercare team',
      domain: null,
      system: null,
    },
  }),
  assessedService({
    entityRef: 'component:default/wishlist',
    owner: 'group:default/bedroom-team',
    problems: [
      {
        annotation: 'operating-model.io/financial-exposure',
        value: '£20K',
        message: '"£20K" is not an amount per hour',
      },
    ],
    titles: {
      service: 'Wishlist',
      owner: 'Bedroom team',
      domain: null,
      system: null,
    },
  }),
  assessedService({
    entityRef: 'component:default/orphan',
    owner: null,
    problems: [missingExposure],
    titles: { service: 'Orphan', owner: null, domain: null, system: null },
  }),
];

async function renderView(api: Partial<OperatingModelApi>) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [operatingModelApiRef, api],
        [
          configApiRef,
          new MockConfigApi({ operatingModel: { currency: 'GBP' } }),
        ],
      ]}
    >
      <AnnotationProblemsView />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

function rowsOf(team: HTMLElement): string[][] {
  return within(team)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent ?? ''),
    );
}

describe('AnnotationProblemsView', () => {
  it('lists every problem by owning team, with the value as written and the line to write', async () => {
    await renderView({ listServices: jest.fn().mockResolvedValue(services) });
    const teams = await screen.findAllByTestId('team-problems');
    expect(teams.map(team => team.dataset.owner)).toEqual([
      'group:default/aftercare-team',
      'group:default/bedroom-team',
      '',
    ]);
    expect(screen.getByTestId('problems-summary')).toHaveTextContent(
      '5 problems in 4 services of 2 teams and services with no owner.',
    );

    const aftercare = teams[0];
    expect(
      within(aftercare).getByRole('link', { name: 'Aftercare team' }),
    ).toHaveAttribute('href', '/catalog/default/group/aftercare-team');
    expect(aftercare).toHaveTextContent('3 problems in 2 services');
    const rows = rowsOf(aftercare);
    expect(rows.map(row => row.slice(0, 3))).toEqual([
      ['Assembly booking', 'operating-model.io/financial-exposure', 'missing'],
      ['Assembly booking', 'operating-model.io/service-telemetry', 'Partly'],
      ['Delivery tracking', 'operating-model.io/feature-demand', 'huge'],
    ]);
    expect(rows[0][3]).toBe(missingExposure.message);
    expect(rows[0][4]).toMatch(
      /^operating-model.io\/financial-exposure: "200K".*The value is an example; write the service’s own\. Add the most money/,
    );
    expect(rows[1][4]).toMatch(
      /^operating-model.io\/service-telemetry: "partial"/,
    );
    expect(rows[1][4]).not.toMatch(/example/);
    expect(rows[2][4]).toMatch(
      /^operating-model.io\/feature-demand: "low".*Choose the band .*very-high \(daily deployments\)/,
    );
    expect(
      within(aftercare).getByRole('link', { name: 'Delivery tracking' }),
    ).toHaveAttribute('href', '/catalog/default/component/delivery-tracking');

    expect(rowsOf(teams[1])[0][4]).toMatch(
      /^operating-model.io\/financial-exposure: "20K".*currency \(GBP\)/,
    );
    expect(teams[2]).toHaveTextContent('No owning team');
    expect(teams[2]).toHaveTextContent(
      '1 problem in 1 service without spec.owner',
    );
    expect(rowsOf(teams[2]).map(row => row[0])).toEqual(['Orphan']);
    expect(
      screen.getByRole('button', {
        name: 'Copy operating-model.io/feature-demand: "low"',
      }),
    ).toBeInTheDocument();
  });

  it('says so when every service can be read', async () => {
    await renderView({
      listServices: jest.fn().mockResolvedValue([assessedService()]),
    });
    expect(
      await screen.findByText('No annotation problems'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Every one of the 1 assessed service has/),
    ).toBeInTheDocument();
  });

  it('shows the error when the services cannot be loaded', async () => {
    await renderView({
      listServices: jest.fn().mockRejectedValue(new Error('backend down')),
    });
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });
});
