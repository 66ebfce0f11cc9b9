/* eslint-disable no-script-url -- these tests store script URLs on purpose, to see that none is followed */
import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  OnCallResult,
  OperatingModelApi,
  operatingModelApiRef,
} from '../../api';
import { entityPresentationApiMock } from '../testPeople';
import { assessedService } from '../testServices';
import { WhoIsPagedLookup } from './WhoIsPagedLookup';

// The viewer reads the times in London, whatever the machine running the tests.
jest.mock('../shared/zonedTime', () => ({
  ...jest.requireActual('../shared/zonedTime'),
  browserTimeZone: () => 'Europe/London',
}));

const NOW = new Date('2026-11-04T20:00:00Z');

const people: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'bob', namespace: 'default' },
    spec: { profile: { displayName: 'Bob', email: 'bob@hearth.example' } },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'gina', namespace: 'default' },
    spec: { profile: { displayName: 'Gina', email: 'gina@hearth.example' } },
  },
];

const services = [
  assessedService(),
  assessedService({
    entityRef: 'component:default/appointments',
    owner: 'group:default/kitchen-team',
    links: {},
    onCall: { workingHours: 'team', outOfHours: 'none' },
    titles: {
      service: 'Appointments',
      owner: 'Kitchen team',
      domain: 'Furnishing',
      system: null,
    },
  }),
];

function onCall(overrides: Partial<OnCallResult>): OnCallResult {
  return {
    entityRef: 'component:default/bedroom',
    at: NOW.toISOString(),
    period: 'out-of-hours',
    schedule: 'domain',
    person: 'user:default/bob',
    shiftEnd: '2026-11-05T09:00:00.000Z',
    periodEnd: '2026-11-05T09:00:00.000Z',
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
    ...overrides,
  };
}

async function renderLookup(api: Partial<OperatingModelApi>) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          operatingModelApiRef,
          { listServices: jest.fn().mockResolvedValue(services), ...api },
        ],
        [catalogApiRef, catalogApiMock({ entities: people })],
        [entityPresentationApiRef, entityPresentationApiMock()],
      ]}
    >
      <WhoIsPagedLookup now={NOW} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

async function choose(text: string, option: RegExp) {
  const user = userEvent.setup();
  await user.type(
    await screen.findByRole('textbox', { name: 'Service' }),
    text,
  );
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('WhoIsPagedLookup', () => {
  it('shows who is paged for the chosen service, their e-mail, the schedule, the shift end and the incident links', async () => {
    const getOnCall = jest.fn().mockResolvedValue(onCall({}));
    await renderLookup({ getOnCall });
    await choose('bed', /Bedroom shop/);

    const answer = await screen.findByTestId('who-is-paged');
    expect(getOnCall).toHaveBeenCalledWith('component:default/bedroom', {
      at: NOW,
    });
    expect(within(answer).getByRole('link', { name: 'Bob' })).toHaveAttribute(
      'href',
      '/catalog/default/user/bob',
    );
    expect(
      within(answer).getByRole('link', { name: /bob@hearth.example/ }),
    ).toHaveAttribute('href', 'mailto:bob@hearth.example');
    expect(answer).toHaveTextContent(
      'On callout of hours, Furnishing domain rota, until Thu, 09:00 GMT',
    );
    expect(
      within(answer).getByRole('link', { name: 'Furnishing domain rota' }),
    ).toHaveAttribute('href', '/catalog/default/domain/furnishing');
    expect(
      within(answer).getByRole('link', { name: /Runbook/ }),
    ).toHaveAttribute('href', 'https://wiki.example/runbooks/bedroom');
    expect(
      within(answer).getByRole('link', { name: /Incident channel/ }),
    ).toHaveAttribute('href', 'https://chat.example/inc-bedroom');
  });

  it('finds a service by its owner, and says when and who is next where nobody is paged', async () => {
    const getOnCall = jest.fn().mockResolvedValue(
      onCall({
        entityRef: 'component:default/appointments',
        schedule: 'none',
        person: null,
        shiftEnd: null,
        next: { person: 'user:default/gina', at: '2026-11-05T09:00:00.000Z' },
        rotas: { team: 'group:default/kitchen-team', domain: null },
      }),
    );
    await renderLookup({ getOnCall });
    await choose('kitchen', /Appointments/);

    const answer = await screen.findByTestId('who-is-paged');
    expect(getOnCall).toHaveBeenCalledWith('component:default/appointments', {
      at: NOW,
    });
    expect(answer).toHaveTextContent('Paged nowNobody');
    expect(answer).toHaveTextContent(
      'On callout of hours, no out-of-hours rota, until Thu, 09:00 GMT; then Gina, Kitchen team rota (gina@hearth.example)',
    );
    expect(answer).toHaveTextContent('No runbook or incident channel');
  });

  it('does not link to a runbook or channel that is not an http: or https: address', async () => {
    const getOnCall = jest.fn().mockResolvedValue(onCall({}));
    await renderLookup({
      getOnCall,
      listServices: jest.fn().mockResolvedValue([
        assessedService({
          links: {
            runbook: 'javascript:alert(1)',
            incidentChannel: 'slack:#inc-bedroom',
          },
        }),
      ]),
    });
    await choose('bed', /Bedroom shop/);
    const answer = await screen.findByTestId('who-is-paged');
    expect(answer).toHaveTextContent('Runbook (not a web link)');
    expect(answer).toHaveTextContent('Incident channel (not a web link)');
    expect(
      within(answer).queryByRole('link', { name: /Runbook|Incident channel/ }),
    ).not.toBeInTheDocument();
  });

  it('says why no service is offered: none assessed yet, or none matching what was typed', async () => {
    await renderLookup({ listServices: jest.fn().mockResolvedValue([]) });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('textbox', { name: 'Service' }));
    expect(
      await screen.findByText(/No services assessed yet/),
    ).toBeInTheDocument();
    cleanup();

    await renderLookup({});
    await user.type(
      await screen.findByRole('textbox', { name: 'Service' }),
      'zzz',
    );
    expect(
      await screen.findByText('No service, team or entity ref matches'),
    ).toBeInTheDocument();
  });

  it('offers the service named as typed before services of the team of that name, saying why each matched', async () => {
    const checkoutTeam = {
      owner: 'group:default/checkout-team',
      titles: {
        service: '',
        owner: 'Checkout',
        domain: null,
        system: null,
      },
    };
    const listServices = jest.fn().mockResolvedValue([
      assessedService({
        ...checkoutTeam,
        entityRef: 'component:default/basket',
        titles: { ...checkoutTeam.titles, service: 'Basket' },
      }),
      assessedService({
        ...checkoutTeam,
        entityRef: 'component:default/checkout',
        titles: { ...checkoutTeam.titles, service: 'Checkout' },
      }),
    ]);
    await renderLookup({ listServices });
    const user = userEvent.setup();
    await user.type(
      await screen.findByRole('textbox', { name: 'Service' }),
      'Checkout',
    );
    const options = await screen.findAllByRole('option');
    expect(options.map(option => option.textContent)).toEqual([
      'CheckoutCheckout · matched its name',
      'BasketCheckout · matched its owning team',
    ]);
  });
});
