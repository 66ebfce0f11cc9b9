import {
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  PitfallsAnswer,
  bandsReviewDue,
  detectBandsNotReviewed,
  detectChangeManagementTreacle,
  detectExcessiveBau,
  detectLimitedOnCallSchedule,
  detectLinearRunCost,
  detectLossesAboveExposure,
  detectResponsibleButUnaccountable,
  detectSharedDatabases,
  lossReflections,
  readOperatingModelConfigFromObject,
} from '@operating-model/backstage-plugin-operating-model-common';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { OperatingModelApi, operatingModelApiRef } from '../../api';
import { entityPresentationApiMock } from '../testPeople';
import { PitfallsView } from './PitfallsView';

const NOW = new Date('2026-11-24T12:00:00Z');
const { availabilityBands: bands } = readOperatingModelConfigFromObject({});

/** An answer as the backend builds it, from the same detectors. */
function answer(
  options: { bandsLastReviewed?: string | null; quiet?: boolean } = {},
): PitfallsAnswer {
  const bandsLastReviewed =
    options.bandsLastReviewed === undefined
      ? '2026-06-01'
      : options.bandsLastReviewed;
  const reflections = lossReflections({
    services: [
      {
        entityRef: 'component:default/kitchen-planner',
        owner: 'group:default/kitchen-team',
        exposurePerHour: 150_000,
        availabilityTarget: 99,
        lossRates: options.quiet ? [] : [400_000],
      },
      {
        entityRef: 'component:default/bedroom',
        owner: 'group:default/bedroom-team',
        exposurePerHour: 200_000,
        availabilityTarget: 99,
        lossRates: [20_000],
      },
    ],
    bands,
  });
  const quiet = Boolean(options.quiet);
  return {
    from: '2026-08-26T12:00:00.000Z',
    to: NOW.toISOString(),
    at: NOW.toISOString(),
    currency: 'GBP',
    pitfalls: [
      detectLinearRunCost({
        services: [],
        standbyPerWeek: 350,
        currency: 'GBP',
      }),
      detectResponsibleButUnaccountable({
        services: [],
        bands,
        currency: 'GBP',
      }),
      detectLimitedOnCallSchedule({
        rotas: quiet
          ? []
          : [
              {
                rotaRef: 'group:default/kitchen-team',
                kind: 'team',
                participants: 2,
                optedOutCount: 1,
                outOfHours: false,
              },
            ],
        minimumParticipants: 3,
      }),
      detectExcessiveBau({
        teams: [
          {
            team: 'group:default/bedroom-team',
            reworkRate: quiet ? 0.1 : 0.44,
            weeks: 4,
          },
        ],
      }),
      detectChangeManagementTreacle({ teams: [] }),
      detectBandsNotReviewed({ bandsLastReviewed, now: NOW }),
      detectLossesAboveExposure({ reflections, currency: 'GBP' }),
      detectSharedDatabases({
        resources: quiet
          ? []
          : [
              {
                entityRef: 'resource:default/shop-db',
                type: 'database',
                dependents: [
                  'component:default/bedroom',
                  'component:default/living-room',
                ],
              },
            ],
      }),
    ],
    reflection: {
      bandsLastReviewed,
      reviewDue: bandsReviewDue(bandsLastReviewed),
      overdue:
        detectBandsNotReviewed({ bandsLastReviewed, now: NOW }).findings
          .length > 0,
      services: reflections,
    },
  };
}

async function renderView(api: Partial<OperatingModelApi>) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [operatingModelApiRef, api],
        [entityPresentationApiRef, entityPresentationApiMock()],
      ]}
    >
      <PitfallsView now={NOW} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('PitfallsView', () => {
  it('lists the pitfalls showing first, each with where it shows, the evidence and the practice', async () => {
    const getPitfalls = jest.fn().mockResolvedValue(answer());
    await renderView({ getPitfalls });
    expect(await screen.findByTestId('pitfalls-summary')).toHaveTextContent(
      '3 of the 6 pitfalls looked for are showing.',
    );
    expect(getPitfalls).toHaveBeenCalledWith({
      from: new Date('2026-08-26T12:00:00Z'),
      to: NOW,
    });

    const titles = screen
      .getAllByRole('heading', { level: 3 })
      .map(h => h.textContent)
      .slice(0, 6);
    expect(titles).toEqual([
      'Limited on-call schedule',
      'Excessive BAU',
      'Database shared between services',
      'Linear run cost',
      'Responsible but unaccountable',
      'Change management treacle',
    ]);

    const limited = screen.getByTestId('pitfall-limited-on-call-schedule');
    expect(limited).toHaveTextContent('Seen in 1 place');
    expect(
      within(limited).getByRole('link', { name: 'Kitchen team' }),
    ).toBeInTheDocument();
    expect(limited).toHaveTextContent(
      '2 people on the team rota (1 person opted out), fewer than the 3 a sustainable schedule needs',
    );
    expect(limited).toHaveTextContent(
      'How to avoid it: Build a rota people can sustain',
    );

    const shared = screen.getByTestId('pitfall-shared-database');
    expect(shared).toHaveTextContent(
      '2 services depend on this database: component:default/bedroom, component:default/living-room',
    );
    expect(
      within(shared).getByRole('link', { name: /shop-db/ }),
    ).toBeInTheDocument();
    // The services the evidence names are links to them, shown by the catalog's name for them.
    expect(
      within(shared)
        .getAllByRole('link')
        .map(link => link.getAttribute('href')),
    ).toEqual(
      expect.arrayContaining([
        '/catalog/default/component/bedroom',
        '/catalog/default/component/living-room',
      ]),
    );

    const linear = screen.getByTestId('pitfall-linear-run-cost');
    expect(linear).toHaveTextContent('Not seen');
    expect(linear).toHaveTextContent(
      'How to avoid it: Choose availability targets, and with them out-of-hours schedules, from financial exposure',
    );
  });

  it('holds the quarterly reflection: when the bands were reviewed, and losses against exposures', async () => {
    await renderView({ getPitfalls: jest.fn().mockResolvedValue(answer()) });
    const reflection = await screen.findByTestId('quarterly-reflection');
    expect(reflection).toHaveTextContent(
      'The exposure bands were last reviewed on 2026-06-01; the review due on 2026-09-01 is late.',
    );
    const rows = within(reflection).getAllByTestId('reflection-row');
    expect(
      rows.map(r =>
        within(r)
          .getAllByRole('cell')
          .map(c => c.textContent),
      ),
    ).toEqual([
      [
        'component:default/bedroom',
        '1',
        '£200k',
        '£20k',
        '99.0% (target 99.0%)',
        'Within it',
      ],
      [
        'component:default/kitchen-planner',
        '1',
        '£150k',
        '£400k',
        '99.9% (target 99.0%)',
        'Above the exposure',
      ],
    ]);
    expect(
      within(reflection).getByTestId('pitfall-losses-above-exposure'),
    ).toHaveTextContent(
      'lost £400K an hour, above its declared exposure of £150K an hour',
    );
    expect(
      within(reflection).getByTestId('pitfall-bands-not-reviewed'),
    ).toHaveTextContent('Seen in 1 place');
  });

  it('says when nothing is showing and the bands were reviewed in time', async () => {
    await renderView({
      getPitfalls: jest
        .fn()
        .mockResolvedValue(
          answer({ bandsLastReviewed: '2026-10-01', quiet: true }),
        ),
    });
    const summary = await screen.findByTestId('pitfalls-summary');
    expect(summary).toHaveTextContent(
      'None of the 6 pitfalls looked for is showing',
    );
    // Why nothing shows: what the pitfalls are read from, and the window looked at.
    expect(summary).toHaveTextContent(
      'Over the last 90 days no team, domain or service shows a sign of them',
    );
    const reflection = screen.getByTestId('quarterly-reflection');
    expect(reflection).toHaveTextContent(
      'the next review is due by 2027-01-01',
    );
    expect(
      within(reflection).getByTestId('pitfall-bands-not-reviewed'),
    ).toHaveTextContent('Not seen');
  });

  it('says why no pitfall could be looked for when there are no services', async () => {
    await renderView({
      getPitfalls: jest.fn().mockResolvedValue({ ...answer(), pitfalls: [] }),
    });
    expect(
      await screen.findByText('No pitfalls could be looked for'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/appear once the catalog has them/),
    ).toBeInTheDocument();
  });

  it('says when no review of the bands is recorded', async () => {
    await renderView({
      getPitfalls: jest
        .fn()
        .mockResolvedValue(answer({ bandsLastReviewed: null })),
    });
    expect(await screen.findByTestId('quarterly-reflection')).toHaveTextContent(
      'No review of the financial exposure bands is recorded.',
    );
  });

  it('asks again for another window, and shows an error from the backend', async () => {
    const getPitfalls = jest
      .fn()
      .mockResolvedValueOnce(answer())
      .mockRejectedValue(new Error('from: must be an ISO 8601 instant'));
    await renderView({ getPitfalls });
    await screen.findByTestId('pitfalls-summary');
    fireEvent.mouseDown(screen.getByRole('button', { name: /Window/ }));
    fireEvent.click(
      await screen.findByRole('option', { name: 'Last 365 days' }),
    );
    await waitFor(() =>
      expect(getPitfalls).toHaveBeenLastCalledWith({
        from: new Date('2025-11-24T12:00:00Z'),
        to: NOW,
      }),
    );
    expect(
      (await screen.findAllByText(/from: must be an ISO 8601 instant/)).length,
    ).toBeGreaterThan(0);
  });
});
