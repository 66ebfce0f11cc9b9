import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { assessedService } from '../testServices';
import { ReadinessStatus } from './ReadinessStatus';

describe('ReadinessStatus', () => {
  it('says why the light is red', async () => {
    const service = assessedService({
      deploymentTarget: 'monthly',
      operatingModel: {
        recommended: 'ops-run-it',
        declared: null,
        trafficLight: 'red',
        leaning: null,
      },
    });
    await renderInTestApp(<ReadinessStatus assessment={service} />);
    expect(
      screen.getByText('Red: keep it under Ops Run It for now'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('readiness-reason')).toHaveTextContent(
      'Its deployment target is monthly: fortnightly or less often stays with Ops Run It until it deploys more often.',
    );
  });

  it('shows nothing without a light', async () => {
    const service = assessedService();
    await renderInTestApp(
      <ReadinessStatus
        assessment={{
          ...service,
          operatingModel: { ...service.operatingModel, trafficLight: null },
        }}
      />,
    );
    expect(screen.queryByTestId('readiness-reason')).toBeNull();
  });
});
