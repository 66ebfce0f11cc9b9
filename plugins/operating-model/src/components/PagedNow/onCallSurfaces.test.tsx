import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  catalogApiRef,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactNode } from 'react';
import {
  DirectoryService,
  Directory,
} from '@operating-model/backstage-plugin-operating-model-common';
import { OnCallResult, RotaSchedule, operatingModelApiRef } from '../../api';
import {
  directoryApi,
  directoryService,
} from '../DiscoverabilityView/testDirectory';
import { DiscoverabilityView } from '../DiscoverabilityView';
import { EntityOnCallCard } from '../EntityOnCallCard';
import { WhoIsPagedLookup } from '../WhoIsPagedLookup';
import { TEST_TITLES, entityPresentationApiMock } from '../testPeople';
import { assessedService } from '../testServices';
import { PagedNow } from './PagedNow';
import { onCallResult } from './testOnCall';

// The viewer reads the times in London, whatever the machine running the tests.
jest.mock('../shared/zonedTime', () => ({
  ...jest.requireActual('../shared/zonedTime'),
  browserTimeZone: () => 'Europe/London',
}));

/*
 * Issue 14: "who is on call now" read differently on every screen. Each surface that says it is
 * rendered here for one instant and one answer, and the parts of what they say (the person, the
 * period, the rota, until when) must be the same words.
 */

const TITLES: Record<string, string> = {
  ...TEST_TITLES,
  'group:default/payments-team': 'Payments team',
  'domain:default/checkout': 'Checkout',
};

/** The owning team's Group entity, whose page has the Group card. */
function teamOf(answer: OnCallResult): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: answer.rotas.team!.split('/')[1], namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

const people: Entity[] = ['alice', 'bob'].map(name => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { displayName: TITLES[`user:default/${name}`] } },
}));

/** The directory row the backend makes of the same answer. */
function directoryRow(answer: OnCallResult): DirectoryService {
  const person = (ref: string | null) =>
    ref ? { ref, title: TITLES[ref], email: null } : null;
  return directoryService({
    ref: answer.entityRef,
    owner: answer.rotas.team,
    ownerTitle: answer.rotas.team && TITLES[answer.rotas.team],
    domain: answer.rotas.domain,
    domainTitle: answer.rotas.domain && TITLES[answer.rotas.domain],
    onCall: {
      period: answer.period,
      schedule: answer.schedule,
      person: person(answer.person),
      rota:
        answer.schedule === 'domain' ? answer.rotas.domain : answer.rotas.team,
      shiftEnd: answer.shiftEnd,
      periodEnd: answer.periodEnd,
      timezone: answer.workingHours.timezone,
      next: answer.next
        ? { person: person(answer.next.person), at: answer.next.at }
        : null,
    },
  });
}

function teamRota(answer: OnCallResult): RotaSchedule {
  return {
    rotaRef: answer.rotas.team!,
    kind: 'team',
    participants: ['user:default/alice'],
    teams: [],
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
    timezone: answer.workingHours.timezone,
    optedOutCount: 0,
  };
}

/** What a surface says, part by part, from the `data-on-call` marks of the shared words. */
function partsIn(element: HTMLElement): Record<string, string> {
  return Object.fromEntries(
    [...element.querySelectorAll('[data-on-call]')].map(part => [
      part.getAttribute('data-on-call'),
      part.textContent ?? '',
    ]),
  );
}

async function render(answer: OnCallResult, children: ReactNode) {
  const row = directoryRow(answer);
  const directory: Directory = {
    catalogReadAt: answer.at,
    onCallAt: answer.at,
    measuresWindow: null,
    teams: [],
    domains: [],
    services: [row],
  };
  const api = {
    ...directoryApi(directory),
    getOnCall: jest.fn().mockResolvedValue(answer),
    getSchedule: jest.fn().mockResolvedValue(teamRota(answer)),
    listServices: jest.fn().mockResolvedValue([
      assessedService({
        entityRef: answer.entityRef,
        owner: answer.rotas.team,
        titles: {
          service: row.title,
          owner: row.ownerTitle,
          domain: row.domainTitle,
          system: null,
        },
      }),
    ]),
  };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [operatingModelApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: people })],
        [entityPresentationApiRef, entityPresentationApiMock(TITLES)],
      ]}
    >
      <EntityProvider entity={teamOf(answer)}>{children}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** Every surface, for the answer at its instant: the parts each says. */
async function whatEachSurfaceSays(answer: OnCallResult) {
  const now = new Date(answer.at);
  const said: Record<string, Record<string, string>> = {};

  await render(answer, <PagedNow entityRef={answer.entityRef} now={now} />);
  said.card = partsIn(await screen.findByTestId('paged-now'));
  cleanup();

  await render(answer, <EntityOnCallCard now={now} />);
  said.groupCard = partsIn(await screen.findByTestId('on-call-paged-answer'));
  cleanup();

  await render(answer, <DiscoverabilityView height={400} />);
  said.directory = partsIn(await screen.findByTestId('directory-row'));
  cleanup();

  await render(answer, <WhoIsPagedLookup now={now} />);
  const user = userEvent.setup();
  await user.type(
    await screen.findByRole('textbox', { name: 'Service' }),
    'bed',
  );
  await user.click(await screen.findByRole('option', { name: /Bedroom shop/ }));
  said.lookup = partsIn(await screen.findByTestId('who-is-paged'));
  cleanup();

  return said;
}

describe('who is on call, on every surface', () => {
  it.each<[string, OnCallResult, Record<string, string>]>([
    [
      'the domain rota out of hours, while the team rota’s shift goes on (the Bedroom team at 22:26)',
      onCallResult({
        at: '2026-11-04T22:26:00.000Z',
        period: 'out-of-hours',
        schedule: 'domain',
        person: 'user:default/bob',
        shiftEnd: '2026-11-05T09:00:00.000Z',
        periodEnd: '2026-11-05T09:00:00.000Z',
      }),
      {
        person: 'Bob',
        period: 'out of hours',
        schedule: 'Furnishing domain rota',
        until: 'until Thu, 09:00 GMT',
      },
    ],
    [
      'the team shift of a team in another zone, its clock beside the viewer’s (Payments at 22:26)',
      onCallResult({
        at: '2026-11-04T22:26:00.000Z',
        period: 'working-hours',
        schedule: 'team',
        person: 'user:default/alice',
        shiftEnd: '2026-11-09T14:00:00.000Z',
        // 17:30 in New York: the team's working hours close before its shift ends.
        periodEnd: '2026-11-04T22:30:00.000Z',
        rotas: {
          team: 'group:default/payments-team',
          domain: 'domain:default/checkout',
        },
        workingHours: {
          timezone: 'America/New_York',
          days: 'Mon-Fri',
          start: '09:00',
          end: '17:30',
        },
      }),
      {
        person: 'Alice',
        period: 'working hours',
        schedule: 'Payments team rota',
        until: 'until Wed, 22:30 GMT (Wed 17:30 New York time)',
      },
    ],
    [
      'nobody until the next working-hours start, and who is then',
      onCallResult({
        at: '2026-11-07T03:00:00.000Z',
        period: 'out-of-hours',
        schedule: 'none',
        person: null,
        shiftEnd: null,
        periodEnd: '2026-11-09T09:00:00.000Z',
        next: { person: 'user:default/alice', at: '2026-11-09T09:00:00.000Z' },
      }),
      {
        person: 'Nobody',
        period: 'out of hours',
        schedule: 'no out-of-hours rota',
        until: 'until Mon, 09:00 GMT',
        nextPerson: 'Alice',
        nextSchedule: 'Bedroom team rota',
      },
    ],
  ])(
    'says %s in the same words',
    async (_, answer, expected) => {
      const said = await whatEachSurfaceSays(answer);
      expect(said).toEqual({
        card: expected,
        groupCard: expected,
        directory: expected,
        lookup: expected,
      });
    },
    60_000,
  );
});
