import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
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
import {
  OperatingModelApi,
  RotaSchedule,
  operatingModelApiRef,
} from '../../api';
import { entityPresentationApiMock } from '../testPeople';
import { FreshPermissions } from '../__testUtils__/FreshPermissions';
import { EntityRotaContent } from './EntityRotaContent';

const NOW = new Date('2026-11-04T12:00:00Z');

function schedule(overrides: Partial<RotaSchedule>): RotaSchedule {
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
    ],
    overrides: [],
    problems: [],
    timezone: 'Europe/London',
    optedOutCount: 0,
    ...overrides,
  };
}

async function renderContent(
  entity: Entity,
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
        <EntityProvider entity={entity}>
          <EntityRotaContent now={NOW} />
        </EntityProvider>
      </FreshPermissions>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityRotaContent', () => {
  it('lists the people on a Group’s rota once, not the whole team', async () => {
    const group: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'bedroom-team', namespace: 'default' },
      spec: { type: 'team', children: [] },
      relations: [
        { type: 'hasMember', targetRef: 'user:default/alice' },
        { type: 'hasMember', targetRef: 'user:default/bob' },
        { type: 'hasMember', targetRef: 'user:default/frank' },
        { type: 'childOf', targetRef: 'group:default/furnishing-leads' },
      ],
    };
    const getSchedule = jest.fn().mockResolvedValue(schedule({}));
    await renderContent(group, { getSchedule });

    const participants = await screen.findByTestId('rota-participants');
    expect(participants).toHaveTextContent('On the rota: AliceBob');
    expect(participants).not.toHaveTextContent('frank');
    expect(screen.getAllByText('On the rota:')).toHaveLength(1);
    expect(screen.queryByTestId('rota-header')).not.toBeInTheDocument();
    // The names on a weekend are the rota's shifts; the tab says when those shifts page.
    expect(screen.getByTestId('rota-pages-when')).toHaveTextContent(
      'Its shifts page in working hours, and out of hours for the team’s services whose level is the team rota.',
    );
    expect(screen.getByText('Team rota')).toBeInTheDocument();
    expect(getSchedule).toHaveBeenCalledWith(
      'group:default/bedroom-team',
      expect.anything(),
    );
    expect(
      within(screen.getByTestId('day-2026-11-04')).getByText('Alice'),
    ).toBeInTheDocument();
  });

  it('heads a Domain’s rota with its member teams', async () => {
    const domain: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: { name: 'furnishing', namespace: 'default' },
      spec: { owner: 'group:default/furnishing-leads' },
    };
    const getSchedule = jest.fn().mockResolvedValue(
      schedule({
        rotaRef: 'domain:default/furnishing',
        kind: 'domain',
        teams: ['group:default/bedroom-team', 'group:default/kitchen-team'],
      }),
    );
    await renderContent(domain, { getSchedule });

    const header = await screen.findByTestId('rota-header');
    expect(header).toHaveTextContent(
      'Member teams: Bedroom team, Kitchen team',
    );
    expect(
      within(header).getByRole('link', { name: 'Kitchen team' }),
    ).toHaveAttribute('href', '/catalog/default/group/kitchen-team');
    expect(screen.getByText('Out-of-hours rota')).toBeInTheDocument();
    expect(getSchedule).toHaveBeenCalledWith(
      'domain:default/furnishing',
      expect.anything(),
    );
  });

  it('asks the policy about the Domain’s rota before offering to change it', async () => {
    const domain: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: { name: 'furnishing', namespace: 'default' },
      spec: { owner: 'group:default/furnishing-leads' },
    };
    const authorize = jest.fn(
      (_request: EvaluatePermissionRequest) => AuthorizeResult.DENY,
    );
    await renderContent(
      domain,
      {
        getSchedule: jest
          .fn()
          .mockResolvedValue(
            schedule({ rotaRef: 'domain:default/furnishing', kind: 'domain' }),
          ),
      },
      mockApis.permission({ authorize }),
    );
    expect(
      await screen.findByText(/You may not add overrides to this rota/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Add an override' }),
    ).toBeDisabled();
    await waitFor(() =>
      expect(
        authorize.mock.calls.map(([request]) => request.resourceRef),
      ).toEqual(expect.arrayContaining(['domain:default/furnishing'])),
    );
  });
});
