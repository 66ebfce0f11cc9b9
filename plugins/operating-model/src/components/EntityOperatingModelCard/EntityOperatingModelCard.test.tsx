/* eslint-disable no-script-url -- these tests store script URLs on purpose, to see that none is followed */
import { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  MockConfigApi,
  TestApiProvider,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { ResponseError } from '@backstage/errors';
import {
  OnCallResult,
  OperatingModelApi,
  operatingModelApiRef,
} from '../../api';
import { assessedService } from '../testServices';
import { EntityOperatingModelCard } from './EntityOperatingModelCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'bedroom', namespace: 'default' },
  spec: { type: 'service', owner: 'bedroom-team', lifecycle: 'production' },
};

const onCallNow: OnCallResult = {
  entityRef: 'component:default/bedroom',
  at: '2026-11-04T12:00:00.000Z',
  period: 'working-hours',
  schedule: 'team',
  person: 'user:default/alice',
  shiftEnd: '2026-11-09T09:00:00.000Z',
  periodEnd: '2026-11-04T17:30:00.000Z',
  next: null,
  rotas: {
    team: 'group:default/bedroom-team',
    domain: 'domain:default/furnishing',
  },
  workingHours: {
    timezone: 'Europe/London',
    days: 'Mon-Fri',
    start: '09:00',
    end: '17:30',
  },
};

async function renderCard(api: Partial<OperatingModelApi>) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          operatingModelApiRef,
          { getOnCall: jest.fn().mockResolvedValue(onCallNow), ...api },
        ],
        [
          configApiRef,
          new MockConfigApi({ operatingModel: { currency: 'GBP' } }),
        ],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityOperatingModelCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityOperatingModelCard', () => {
  it('shows the model, targets, on-call levels and the next peak event', async () => {
    const getService = jest.fn().mockResolvedValue(assessedService());
    await renderCard({ getService });

    expect(
      await screen.findByText('You Build It You Run It'),
    ).toBeInTheDocument();
    expect(getService).toHaveBeenCalledWith('component:default/bedroom');
    expect(screen.getByText('99.0%')).toBeInTheDocument();
    expect(
      screen.getByText(/tolerable unavailability 1:40:48 a week/),
    ).toBeInTheDocument();
    expect(screen.getByText('Daily')).toBeInTheDocument();
    expect(screen.getByText('£200k an hour')).toBeInTheDocument();
    // The escalation path below names the team too.
    expect(
      within(screen.getByTestId('operating-model-summary')).getByText(
        'Bedroom team',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('the Furnishing domain schedule'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Black Friday/)).toHaveTextContent(
      'no peak exposure declared, so the target stays the same',
    );
    expect(screen.getByRole('link', { name: /Runbook/ })).toHaveAttribute(
      'href',
      'https://wiki.example/runbooks/bedroom',
    );
    expect(screen.queryByText('Declared model')).not.toBeInTheDocument();
    expect(await screen.findByTestId('paged-now')).toHaveTextContent(
      /^Paged now: alice: working hours, bedroom-team rota, until .+/,
    );
    expect(
      screen.getByText('Out of hours: the domain schedule'),
    ).toBeInTheDocument();
  });

  it('shows the declared model beside the recommendation, with the traffic light, when they differ', async () => {
    await renderCard({
      getService: jest.fn().mockResolvedValue(
        assessedService({
          operatingModel: {
            recommended: 'you-build-it-you-run-it',
            declared: 'ops-run-it',
            trafficLight: 'red',
            leaning: null,
          },
          deploymentTarget: 'fortnightly',
        }),
      ),
    });
    expect(await screen.findByText('Declared model')).toBeInTheDocument();
    expect(
      screen.getByText(/Ops Run It — differs from the recommendation/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Red: keep it under Ops Run It for now'),
    ).toBeInTheDocument();
  });

  it('says in plain words what the peak event does and lists every problem and warning', async () => {
    await renderCard({
      getService: jest.fn().mockResolvedValue(
        assessedService({
          peakFinancialExposurePerHour: 700000,
          onCall: { workingHours: 'team', outOfHours: 'none' },
          problems: [
            {
              annotation: 'operating-model.io/feature-demand',
              value: 'huge',
              message:
                '"huge" is not a feature demand band; expected one of low, medium, high, very-high',
            },
          ],
          warnings: [
            {
              code: 'exposure-above-highest-band',
              message: 'Exposure is above the highest band',
            },
          ],
        }),
      ),
    });
    expect(
      await screen.findByText(
        /peak exposure £700k an hour: 99.9% while it lasts/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('nobody: callouts wait until the next working day'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/"huge" is not a feature demand band/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Error: 1 annotation problem to fix in catalog-info.yaml',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('problem-fix')).toHaveTextContent(
      /^operating-model.io\/feature-demand: "low"The value is an example; write the service’s own\. Choose the band/,
    );
    expect(
      screen.getByText('Exposure is above the highest band'),
    ).toBeInTheDocument();
  });

  it('shows a service missing its financial exposure, with what can still be worked out and the line to add', async () => {
    await renderCard({
      getService: jest.fn().mockResolvedValue(
        assessedService({
          financialExposurePerHour: null,
          availabilityTarget: null,
          tolerableUnavailabilitySecondsPerWeek: null,
          onCall: { workingHours: 'team', outOfHours: null },
          problems: [
            {
              annotation: 'operating-model.io/financial-exposure',
              value: '',
              message:
                'The annotation is missing; expected the most money the service can lose in one hour of unavailability',
            },
          ],
        }),
      ),
    });
    expect(await screen.findByText('Availability target')).toBeInTheDocument();
    expect(screen.getByText('Daily')).toBeInTheDocument();
    expect(
      screen.getByText('unknown until the financial exposure can be read'),
    ).toBeInTheDocument();
    expect(screen.getByText(/The annotation is missing/)).toHaveTextContent(
      'operating-model.io/financial-exposure: The annotation is missing',
    );
    expect(screen.getByTestId('problem-fix')).toHaveTextContent(
      /^operating-model.io\/financial-exposure: "200K"The value is an example.*in GBP/,
    );
  });

  it('does not link to a runbook or channel that is not an http: or https: address', async () => {
    await renderCard({
      getService: jest.fn().mockResolvedValue(
        assessedService({
          links: {
            runbook: 'javascript:alert(document.cookie)',
            incidentChannel: 'https://chat.example/inc-bedroom',
          },
        }),
      ),
    });
    expect(
      await screen.findByText('Runbook (not a web link)'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Runbook/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Incident channel/ }),
    ).toHaveAttribute('href', 'https://chat.example/inc-bedroom');
    expect(document.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it('shows an error panel when the assessment fails', async () => {
    await renderCard({
      getService: jest.fn().mockRejectedValue(new Error('Backend down')),
    });
    expect((await screen.findAllByText(/Backend down/))[0]).toBeInTheDocument();
    expect(
      screen.queryByTestId('service-not-assessed'),
    ).not.toBeInTheDocument();
  });

  it('shows the error when the service cannot be loaded', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotFoundError',
          message: 'No service component:default/bedroom',
        },
      }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'content-type': 'application/json' },
      },
    );
    const error = await ResponseError.fromResponse(response as any);
    await renderCard({ getService: jest.fn().mockRejectedValue(error) });
    expect(
      (await screen.findAllByText(/No service component:default\/bedroom/))[0],
    ).toBeInTheDocument();
    // A Component the operating model does not cover is said so, with what to do, not as a failure.
    expect(screen.getByTestId('service-not-assessed')).toHaveTextContent(
      /covers Components of type service/,
    );
    expect(screen.queryByText('Recommended model')).not.toBeInTheDocument();
  });
});
