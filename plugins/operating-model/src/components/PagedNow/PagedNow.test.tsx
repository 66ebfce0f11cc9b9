import {
  catalogApiRef,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  OnCallResult,
  OperatingModelApi,
  operatingModelApiRef,
} from '../../api';
import { entityPresentationApiMock } from '../testPeople';
import { PagedNow, PagedNowProps } from './PagedNow';

// The viewer reads the times in London, whatever the machine running the tests.
jest.mock('../shared/zonedTime', () => ({
  ...jest.requireActual('../shared/zonedTime'),
  browserTimeZone: () => 'Europe/London',
}));

const SERVICE = 'component:default/bedroom';

function onCall(overrides: Partial<OnCallResult>): OnCallResult {
  return {
    entityRef: SERVICE,
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
    ...overrides,
  };
}

async function renderPagedNow(
  api: Partial<OperatingModelApi>,
  props: Partial<PagedNowProps> = {},
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [operatingModelApiRef, api],
        [entityPresentationApiRef, entityPresentationApiMock()],
      ]}
    >
      <PagedNow
        entityRef={SERVICE}
        now={new Date('2026-11-04T12:00:00Z')}
        {...props}
      />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('PagedNow', () => {
  it('names who is paged in working hours, until when, from which schedule, and what happens out of hours', async () => {
    const getOnCall = jest.fn().mockResolvedValue(onCall({}));
    await renderPagedNow({ getOnCall }, { outOfHours: 'domain' });

    expect(await screen.findByTestId('paged-now')).toHaveTextContent(
      'Paged now: Alice: working hours, Bedroom team rota, until Wed, 17:30 GMT',
    );
    expect(getOnCall).toHaveBeenCalledWith(SERVICE, {
      at: new Date('2026-11-04T12:00:00Z'),
    });
    expect(
      screen.getByRole('link', { name: 'Bedroom team rota' }),
    ).toHaveAttribute('href', '/catalog/default/group/bedroom-team');
    expect(
      screen.getByText('Out of hours: the domain schedule'),
    ).toBeInTheDocument();
  });

  it('says out of hours from the domain schedule', async () => {
    await renderPagedNow({
      getOnCall: jest.fn().mockResolvedValue(
        onCall({
          period: 'out-of-hours',
          schedule: 'domain',
          person: 'user:default/bob',
          shiftEnd: '2026-11-05T09:00:00.000Z',
          periodEnd: '2026-11-05T09:00:00.000Z',
        }),
      ),
    });
    expect(await screen.findByTestId('paged-now')).toHaveTextContent(
      'Paged now: Bob: out of hours, Furnishing domain rota, until Thu, 09:00 GMT',
    );
    expect(
      screen.getByRole('link', { name: 'Furnishing domain rota' }),
    ).toHaveAttribute('href', '/catalog/default/domain/furnishing');
    expect(screen.queryByText(/^Out of hours:/)).not.toBeInTheDocument();
  });

  it('says nobody is paged until the next working-hours start, and who it will be', async () => {
    await renderPagedNow({
      getOnCall: jest.fn().mockResolvedValue(
        onCall({
          at: '2026-11-07T03:00:00.000Z',
          period: 'out-of-hours',
          schedule: 'none',
          person: null,
          shiftEnd: null,
          next: { person: 'user:default/gina', at: '2026-11-09T09:00:00.000Z' },
        }),
      ),
    });
    expect(await screen.findByTestId('paged-now')).toHaveTextContent(
      'Paged now: Nobody: out of hours, no out-of-hours rota, until Mon, 09:00 GMT; then Gina, Bedroom team rota',
    );
  });

  it('says how to reach who is paged and who the rota hands over to next, from when', async () => {
    const getOnCall = jest.fn().mockResolvedValue(onCall({}));
    const getSchedule = jest.fn().mockResolvedValue({
      shifts: [
        {
          person: 'user:default/alice',
          start: '2026-11-02T09:00:00.000Z',
          end: '2026-11-09T09:00:00.000Z',
          override: false,
        },
        {
          person: 'user:default/bob',
          start: '2026-11-09T09:00:00.000Z',
          end: '2026-11-16T09:00:00.000Z',
          override: false,
        },
      ],
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [operatingModelApiRef, { getOnCall, getSchedule }],
          [entityPresentationApiRef, entityPresentationApiMock()],
          [
            catalogApiRef,
            catalogApiMock({
              entities: [
                {
                  apiVersion: 'backstage.io/v1alpha1',
                  kind: 'User',
                  metadata: { name: 'alice', namespace: 'default' },
                  spec: { profile: { email: 'alice@hearth.example' } },
                },
              ],
            }),
          ],
        ]}
      >
        <PagedNow entityRef={SERVICE} now={new Date('2026-11-04T12:00:00Z')} />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const contact = await screen.findByTestId('paged-now-contact');
    await screen.findByText('alice@hearth.example');
    expect(contact).toHaveTextContent(
      'Contact: alice@hearth.example · Next: Bob from Mon, 09:00 GMT',
    );
    expect(
      screen.getByRole('link', { name: 'alice@hearth.example' }),
    ).toHaveAttribute('href', 'mailto:alice@hearth.example');
    expect(getSchedule).toHaveBeenCalledWith('group:default/bedroom-team', {
      from: new Date('2026-11-04T12:00:00Z'),
      to: new Date('2026-11-18T12:00:00Z'),
    });
  });
});
