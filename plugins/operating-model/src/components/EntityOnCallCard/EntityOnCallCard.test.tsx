import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  DirectoryService,
  DirectoryServicesPage,
} from '@operating-model/backstage-plugin-operating-model-common';
import {
  OnCallResult,
  OperatingModelApi,
  RotaSchedule,
  operatingModelApiRef,
} from '../../api';
import { directoryService } from '../DiscoverabilityView/testDirectory';
import { onCallResult } from '../PagedNow/testOnCall';
import { entityPresentationApiMock } from '../testPeople';
import { EntityOnCallCard, currentAndNext } from './EntityOnCallCard';

// The viewer reads the times in London, whatever the machine running the tests.
jest.mock('../shared/zonedTime', () => ({
  ...jest.requireActual('../shared/zonedTime'),
  browserTimeZone: () => 'Europe/London',
}));

const NOW = new Date('2026-11-04T12:00:00Z');

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'bedroom-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const domain: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: { name: 'furnishing', namespace: 'default' },
  spec: { owner: 'group:default/furnishing-leads' },
};

function schedule(overrides: Partial<RotaSchedule> = {}): RotaSchedule {
  return {
    rotaRef: 'group:default/bedroom-team',
    kind: 'team',
    participants: ['user:default/alice', 'user:default/bob'],
    teams: ['group:default/bedroom-team'],
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
    overrides: [],
    problems: [
      {
        code: 'limited-on-call-schedule',
        message: 'Only 2 people share this rota; at least 3 are needed',
      },
    ],
    timezone: 'Europe/London',
    optedOutCount: 1,
    ...overrides,
  };
}

/** The team's services in the directory, and who `GET /on-call` says is paged for each. */
function teamServices(answers: Array<[DirectoryService, OnCallResult]>) {
  const services = answers.map(([service]) => service);
  return {
    queryDirectory: jest.fn(
      async (): Promise<DirectoryServicesPage> => ({
        catalogReadAt: NOW.toISOString(),
        onCallAt: NOW.toISOString(),
        measuresWindow: null,
        total: services.length,
        matched: services.length,
        itemCount: services.length,
        offset: 0,
        items: services.map(service => ({
          kind: 'service' as const,
          key: service.ref,
          service,
        })),
        availabilityTargets: [],
      }),
    ),
    getOnCall: jest.fn(
      async (ref: string) =>
        answers.find(([service]) => service.ref === ref)![1],
    ),
  };
}

async function renderCard(
  entity: Entity,
  api: Partial<OperatingModelApi>,
  now = NOW,
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [operatingModelApiRef, api],
        [entityPresentationApiRef, entityPresentationApiMock()],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityOnCallCard now={now} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('currentAndNext', () => {
  const shifts = [
    {
      person: 'a',
      start: '2026-11-02T09:00:00Z',
      end: '2026-11-04T14:00:00Z',
      override: false,
    },
    {
      person: 'a',
      start: '2026-11-04T14:00:00Z',
      end: '2026-11-05T09:00:00Z',
      override: false,
    },
    {
      person: 'b',
      start: '2026-11-05T09:00:00Z',
      end: '2026-11-05T12:00:00Z',
      override: true,
    },
    {
      person: 'c',
      start: '2026-11-05T12:00:00Z',
      end: '2026-11-09T09:00:00Z',
      override: false,
    },
  ];

  it.each([
    [
      'passes over back-to-back shifts of the same person',
      NOW,
      shifts[0],
      shifts[2],
    ],
    [
      'takes an override as the next shift',
      new Date('2026-11-05T08:00:00Z'),
      shifts[1],
      shifts[2],
    ],
    [
      'gives the first shift to come when nobody is on',
      new Date('2026-11-01T00:00:00Z'),
      null,
      shifts[0],
    ],
    [
      'gives no next shift past the window',
      new Date('2026-11-06T00:00:00Z'),
      shifts[3],
      null,
    ],
  ])('%s', (_, now, current, next) => {
    expect(currentAndNext(shifts, now)).toEqual({ current, next });
  });
});

describe('EntityOnCallCard', () => {
  it('shows who is on call now and next, in the team’s time zone, with the rota’s problems', async () => {
    const getSchedule = jest.fn().mockResolvedValue(schedule());
    await renderCard(team, { getSchedule, ...teamServices([]) });

    expect(await screen.findByTestId('on-call-now')).toHaveTextContent(
      'Alice until Mon, 09:00 GMT',
    );
    expect(screen.getByTestId('on-call-next')).toHaveTextContent(
      'Bob from Mon, 09:00 GMT',
    );
    expect(screen.getByText('1 person')).toBeInTheDocument();
    expect(
      screen.getByText('Only 2 people share this rota; at least 3 are needed'),
    ).toBeInTheDocument();
    expect(screen.getByText(/1 rota problem$/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /See the whole rota/ }),
    ).toHaveAttribute('href', '/catalog/default/group/bedroom-team/on-call');
    expect(getSchedule).toHaveBeenCalledWith('group:default/bedroom-team', {
      from: NOW,
      to: new Date('2026-12-09T12:00:00Z'),
    });
  });

  it('says who is paged for the team’s services out of hours, apart from whoever is on the team rota', async () => {
    const evening = new Date('2026-11-04T22:00:00Z');
    const search = directoryService({
      ref: 'component:default/search',
      title: 'Product search',
      outOfHours: 'team',
    });
    const api = {
      getSchedule: jest.fn().mockResolvedValue(schedule()),
      ...teamServices([
        [
          directoryService(),
          onCallResult({
            at: evening.toISOString(),
            period: 'out-of-hours',
            schedule: 'domain',
            person: 'user:default/bob',
            shiftEnd: '2026-11-05T09:00:00.000Z',
            periodEnd: '2026-11-05T09:00:00.000Z',
          }),
        ],
        [
          search,
          onCallResult({
            entityRef: search.ref,
            at: evening.toISOString(),
            period: 'out-of-hours',
            periodEnd: '2026-11-05T09:00:00.000Z',
          }),
        ],
      ]),
    };
    await renderCard(team, api, evening);

    const answers = await screen.findAllByTestId('on-call-paged-answer');
    expect(answers.map(answer => answer.textContent)).toEqual([
      'Bob: out of hours, Furnishing domain rota, until Thu, 09:00 GMT for Bedroom shop',
      'Alice: out of hours, Bedroom team rota, until Thu, 09:00 GMT for Product search',
    ]);
    expect(screen.getByText('On the team rota now')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Its shifts page in working hours, and out of hours for the team’s services whose level is the team rota.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('on-call-now')).toHaveTextContent(
      'Alice until Mon, 09:00 GMT',
    );
    expect(api.queryDirectory).toHaveBeenCalledWith({
      team: 'group:default/bedroom-team',
      limit: 500,
    });
    expect(api.getOnCall).toHaveBeenCalledWith('component:default/search', {
      at: evening,
    });
  });

  it('gives one answer for the team’s services paged alike', async () => {
    const search = directoryService({
      ref: 'component:default/search',
      title: 'Product search',
    });
    await renderCard(team, {
      getSchedule: jest.fn().mockResolvedValue(schedule()),
      ...teamServices([
        [directoryService(), onCallResult()],
        [search, onCallResult({ entityRef: search.ref })],
      ]),
    });
    const answers = await screen.findAllByTestId('on-call-paged-answer');
    expect(answers.map(answer => answer.textContent)).toEqual([
      'Alice: working hours, Bedroom team rota, until Wed, 17:30 GMT for Bedroom shop and Product search',
    ]);
  });

  it('works for a Domain’s out-of-hours rota', async () => {
    const getSchedule = jest.fn().mockResolvedValue(
      schedule({
        rotaRef: 'domain:default/furnishing',
        kind: 'domain',
        problems: [],
        optedOutCount: 0,
      }),
    );
    await renderCard(domain, { getSchedule });

    expect(await screen.findByText('Out-of-hours on call')).toBeInTheDocument();
    expect(screen.getByText('On the domain rota now')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Its shifts page out of hours, for the domain’s services whose level is the domain rota.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('on-call-paged')).not.toBeInTheDocument();
    expect(screen.getByTestId('on-call-now')).toHaveTextContent(
      'Alice until Mon, 09:00 GMT',
    );
    expect(getSchedule).toHaveBeenCalledWith(
      'domain:default/furnishing',
      expect.anything(),
    );
    expect(
      screen.getByRole('link', { name: /See the whole rota/ }),
    ).toHaveAttribute('href', '/catalog/default/domain/furnishing/on-call');
  });
});
