import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { readOperatingModelConfigFromObject } from '@operating-model/backstage-plugin-operating-model-common';
import { screen, within } from '@testing-library/react';
import { assessedService } from '../testServices';
import {
  OperatingModelSelectorChart,
  placeServices,
} from './OperatingModelSelectorChart';

const config = readOperatingModelConfigFromObject({});

const services = [
  assessedService(),
  assessedService({
    entityRef: 'component:default/ecommerce-platform',
    serviceClass: 'foundational-system',
    financialExposurePerHour: 810000,
    featureDemand: 'low',
    availabilityTarget: 99.9,
    deploymentTarget: 'monthly',
    operatingModel: {
      recommended: 'ops-run-it',
      declared: 'ops-run-it',
      trafficLight: 'red',
      leaning: null,
    },
    titles: {
      service: 'Ecommerce platform',
      owner: 'Operations',
      domain: 'Commerce',
      system: null,
    },
  }),
  assessedService({
    entityRef: 'component:default/appointments',
    financialExposurePerHour: 6000,
    featureDemand: 'high',
    availabilityTarget: 95.0,
    deploymentTarget: 'weekly',
    titles: {
      service: 'Appointments',
      owner: 'Appointments team',
      domain: 'Customer services',
      system: null,
    },
  }),
  assessedService({
    entityRef: 'component:default/delivery-tracking',
    featureDemand: null,
    deploymentTarget: null,
    titles: {
      service: 'Delivery tracking',
      owner: 'Aftercare team',
      domain: null,
      system: null,
    },
  }),
];

describe('placeServices', () => {
  it('places a service by feature demand and the target in force, and sets aside the rest', () => {
    const { placed, unplaced } = placeServices(
      services,
      ['low', 'medium', 'high', 'very-high'],
      config,
    );
    expect(
      placed.map(p => [p.service.titles.service, p.column, p.row]),
    ).toEqual([
      ['Bedroom shop', 3, 1],
      ['Ecommerce platform', 0, 2],
      ['Appointments', 2, 0],
    ]);
    expect(unplaced.map(s => s.titles.service)).toEqual(['Delivery tracking']);
  });
});

describe('OperatingModelSelectorChart', () => {
  it('colours regions by the model they suggest and links every placed service to its page', async () => {
    await renderInTestApp(
      <OperatingModelSelectorChart services={services} config={config} />,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    const chart = screen.getByRole('img', {
      name: 'Operating model selector with 3 services placed',
    });

    expect(screen.getByTestId('region-95-low')).toHaveAttribute(
      'data-model',
      'ops-run-it',
    );
    expect(screen.getByTestId('region-99.9-low')).toHaveAttribute(
      'data-model',
      'ops-run-it',
    );
    expect(screen.getByTestId('region-99-very-high')).toHaveAttribute(
      'data-model',
      'you-build-it-you-run-it',
    );
    expect(
      within(chart).getByRole('link', { name: 'Bedroom shop' }),
    ).toHaveAttribute('href', '/catalog/default/component/bedroom');
    expect(
      within(chart).getByRole('link', { name: 'Ecommerce platform' }),
    ).toBeInTheDocument();
    expect(within(chart).getByText('99.9%')).toBeInTheDocument();
    expect(within(chart).getByText('up to £7k/h')).toBeInTheDocument();
    expect(within(chart).getByText('Very high demand')).toBeInTheDocument();
    expect(screen.getByTestId('unplaced-services')).toHaveTextContent(
      'Delivery tracking',
    );
  });
});
