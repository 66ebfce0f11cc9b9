import {
  catalogApiRef,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  OnCallResult,
  OperatingModelApi,
  operatingModelApiRef,
} from '../../api';
import { TEST_TITLES, entityPresentationApiMock } from '../testPeople';
import { assessedService } from '../testServices';
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
  describe('with the service’s assessment, the escalation path', () => {
    const catalog = catalogApiMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: { name: 'alice', namespace: 'default' },
          spec: { profile: { email: 'alice@hearth.example' } },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: {
            name: 'bedroom-team',
            namespace: 'default',
            links: [
              {
                url: 'https://chat.example/bedroom-team',
                type: 'incident-channel',
              },
            ],
          },
          spec: {
            type: 'team',
            children: [],
            profile: { email: 'bedroom@hearth.example' },
          },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Domain',
          metadata: { name: 'furnishing', namespace: 'default' },
          spec: { owner: 'furnishing-leads' },
        },
      ],
    });
    const titles = {
      ...TEST_TITLES,
      'group:default/furnishing-leads': 'Furnishing leads',
    };
    const bobNext = jest.fn().mockResolvedValue({
      shifts: [
        {
          person: 'user:default/bob',
          start: '2026-11-09T09:00:00.000Z',
          end: '2026-11-16T09:00:00.000Z',
          override: false,
        },
      ],
    });

    async function renderWithService(
      answer: OnCallResult,
      service = assessedService(),
    ) {
      await renderInTestApp(
        <TestApiProvider
          apis={[
            [
              operatingModelApiRef,
              {
                getOnCall: jest.fn().mockResolvedValue(answer),
                getSchedule: bobNext,
              },
            ],
            [entityPresentationApiRef, entityPresentationApiMock(titles)],
            [catalogApiRef, catalog],
          ]}
        >
          <PagedNow
            entityRef={SERVICE}
            service={service}
            outOfHours={service.onCall.outOfHours}
            now={new Date('2026-11-04T12:00:00Z')}
          />
        </TestApiProvider>,
        {
          mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        },
      );
      return screen.findByTestId('escalation-path');
    }

    it('goes from who is paged to the next on the rota, the owning team’s contacts and the domain’s owner', async () => {
      const path = await renderWithService(onCall({}));
      const steps = within(path).getAllByRole('listitem');
      expect(steps.map(step => step.textContent)).toEqual([
        'If Alice does not answer: Bob, next on the Bedroom team rota (from Mon, 09:00 GMT)',
        'Then: Bedroom team, the owning team · bedroom@hearth.example · Incident channel, Opens in a new window',
        'Then: Furnishing leads, owner of the Furnishing domain',
      ]);
      expect(
        within(path).getByRole('link', { name: 'Furnishing leads' }),
      ).toHaveAttribute('href', '/catalog/default/group/furnishing-leads');
      expect(
        within(path).getByRole('link', { name: 'bedroom@hearth.example' }),
      ).toHaveAttribute('href', 'mailto:bedroom@hearth.example');
      expect(
        within(path).getByRole('link', { name: /Incident channel/ }),
      ).toHaveAttribute('href', 'https://chat.example/bedroom-team');
      // The contact line keeps who is paged's address; the path names the next person.
      expect(await screen.findByTestId('paged-now-contact')).toHaveTextContent(
        /^Contact: alice@hearth\.example$/,
      );
    });

    it('with nobody paged out of hours, says who is from the next working-hours start and whom to turn to if it cannot wait', async () => {
      const path = await renderWithService(
        onCall({
          period: 'out-of-hours',
          schedule: 'none',
          person: null,
          shiftEnd: null,
          periodEnd: '2026-11-09T09:00:00.000Z',
          next: { person: 'user:default/gina', at: '2026-11-09T09:00:00.000Z' },
        }),
        assessedService({
          onCall: { workingHours: 'team', outOfHours: 'none' },
        }),
      );
      expect(
        within(path)
          .getAllByRole('listitem')
          .map(step => step.textContent),
      ).toEqual([
        'From Mon, 09:00 GMT: Gina, Bedroom team rota',
        'If it cannot wait: Bedroom team, the owning team · bedroom@hearth.example · Incident channel, Opens in a new window',
        'Then: Furnishing leads, owner of the Furnishing domain',
      ]);
      expect(path).toHaveTextContent(
        'nominate an incident manager as incident commander',
      );
    });

    it('for Ops Run It stops at the operations group that owns the service', async () => {
      const path = await renderWithService(
        onCall({}),
        assessedService({
          operatingModel: {
            recommended: 'ops-run-it',
            declared: null,
            trafficLight: 'red',
            leaning: null,
          },
        }),
      );
      expect(
        within(path)
          .getAllByRole('listitem')
          .map(step => step.textContent),
      ).toEqual([
        'If Alice does not answer: Bob, next on the Bedroom team rota (from Mon, 09:00 GMT)',
        'Then: Bedroom team, the operations group that runs the service · bedroom@hearth.example · Incident channel, Opens in a new window',
      ]);
    });
  });
});
