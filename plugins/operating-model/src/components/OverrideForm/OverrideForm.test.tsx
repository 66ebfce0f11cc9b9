import { ResponseError } from '@backstage/errors';
import { entityPresentationApiRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperatingModelApi, operatingModelApiRef } from '../../api';
import { entityPresentationApiMock } from '../testPeople';
import { FreshPermissions } from '../__testUtils__/FreshPermissions';
import { VIEW_TEST_TIMEOUT_MS } from '../__testUtils__/timeouts';
import { OverrideForm, fieldOfMessage } from './OverrideForm';

const ROTA = 'domain:default/furnishing';
const PEOPLE = ['user:default/alice', 'user:default/bob', 'user:default/carol'];

async function renderForm(
  api: Partial<OperatingModelApi>,
  onCreated = jest.fn(),
  permissionApi = mockApis.permission(),
  timeZone?: string,
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
        <OverrideForm
          rotaRef={ROTA}
          people={PEOPLE}
          onCreated={onCreated}
          timeZone={timeZone}
        />
      </FreshPermissions>
    </TestApiProvider>,
  );
  return onCreated;
}

/** The form once the policy has answered yes, which is when a person can submit it. */
async function renderAllowedForm(
  api: Partial<OperatingModelApi>,
  onCreated = jest.fn(),
) {
  await renderForm(api, onCreated);
  await waitFor(() =>
    expect(screen.getByRole('button', { name: 'Add override' })).toBeEnabled(),
  );
  return onCreated;
}

/** Opens a select and picks an option from its own list, not from one still fading out. */
async function pick(label: RegExp, option: string) {
  fireEvent.mouseDown(screen.getByRole('button', { name: label }));
  const list = await screen.findByRole('listbox', { name: label });
  fireEvent.click(within(list).getByRole('option', { name: option }));
  await waitFor(() =>
    expect(screen.getByRole('button', { name: label })).toHaveTextContent(
      option,
    ),
  );
}

async function fill(values: {
  person?: string;
  covers?: string;
  start?: string;
  end?: string;
  reason?: string;
}) {
  if (values.person) await pick(/Person covering/, values.person);
  if (values.covers) await pick(/Covers for/, values.covers);
  if (values.start)
    fireEvent.change(screen.getByLabelText(/Start/), {
      target: { value: values.start },
    });
  if (values.end)
    fireEvent.change(screen.getByLabelText(/End/), {
      target: { value: values.end },
    });
  if (values.reason)
    fireEvent.change(screen.getByLabelText('Reason'), {
      target: { value: values.reason },
    });
  return userEvent.setup();
}

async function badRequest(message: string) {
  const response = new Response(
    JSON.stringify({
      error: { name: 'InputError', message },
      response: { statusCode: 400 },
    }),
    {
      status: 400,
      statusText: 'Bad Request',
      headers: { 'content-type': 'application/json' },
    },
  );
  return ResponseError.fromResponse(response as any);
}

describe('fieldOfMessage', () => {
  it.each([
    [
      'end: the override must end after it starts',
      { field: 'end', message: 'The override must end after it starts' },
    ],
    [
      'person: user:default/zed is not a User in the catalog',
      {
        field: 'person',
        message: 'user:default/zed is not a User in the catalog',
      },
    ],
    ['query parameter to: must be after from', null],
    ['Something else went wrong', null],
  ])('%s', (message, expected) => {
    expect(fieldOfMessage(message)).toEqual(expected);
  });
});

describe('OverrideForm', () => {
  it('reads the times in the rota’s time zone, as the calendar shows them, and says so', async () => {
    const addOverride = jest.fn().mockResolvedValue({ id: 'o9' });
    const onCreated = jest.fn();
    await renderForm(
      { addOverride },
      onCreated,
      mockApis.permission(),
      'Pacific/Chatham',
    );
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Add override' }),
      ).toBeEnabled(),
    );
    expect(
      screen.getAllByText(/^In the rota's time zone, Pacific\/Chatham/),
    ).toHaveLength(2);
    const user = await fill({
      person: 'Carol',
      start: '2026-11-10T18:00',
      end: '2026-11-11T09:00',
    });
    await user.click(screen.getByRole('button', { name: 'Add override' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    // Chatham is 13:45 ahead of UTC in its summer.
    expect(addOverride).toHaveBeenCalledWith(
      ROTA,
      expect.objectContaining({
        start: '2026-11-10T04:15:00.000Z',
        end: '2026-11-10T19:15:00.000Z',
      }),
    );
  });

  it(
    'posts the chosen people and the times as ISO instants read in the browser’s zone',
    async () => {
      const created = { id: 'o9' };
      const addOverride = jest.fn().mockResolvedValue(created);
      const onCreated = await renderAllowedForm({ addOverride });

      const user = await fill({
        person: 'Carol',
        covers: 'Bob',
        start: '2026-11-10T18:00',
        end: '2026-11-11T09:00',
        reason: 'swap',
      });
      await user.click(screen.getByRole('button', { name: 'Add override' }));

      await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
      expect(addOverride).toHaveBeenCalledWith(ROTA, {
        person: 'user:default/carol',
        covers: 'user:default/bob',
        start: new Date(2026, 10, 10, 18, 0).toISOString(),
        end: new Date(2026, 10, 11, 9, 0).toISOString(),
        reason: 'swap',
      });
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'refuses an end before the start without asking the backend',
    async () => {
      const addOverride = jest.fn();
      await renderAllowedForm({ addOverride });

      const user = await fill({
        person: 'Alice',
        start: '2026-11-10T18:00',
        end: '2026-11-10T09:00',
      });
      await user.click(screen.getByRole('button', { name: 'Add override' }));

      const helper = await screen.findByText(
        'The override must end after it starts',
      );
      expect(
        within(helper.closest('.MuiFormControl-root') as HTMLElement).getByText(
          /End/,
          { selector: 'label' },
        ),
      ).toBeInTheDocument();
      expect(screen.getByLabelText(/End/)).toHaveAttribute(
        'aria-invalid',
        'true',
      );
      expect(addOverride).not.toHaveBeenCalled();
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'puts a backend 400 next to the field it names, and anything else in an alert',
    async () => {
      const addOverride = jest
        .fn()
        .mockRejectedValueOnce(
          await badRequest(
            'person: user:default/alice is not a User in the catalog',
          ),
        )
        .mockRejectedValueOnce(new Error('Network is down'));
      const onCreated = await renderAllowedForm({ addOverride });

      const user = await fill({
        person: 'Alice',
        start: '2026-11-10T18:00',
        end: '2026-11-11T09:00',
      });
      await user.click(screen.getByRole('button', { name: 'Add override' }));
      const helper = await screen.findByText(
        'user:default/alice is not a User in the catalog',
      );
      expect(helper).toHaveClass('Mui-error');
      expect(
        within(helper.closest('.MuiFormControl-root') as HTMLElement).getByText(
          /Person covering/,
          { selector: 'label' },
        ),
      ).toBeInTheDocument();
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();

      await user.click(screen.getByRole('button', { name: 'Add override' }));
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Network is down',
      );
      expect(onCreated).not.toHaveBeenCalled();
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'says why instead of showing the form when the policy does not let the person add overrides to this rota',
    async () => {
      const addOverride = jest.fn();
      const authorize = jest.fn().mockReturnValue(AuthorizeResult.DENY);
      await renderForm(
        { addOverride },
        jest.fn(),
        mockApis.permission({ authorize }),
      );

      expect(
        await screen.findByText(
          /You may not add overrides to this rota: .* operating-model.override.create/,
        ),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Add override' }),
      ).not.toBeInTheDocument();
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'operating-model.override.create',
          }),
          resourceRef: ROTA,
        }),
      );
    },
    VIEW_TEST_TIMEOUT_MS,
  );
});
