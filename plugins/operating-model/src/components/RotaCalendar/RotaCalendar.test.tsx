import { ResponseError } from '@backstage/errors';
import {
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  OperatingModelApi,
  RotaSchedule,
  operatingModelApiRef,
} from '../../api';
import { entityPresentationApiMock } from '../testPeople';
import { FreshPermissions } from '../__testUtils__/FreshPermissions';
import { RotaCalendar } from './RotaCalendar';

const NOW = new Date('2026-11-04T12:00:00Z'); // a Wednesday; last week's Monday is 26 October
const ROTA = 'group:default/bedroom-team';

function schedule(overrides: Partial<RotaSchedule> = {}): RotaSchedule {
  return {
    rotaRef: ROTA,
    kind: 'team',
    participants: [
      'user:default/alice',
      'user:default/bob',
      'user:default/carol',
    ],
    teams: [ROTA],
    shifts: [
      {
        person: 'user:default/alice',
        start: '2026-10-26T09:00:00.000Z',
        end: '2026-11-02T09:00:00.000Z',
        override: false,
      },
      {
        person: 'user:default/bob',
        start: '2026-11-02T09:00:00.000Z',
        end: '2026-11-05T12:00:00.000Z',
        override: false,
      },
      {
        person: 'user:default/carol',
        start: '2026-11-05T12:00:00.000Z',
        end: '2026-11-05T18:00:00.000Z',
        override: true,
      },
      {
        person: 'user:default/bob',
        start: '2026-11-05T18:00:00.000Z',
        end: '2026-11-09T09:00:00.000Z',
        override: false,
      },
      {
        person: 'user:default/carol',
        start: '2026-11-09T09:00:00.000Z',
        end: '2026-12-07T09:00:00.000Z',
        override: false,
      },
    ],
    overrides: [
      {
        id: 'o1',
        person: 'user:default/carol',
        covers: 'user:default/bob',
        start: '2026-11-05T12:00:00.000Z',
        end: '2026-11-05T18:00:00.000Z',
        reason: 'dentist',
        createdBy: 'user:default/alice',
        createdAt: '2026-11-01T10:30:00.000Z',
      },
    ],
    problems: [
      {
        code: 'limited-on-call-schedule',
        message: 'Only 3 people share this rota',
      },
    ],
    timezone: 'Europe/London',
    optedOutCount: 2,
    ...overrides,
  };
}

async function renderCalendar(
  api: Partial<OperatingModelApi>,
  permissionApi = mockApis.permission(),
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [operatingModelApiRef, api],
        [entityPresentationApiRef, entityPresentationApiMock()],
        [permissionApiRef, permissionApi],
      ]}
    >
      <FreshPermissions>
        <RotaCalendar rotaRef={ROTA} now={NOW} />
      </FreshPermissions>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

async function forbidden(message: string) {
  const response = new Response(
    JSON.stringify({
      error: { name: 'NotAllowedError', message },
      response: { statusCode: 403 },
    }),
    {
      status: 403,
      statusText: 'Forbidden',
      headers: { 'content-type': 'application/json' },
    },
  );
  return ResponseError.fromResponse(response as any);
}

describe('RotaCalendar', () => {
  it('lays out five weeks from last Monday, marks today and overrides, and shows both people on a handoff day', async () => {
    const getSchedule = jest.fn().mockResolvedValue(schedule());
    await renderCalendar({ getSchedule });

    const today = await screen.findByTestId('day-2026-11-04');
    expect(today).toHaveAttribute('aria-current', 'date');
    expect(within(today).getByText('Today')).toBeInTheDocument();
    expect(screen.getAllByText('Today')).toHaveLength(1);

    const cells = screen.getAllByRole('cell');
    expect(cells).toHaveLength(35);
    expect(cells[0]).toHaveAttribute('data-testid', 'day-2026-10-26');
    expect(cells[34]).toHaveAttribute('data-testid', 'day-2026-11-29');

    const handoff = screen.getByTestId('day-2026-11-02');
    expect(within(handoff).getByText('Alice')).toBeInTheDocument();
    expect(within(handoff).getByText('until 09:00')).toBeInTheDocument();
    expect(within(handoff).getByText('Bob')).toBeInTheDocument();
    expect(within(handoff).getByText('from 09:00')).toBeInTheDocument();

    const overridden = screen.getByTestId('day-2026-11-05');
    expect(within(overridden).getByText('override')).toBeInTheDocument();
    expect(within(overridden).getByText('12:00–18:00')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('day-2026-11-03')).queryByText('override'),
    ).not.toBeInTheDocument();

    const [, window] = getSchedule.mock.calls[0];
    expect(window.from.getTime()).toBeLessThanOrEqual(
      Date.parse('2026-10-26T00:00:00Z'),
    );
    expect(window.to.getTime()).toBeGreaterThanOrEqual(
      Date.parse('2026-11-30T00:00:00Z'),
    );
  });

  it('shows participants, problems, the opt-out count and the overrides with who made them', async () => {
    await renderCalendar({
      getSchedule: jest.fn().mockResolvedValue(schedule()),
    });

    const participants = await screen.findByRole('list', {
      name: 'Participants',
    });
    expect(
      within(participants)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['Alice', 'Bob', 'Carol']);
    expect(screen.getByText('(2 opted out)')).toBeInTheDocument();
    expect(
      screen.getByText('Only 3 people share this rota'),
    ).toBeInTheDocument();
    expect(screen.getByText(/1 rota problem$/)).toBeInTheDocument();
    expect(
      screen.getByText(/sustainable on-call schedule: enough people on it/),
    ).toBeInTheDocument();

    const overrides = screen.getByRole('list', { name: 'Overrides' });
    expect(overrides).toHaveTextContent(
      'Carol covers Bob from Thu 5 Nov, 12:00 GMT to Thu 5 Nov, 18:00 GMT (dentist). Added by Alice on Sun 1 Nov, 10:30 GMT.',
    );
  });

  it('says why a rota with nobody on it is empty', async () => {
    await renderCalendar({
      getSchedule: jest.fn().mockResolvedValue(
        schedule({
          participants: [],
          shifts: [],
          overrides: [],
          problems: [],
        }),
      ),
    });
    expect(await screen.findByTestId('rota-empty')).toHaveTextContent(
      'Nobody is on this rota: it draws from the members of the team who have not opted out.',
    );
  });

  it('shows a progress bar at once, while the rota loads', async () => {
    await renderCalendar({ getSchedule: () => new Promise(() => {}) });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows handoff times in the rota’s own time zone', async () => {
    await renderCalendar({
      getSchedule: jest
        .fn()
        .mockResolvedValue(schedule({ timezone: 'America/New_York' })),
    });
    const handoff = await screen.findByTestId('day-2026-11-02');
    expect(within(handoff).getByText('until 04:00')).toBeInTheDocument();
    expect(within(handoff).getByText('from 04:00')).toBeInTheDocument();
  });

  it('removes an override and reloads, and says why when the backend refuses', async () => {
    const getSchedule = jest.fn().mockResolvedValue(schedule());
    const removeOverride = jest
      .fn()
      .mockResolvedValueOnce(undefined)
      .mockRejectedValueOnce(
        await forbidden('Only members of Bedroom team may change this rota'),
      );
    await renderCalendar({ getSchedule, removeOverride });

    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: /Remove the override/ }),
    );
    expect(removeOverride).toHaveBeenCalledWith(ROTA, 'o1');
    await waitFor(() => expect(getSchedule).toHaveBeenCalledTimes(2));

    await user.click(
      await screen.findByRole('button', { name: /Remove the override/ }),
    );
    expect(
      await screen.findByText(
        /The override could not be removed: Only members of Bedroom team may change this rota/,
      ),
    ).toBeInTheDocument();
  });

  it('asks the policy about this rota and offers adding and removing overrides when it allows them', async () => {
    const authorize = jest.fn(
      (_request: EvaluatePermissionRequest) => AuthorizeResult.ALLOW,
    );
    await renderCalendar(
      { getSchedule: jest.fn().mockResolvedValue(schedule()) },
      mockApis.permission({ authorize }),
    );

    const add = await screen.findByRole('button', { name: 'Add an override' });
    await waitFor(() => expect(add).toBeEnabled());
    expect(
      screen.getByRole('button', { name: /Remove the override/ }),
    ).toBeEnabled();
    expect(screen.queryByText(/You may not/)).not.toBeInTheDocument();
    expect(
      authorize.mock.calls.map(([request]) => [
        request.permission.name,
        request.resourceRef,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['operating-model.override.create', ROTA],
        ['operating-model.override.delete', ROTA],
      ]),
    );

    await userEvent.setup().click(add);
    expect(
      await screen.findByRole('form', { name: 'Add an override' }),
    ).toBeInTheDocument();
  });

  it('disables adding and hides removing, saying why, when the policy denies them', async () => {
    await renderCalendar(
      {
        getSchedule: jest.fn().mockResolvedValue(schedule()),
        removeOverride: jest.fn(),
      },
      mockApis.permission({ authorize: AuthorizeResult.DENY }),
    );

    expect(
      await screen.findByText(
        /You may not add overrides to this rota: .* does not grant you operating-model.override.create for it/,
      ),
    ).toBeInTheDocument();
    const add = screen.getByRole('button', { name: 'Add an override' });
    expect(add).toBeDisabled();
    expect(add).toHaveAccessibleDescription(
      /You may not add overrides to this rota/,
    );
    expect(
      screen.getByText(
        /You may not remove overrides from this rota: .* operating-model.override.delete/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Remove the override/ }),
    ).not.toBeInTheDocument();
    // The overrides themselves are still shown; only the actions are not offered.
    expect(screen.getByRole('list', { name: 'Overrides' })).toHaveTextContent(
      'Carol covers Bob',
    );
    expect(
      screen.queryByRole('form', { name: 'Add an override' }),
    ).not.toBeInTheDocument();
  });

  it('offers only what the policy allows: adding without removing', async () => {
    await renderCalendar(
      { getSchedule: jest.fn().mockResolvedValue(schedule()) },
      mockApis.permission({
        authorize: request =>
          request.permission.name === 'operating-model.override.create'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }),
    );
    expect(
      await screen.findByText(/You may not remove overrides from this rota/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Add an override' }),
    ).toBeEnabled();
    expect(
      screen.queryByRole('button', { name: /Remove the override/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByText(/You may not add overrides/),
    ).not.toBeInTheDocument();
  });

  it('moves by five weeks and gives the calendar feed to copy', async () => {
    const getSchedule = jest.fn().mockResolvedValue(schedule());
    const link = (token: string) => ({
      path: `/feeds/schedules/group/default/bedroom-team.ics?token=${token}`,
      url: `https://backstage.example/api/operating-model/feeds/schedules/group/default/bedroom-team.ics?token=${token}`,
      for: 'user:default/guest',
      issuedAt: '2026-11-04T12:00:00.000Z',
      expiresAt: '2027-11-04T12:00:00.000Z',
    });
    const getCalendarLink = jest
      .fn()
      .mockResolvedValueOnce(link('abc'))
      .mockResolvedValueOnce(link('new'));
    const resetCalendarLinks = jest.fn().mockResolvedValue(link('personal'));
    await renderCalendar({ getSchedule, getCalendarLink, resetCalendarLinks });
    const user = userEvent.setup();

    await user.click(
      await screen.findByRole('button', { name: /Next 5 weeks/ }),
    );
    await waitFor(() => expect(getSchedule).toHaveBeenCalledTimes(2));
    const [, first] = getSchedule.mock.calls[0];
    const [, second] = getSchedule.mock.calls[1];
    expect(second.from.getTime() - first.from.getTime()).toBe(
      35 * 24 * 3600 * 1000,
    );
    expect(await screen.findByTestId('day-2026-11-30')).toBeInTheDocument();
    expect(screen.queryByText('Today')).not.toBeInTheDocument();

    await user.click(
      screen.getByRole('button', { name: 'Subscribe in your calendar' }),
    );
    expect(getCalendarLink).toHaveBeenCalledWith(ROTA);
    expect(await screen.findByTestId('calendar-link')).toHaveTextContent(
      'https://backstage.example/api/operating-model/feeds/schedules/group/default/bedroom-team.ics?token=abc',
    );
    expect(
      screen.getByRole('link', { name: /the webcal: link/ }),
    ).toHaveAttribute(
      'href',
      'webcal://backstage.example/api/operating-model/feeds/schedules/group/default/bedroom-team.ics?token=abc',
    );
    expect(screen.getByTestId('calendar-link-validity')).toHaveTextContent(
      /works until/,
    );

    await user.click(
      screen.getByRole('button', { name: 'Reset my calendar links' }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Your earlier calendar links no longer work',
    );
    expect(resetCalendarLinks).toHaveBeenCalledWith('user:default/guest');
    expect(screen.getByTestId('calendar-link')).toHaveTextContent('token=new');
  });
});
