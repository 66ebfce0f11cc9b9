import { ResponseError } from '@backstage/errors';
import {
  IncidentLossAnswer,
  IncidentLossRequest,
  incidentLossCategory,
  lossAfterMinutes,
} from '@operating-model/backstage-plugin-operating-model-common';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperatingModelApi, operatingModelApiRef } from '../../api';
import { assessedService } from '../testServices';
import { IncidentLossCalculator } from './IncidentLossCalculator';

/** Answers as the backend does, with the same rule from the common package. */
function fakeBackend() {
  return jest.fn(
    async (request: IncidentLossRequest): Promise<IncidentLossAnswer> => {
      const lossPerHour = request.lossPerHour ?? null;
      const minutesSoFar = request.minutesSoFar ?? null;
      const lossSoFar =
        request.lossSoFar ??
        (minutesSoFar !== null && lossPerHour !== null
          ? lossAfterMinutes(lossPerHour, minutesSoFar)
          : null);
      return {
        ...incidentLossCategory(
          {
            lossSoFar,
            lossPerHour,
            journey: request.journey,
            security: request.security,
          },
          { majorFrom: 50_000, minorFrom: 5_000 },
          'GBP',
        ),
        entityRef: request.entityRef ?? null,
        lossSoFar,
        lossPerHour,
        minutesSoFar,
        lossPerHourSource: lossPerHour === null ? null : 'given',
        currency: 'GBP',
      };
    },
  );
}

const services = [
  assessedService(),
  assessedService({
    entityRef: 'component:default/appointments',
    financialExposurePerHour: 6000,
    titles: {
      service: 'Appointments',
      owner: 'Appointments team',
      domain: null,
      system: null,
    },
  }),
];

async function renderCalculator(
  api: Partial<OperatingModelApi>,
  props: Parameters<typeof IncidentLossCalculator>[0] = {},
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          operatingModelApiRef,
          { listServices: jest.fn().mockResolvedValue(services), ...api },
        ],
      ]}
    >
      <IncidentLossCalculator {...props} />
    </TestApiProvider>,
  );
}

const verdict = () => screen.findByTestId('incident-loss-verdict');

describe('IncidentLossCalculator', () => {
  it("fills in the loss rate from the chosen service's exposure and shows the category in large type", async () => {
    const getIncidentLoss = fakeBackend();
    await renderCalculator({ getIncidentLoss });
    const user = userEvent.setup();
    await user.type(
      await screen.findByRole('textbox', { name: 'Service' }),
      'Bed',
    );
    await user.click(
      // The option's second line names the owner and why it matched.
      await screen.findByRole('option', { name: /^Bedroom shop/ }),
    );
    expect(screen.getByRole('textbox', { name: 'Loss per hour' })).toHaveValue(
      '200000',
    );

    fireEvent.change(screen.getByRole('textbox', { name: 'Minutes so far' }), {
      target: { value: '30' },
    });
    await waitFor(() =>
      expect(getIncidentLoss).toHaveBeenLastCalledWith({
        entityRef: 'component:default/bedroom',
        lossPerHour: 200_000,
        minutesSoFar: 30,
        journey: 'ok',
        security: false,
      }),
    );
    await waitFor(async () =>
      expect(await verdict()).toHaveTextContent('£100k'),
    );
    const shown = await verdict();
    expect(shown).toHaveTextContent('Major incident');
    expect(shown).toHaveTextContent('Restore availability immediately');
    expect(shown).toHaveTextContent('Loss per hour£200k');
  });

  it('makes a degraded journey minor, by the next working day, and a security incident major', async () => {
    const getIncidentLoss = fakeBackend();
    await renderCalculator({ getIncidentLoss });
    // Nothing entered is no incident yet: a prompt, never a verdict.
    expect(
      await screen.findByTestId('incident-loss-prompt'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('incident-loss-verdict')).toBeNull();
    expect(getIncidentLoss).not.toHaveBeenCalled();

    fireEvent.change(screen.getByRole('textbox', { name: 'Minutes so far' }), {
      target: { value: '5' },
    });
    expect(await verdict()).toHaveTextContent('Minor incident');
    expect(await verdict()).toHaveTextContent(
      'Restore availability when possible, and add a ticket to the backlog',
    );

    fireEvent.click(
      screen.getByRole('radio', {
        name: 'Users can complete a degraded journey',
      }),
    );
    await waitFor(async () =>
      expect(await verdict()).toHaveTextContent(
        'Restore availability by the next working day',
      ),
    );

    fireEvent.click(
      screen.getByRole('checkbox', {
        name: 'Users are affected by a security incident',
      }),
    );
    await waitFor(async () =>
      expect(await verdict()).toHaveTextContent('Major incident'),
    );
    expect(await verdict()).toHaveTextContent(
      'Users are affected by a security incident',
    );
  });

  it('reads amounts such as 12K, and asks again for one it cannot read without calling the backend', async () => {
    const getIncidentLoss = fakeBackend();
    await renderCalculator({ getIncidentLoss });
    const rate = await screen.findByRole('textbox', { name: 'Loss per hour' });
    fireEvent.change(rate, { target: { value: '12K' } });
    await waitFor(() =>
      expect(getIncidentLoss).toHaveBeenLastCalledWith({
        lossPerHour: 12_000,
        journey: 'ok',
        security: false,
      }),
    );
    await waitFor(async () =>
      expect(await verdict()).toHaveTextContent(
        'Restore availability by the next working day',
      ),
    );

    const calls = getIncidentLoss.mock.calls.length;
    fireEvent.change(rate, { target: { value: 'lots' } });
    expect(
      await screen.findByText('An amount such as 12000, 12K or 1.5M'),
    ).toBeInTheDocument();
    expect(
      screen.queryByTestId('incident-loss-verdict'),
    ).not.toBeInTheDocument();
    expect(getIncidentLoss).toHaveBeenCalledTimes(calls);
  });

  it('works for one fixed service without a picker, as on the Component card', async () => {
    const listServices = jest.fn();
    const getIncidentLoss = fakeBackend();
    await renderCalculator(
      { listServices, getIncidentLoss },
      { service: assessedService() },
    );
    expect(
      screen.queryByRole('textbox', { name: 'Service' }),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Loss per hour' })).toHaveValue(
      '200000',
    );
    expect(await verdict()).toHaveTextContent('Major incident');
    expect(getIncidentLoss).toHaveBeenCalledWith({
      entityRef: 'component:default/bedroom',
      lossPerHour: 200_000,
      journey: 'ok',
      security: false,
    });
    expect(listServices).not.toHaveBeenCalled();
  });

  it("shows the backend's message when it refuses", async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotFoundError',
          message: 'No service component:default/gone in the catalog',
        },
        response: { statusCode: 404 },
      }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'content-type': 'application/json' },
      },
    );
    const error = await ResponseError.fromResponse(response as any);
    await renderCalculator({
      getIncidentLoss: jest.fn().mockRejectedValue(error),
    });
    fireEvent.change(
      await screen.findByRole('textbox', { name: 'Minutes so far' }),
      { target: { value: '5' } },
    );
    expect(
      await screen.findByText(
        'Error: No answer: No service component:default/gone in the catalog',
      ),
    ).toBeInTheDocument();
  });
});
