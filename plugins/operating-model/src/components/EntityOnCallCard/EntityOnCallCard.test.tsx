import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  OperatingModelApi,
  RotaSchedule,
  operatingModelApiRef,
} from '../../api';
import { entityPresentationApiMock } from '../testPeople';
import { EntityOnCallCard, currentAndNext } from './EntityOnCallCard';

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

async function renderCard(entity: Entity, api: Partial<OperatingModelApi>) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [operatingModelApiRef, api],
        [entityPresentationApiRef, entityPresentationApiMock()],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityOnCallCard now={NOW} />
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
    await renderCard(team, { getSchedule });

    expect(await screen.findByTestId('on-call-now')).toHaveTextContent(
      'Alice until Mon 9 Nov, 09:00 GMT',
    );
    expect(screen.getByTestId('on-call-next')).toHaveTextContent(
      'Bob from Mon 9 Nov, 09:00 GMT',
    );
    expect(screen.getByText('1 person')).toBeInTheDocument();
    expect(
      screen.getByText('Only 2 people share this rota; at least 3 are needed'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /See the whole rota/ }),
    ).toHaveAttribute('href', '/catalog/default/group/bedroom-team/on-call');
    expect(getSchedule).toHaveBeenCalledWith('group:default/bedroom-team', {
      from: NOW,
      to: new Date('2026-12-09T12:00:00Z'),
    });
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
    expect(screen.getByTestId('on-call-now')).toHaveTextContent(
      'Alice until Mon 9 Nov, 09:00 GMT',
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
