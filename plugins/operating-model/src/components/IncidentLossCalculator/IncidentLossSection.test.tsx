import { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { IncidentLossAnswer } from '@operating-model/backstage-plugin-operating-model-common';
import {
  MockConfigApi,
  TestApiProvider,
  renderInTestApp,
} from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { OperatingModelApi, operatingModelApiRef } from '../../api';
import { EntityOperatingModelCard } from '../EntityOperatingModelCard';
import { entityPresentationApiMock } from '../testPeople';
import { assessedService } from '../testServices';
import { IncidentLossSection } from './IncidentLossSection';

const major: IncidentLossAnswer = {
  category: 'major',
  response: 'restore-immediately',
  reasons: [
    '£200K being lost per hour is at or above the major threshold of £50K',
  ],
  entityRef: 'component:default/bedroom',
  lossSoFar: null,
  lossPerHour: 200_000,
  minutesSoFar: null,
  lossPerHourSource: 'given',
  currency: 'GBP',
};

describe('IncidentLossSection', () => {
  it('stays folded, without asking the backend, until it is opened', async () => {
    const getIncidentLoss = jest.fn().mockResolvedValue(major);
    await renderInTestApp(
      <TestApiProvider apis={[[operatingModelApiRef, { getIncidentLoss }]]}>
        <IncidentLossSection service={assessedService()} />
      </TestApiProvider>,
    );
    expect(
      screen.queryByTestId('incident-loss-calculator'),
    ).not.toBeInTheDocument();
    expect(getIncidentLoss).not.toHaveBeenCalled();

    fireEvent.click(
      screen.getByRole('button', { name: 'How bad is an incident?' }),
    );
    expect(
      await screen.findByTestId('incident-loss-verdict'),
    ).toHaveTextContent('Major incident');
    expect(getIncidentLoss).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/bedroom',
        lossPerHour: 200_000,
      }),
    );
  });

  it('sits at the bottom of the Component card', async () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'bedroom', namespace: 'default' },
      spec: { type: 'service', owner: 'bedroom-team', lifecycle: 'production' },
    };
    const api: Partial<OperatingModelApi> = {
      getService: jest.fn().mockResolvedValue(assessedService()),
      getOnCall: jest.fn().mockRejectedValue(new Error('not needed here')),
      getIncidentLoss: jest.fn().mockResolvedValue(major),
    };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [operatingModelApiRef, api],
          [
            configApiRef,
            new MockConfigApi({ operatingModel: { currency: 'GBP' } }),
          ],
          [entityPresentationApiRef, entityPresentationApiMock()],
        ]}
      >
        <EntityProvider entity={entity}>
          <EntityOperatingModelCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'How bad is an incident?' }),
    );
    expect(
      await screen.findByTestId('incident-loss-verdict'),
    ).toHaveTextContent('Restore availability immediately');
  });
});
