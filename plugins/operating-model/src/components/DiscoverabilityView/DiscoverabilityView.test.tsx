/* eslint-disable no-script-url -- these tests store script URLs on purpose, to see that none is followed */
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { OperatingModelApi, operatingModelApiRef } from '../../api';
import { VIEW_TEST_TIMEOUT_MS } from '../__testUtils__/timeouts';
import { DiscoverabilityView } from './DiscoverabilityView';
import {
  directoryApi,
  directoryService,
  largeDirectory,
  smallDirectory,
} from './testDirectory';

// The viewer reads the times in London, whatever the machine running the tests.
jest.mock('../shared/zonedTime', () => ({
  ...jest.requireActual('../shared/zonedTime'),
  browserTimeZone: () => 'Europe/London',
}));

async function renderView(api: Partial<OperatingModelApi>, height = 600) {
  await renderInTestApp(
    <TestApiProvider apis={[[operatingModelApiRef, api]]}>
      <DiscoverabilityView height={height} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const rowTitles = () =>
  screen
    .queryAllByTestId('directory-row')
    .map(
      row =>
        within(row).getAllByRole('cell')[0].querySelector('a, span')!
          .textContent,
    );

/** The row titles, once they are the expected ones: the list filters a moment after input. */
async function expectRows(titles: string[]) {
  await waitFor(() => expect(rowTitles()).toEqual(titles));
}

async function renderSmall() {
  const api = directoryApi(smallDirectory());
  await renderView(api);
  await screen.findAllByTestId('directory-row');
  return api;
}

/**
 * Puts the whole text in the search box at once, as a paste does. Typing it key by key would
 * re-render the view once a key for nothing: the search waits for typing to pause anyway.
 */
function search(text: string) {
  fireEvent.change(
    screen.getByRole('textbox', {
      name: 'Search services, teams, domains and people',
    }),
    {
      target: { value: text },
    },
  );
}

/**
 * Opens a select and picks an option from its own list. The list is looked up by the select's
 * label, because the list of the select used before may still be fading out, with its own
 * option of the same name.
 */
async function pick(label: string, option: string) {
  fireEvent.mouseDown(screen.getByRole('button', { name: new RegExp(label) }));
  const list = await screen.findByRole('listbox', { name: label });
  fireEvent.click(within(list).getByRole('option', { name: option }));
}

/** Types into an autocomplete filter and picks a suggestion. */
async function suggest(label: string, text: string, option: string) {
  fireEvent.change(screen.getByRole('textbox', { name: label }), {
    target: { value: text },
  });
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

describe('DiscoverabilityView', () => {
  it(
    'shows per service the owner, model, targets, who is on call, incident links and measures',
    async () => {
      await renderSmall();
      expect(rowTitles()).toEqual([
        'Bedroom shop',
        'Kitchen planner',
        'Legacy ERP',
        'Payments',
        'Refunds',
      ]);

      const bedroom = within(screen.getAllByTestId('directory-row')[0]);
      expect(bedroom.getByText('Bedroom shop').closest('a')).toHaveAttribute(
        'href',
        '/catalog/default/component/bedroom',
      );
      expect(bedroom.getByText('Bedroom team').closest('a')).toHaveAttribute(
        'href',
        '/catalog/default/group/bedroom-team',
      );
      expect(bedroom.getByText('You Build It You Run It')).toBeInTheDocument();
      expect(bedroom.getByText('99.0% · Daily')).toBeInTheDocument();
      expect(bedroom.getByText('domain out of hours')).toBeInTheDocument();
      expect(bedroom.getByText('Alice Smith').closest('a')).toHaveAttribute(
        'href',
        '/catalog/default/user/alice',
      );
      expect(bedroom.getByTestId('on-call-words')).toHaveTextContent(
        'working hours, Bedroom team rota, until Wed, 17:30 GMT',
      );
      expect(
        bedroom.getByText('Bedroom team rota').closest('a'),
      ).toHaveAttribute('href', '/catalog/default/group/bedroom-team');
      expect(bedroom.getByText('email').closest('a')).toHaveAttribute(
        'href',
        'mailto:alice@example.com',
      );
      expect(bedroom.getByText('Runbook').closest('a')).toHaveAttribute(
        'href',
        'https://wiki.example/runbooks/bedroom',
      );
      expect(
        bedroom.getByText('Incident channel').closest('a'),
      ).toHaveAttribute('href', 'https://chat.example/inc-bedroom');
      expect(
        bedroom.getByLabelText('Deployment frequency: met'),
      ).toHaveTextContent('31 deploys');
      expect(bedroom.getByLabelText('Availability: met')).toHaveTextContent(
        '99.31% up',
      );

      const kitchen = within(screen.getAllByTestId('directory-row')[1]);
      expect(kitchen.getByText('Nobody')).toBeInTheDocument();
      expect(kitchen.getByTestId('on-call-words')).toHaveTextContent(
        'out of hours, no out-of-hours rota, until Thu, 09:00 GMT; then Dan Brown, Kitchen team rota',
      );
      expect(kitchen.getByText('No runbook')).toBeInTheDocument();
      expect(
        kitchen.getByLabelText('Deployment frequency: missed'),
      ).toBeInTheDocument();
      expect(kitchen.getByLabelText('Availability: no data')).toHaveTextContent(
        'no availability data',
      );

      const legacy = within(screen.getAllByTestId('directory-row')[2]);
      expect(legacy.getByText('1 ownership problem')).toBeInTheDocument();
      const refunds = within(screen.getAllByTestId('directory-row')[4]);
      expect(refunds.getByText('Ops Run It')).toBeInTheDocument();
      expect(
        refunds.getByText('recommended: You Build It You Run It'),
      ).toBeInTheDocument();
      expect(refunds.getByText('1 annotation problem')).toBeInTheDocument();
      // Each badge says what it counts and, on hover, what the problem is and how to fix it.
      fireEvent.mouseOver(legacy.getByText('1 ownership problem'));
      expect(await screen.findByRole('tooltip')).toHaveTextContent(
        /one on-call product team owns each service/,
      );
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'searches across services, teams, domains and people',
    async () => {
      await renderSmall();
      search('priya');
      await expectRows(['Payments', 'Refunds']);
      expect(screen.getByTestId('directory-count')).toHaveTextContent(
        '2 of 5 services',
      );

      search('erin');
      await expectRows(['Kitchen planner']);

      search('nothing like this');
      expect(await screen.findByText(/No service matches/)).toBeInTheDocument();
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'filters by availability target',
    async () => {
      await renderSmall();
      await pick('Availability target', '99.9%');
      await expectRows(['Payments']);
      await pick('Availability target', 'No target');
      await expectRows(['Legacy ERP']);
      expect(screen.getByTestId('directory-count')).toHaveTextContent(
        '1 of 5 services',
      );
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'filters by out-of-hours level',
    async () => {
      await renderSmall();
      await pick('Out of hours', 'None');
      await expectRows(['Kitchen planner']);
      expect(screen.getByTestId('directory-count')).toHaveTextContent(
        '1 of 5 services',
      );
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'filters by the model in force, and by problems with annotations or ownership',
    async () => {
      await renderSmall();
      await pick('Operating model', 'Ops Run It');
      await expectRows(['Legacy ERP', 'Refunds']);

      fireEvent.click(
        screen.getByRole('checkbox', {
          name: 'Annotation or ownership problems',
        }),
      );
      await pick('Operating model', 'Any');
      // Refunds for its annotation problem, Legacy ERP for its owner.
      await expectRows(['Legacy ERP', 'Refunds']);
      expect(screen.getByTestId('directory-count')).toHaveTextContent(
        '2 of 5 services',
      );
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'filters by team and domain',
    async () => {
      await renderSmall();
      await suggest('Team', 'Kitch', 'Kitchen team');
      await expectRows(['Kitchen planner']);

      const team = screen.getByRole('textbox', { name: 'Team' });
      fireEvent.click(
        within(team.closest('.MuiAutocomplete-root') as HTMLElement).getByTitle(
          'Clear',
        ),
      );
      await waitFor(() => expect(rowTitles()).toHaveLength(5));
      await suggest('Domain', 'Check', 'Checkout');
      await expectRows(['Payments', 'Refunds']);
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'groups by team with the team’s people, and by domain with its teams',
    async () => {
      await renderSmall();
      await pick('Group by', 'Team');
      const headings = await screen.findAllByTestId('directory-heading');
      expect(
        headings.map(h => h.querySelector('a, span')!.textContent),
      ).toEqual(['Bedroom team', 'Kitchen team', 'Payments team', 'Zoe']);
      expect(headings[0]).toHaveTextContent(
        'People: Alice Smith <alice@example.com>, Bob Jones <bob@example.com>',
      );
      expect(headings[2]).toHaveTextContent('2 services');

      await pick('Group by', 'Domain');
      await waitFor(() =>
        expect(
          screen
            .getAllByTestId('directory-heading')
            .map(h => h.querySelector('a, span')!.textContent),
        ).toEqual(['Checkout', 'Furnishing', 'No domain']),
      );
      expect(screen.getAllByTestId('directory-heading')[1]).toHaveTextContent(
        'Teams: Bedroom team, Kitchen team',
      );
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'renders only a window of the rows of a large directory, and finds one by name',
    async () => {
      // A thousand rows show the windowing as well as ten thousand; the benchmark measures scale.
      const api = directoryApi(largeDirectory(1_000));
      await renderView(api, 600);
      const rows = await screen.findAllByTestId('directory-row');
      expect(screen.getByTestId('directory-count')).toHaveTextContent(
        '1,000 services',
      );
      // 600 px of 68 px rows and a few rows of overscan: nowhere near 1,000.
      expect(rows.length).toBeGreaterThan(5);
      expect(rows.length).toBeLessThan(25);
      expect(screen.getByRole('table')).toHaveAttribute(
        'aria-rowcount',
        '1000',
      );

      // Only the first page was asked for: the rest come as the list scrolls to them.
      expect(api.queryDirectory).toHaveBeenCalledTimes(1);
      expect(api.queryDirectory).toHaveBeenCalledWith(
        expect.objectContaining({ offset: 0, limit: 100 }),
      );

      search('service 00187-3');
      await expectRows(['Service 00187-3']);
      expect(api.queryDirectory).toHaveBeenLastCalledWith(
        expect.objectContaining({ query: 'service 00187-3', offset: 0 }),
      );
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'does not link to a runbook or channel that is not an http: or https: address',
    async () => {
      const directory = smallDirectory();
      directory.services = [
        directoryService({
          links: {
            runbook: 'javascript:alert(1)',
            incidentChannel: 'data:text/html,hi',
          },
        }),
      ];
      await renderView(directoryApi(directory));
      const row = within(await screen.findByTestId('directory-row'));
      expect(row.getByText('Runbook (not a web link)')).toBeInTheDocument();
      expect(
        row.getByText('Incident channel (not a web link)'),
      ).toBeInTheDocument();
      expect(
        row.queryByRole('link', { name: /Runbook|Incident channel/ }),
      ).not.toBeInTheDocument();
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'shows the error when the directory cannot be loaded',
    async () => {
      const queryDirectory = jest
        .fn()
        .mockRejectedValue(
          await ResponseError.fromResponse(
            new Response(
              '{"error":{"name":"ServiceUnavailableError","message":"not read yet"}}',
              { status: 503, statusText: 'Service Unavailable' },
            ) as any,
          ),
        );
      await renderView({ queryDirectory });
      expect(
        (await screen.findAllByText(/not read yet/)).length,
      ).toBeGreaterThan(0);
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  describe('at a phone’s width', () => {
    const PHONE_WIDTH = 390;

    /** A `window.matchMedia` that answers width queries as a 390 px wide screen would. */
    function matchAtPhoneWidth(query: string): MediaQueryList {
      const max = /max-width:\s*([\d.]+)px/.exec(query);
      const min = /min-width:\s*([\d.]+)px/.exec(query);
      const matches =
        (!max || PHONE_WIDTH <= Number(max[1])) &&
        (!min || PHONE_WIDTH >= Number(min[1]));
      return {
        matches,
        media: query,
        onchange: null,
        addListener: () => {},
        removeListener: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
        dispatchEvent: () => false,
      };
    }

    beforeEach(() => {
      window.matchMedia = matchAtPhoneWidth;
    });
    afterEach(() => {
      // jsdom has no matchMedia of its own: the other tests see the wide layout.
      delete (window as Partial<Window>).matchMedia;
    });

    it(
      'puts the filters behind one button that counts those set',
      async () => {
        await renderSmall();
        expect(
          screen.queryByRole('button', { name: /Operating model/ }),
        ).not.toBeInTheDocument();
        const button = screen.getByRole('button', { name: 'Filters' });
        expect(button).toHaveAttribute('aria-expanded', 'false');

        fireEvent.click(button);
        expect(button).toHaveAttribute('aria-expanded', 'true');
        await pick('Operating model', 'Ops Run It');
        await expectRows(['Legacy ERP', 'Refunds']);
        expect(
          screen.getByRole('button', { name: 'Filters (1)' }),
        ).toBeInTheDocument();

        fireEvent.click(
          screen.getByRole('checkbox', {
            name: 'Annotation or ownership problems',
          }),
        );
        expect(
          await screen.findByRole('button', { name: 'Filters (2)' }),
        ).toBeInTheDocument();
        await expectRows(['Legacy ERP', 'Refunds']);
      },
      VIEW_TEST_TIMEOUT_MS,
    );

    it(
      'shows each service as a compact row: who is on call now and the runbook and channel first, then the owner',
      async () => {
        await renderSmall();
        expect(screen.queryAllByRole('columnheader')).toHaveLength(0);
        const row = screen.getAllByTestId('directory-row')[0];
        const bedroom = within(row);
        expect(bedroom.getByText('Bedroom shop').closest('a')).toHaveAttribute(
          'href',
          '/catalog/default/component/bedroom',
        );
        expect(bedroom.getByText('Alice Smith').closest('a')).toHaveAttribute(
          'href',
          '/catalog/default/user/alice',
        );
        expect(bedroom.getByTestId('on-call-words')).toHaveTextContent(
          'working hours, Bedroom team rota, until Wed, 17:30 GMT',
        );
        expect(bedroom.getByText('Runbook').closest('a')).toHaveAttribute(
          'href',
          'https://wiki.example/runbooks/bedroom',
        );
        expect(
          bedroom.getByText('Incident channel').closest('a'),
        ).toHaveAttribute('href', 'https://chat.example/inc-bedroom');
        expect(bedroom.getByText('Bedroom team').closest('a')).toHaveAttribute(
          'href',
          '/catalog/default/group/bedroom-team',
        );
        expect(row.textContent).toMatch(
          /^Bedroom shop.*On call now:.*Alice Smith.*Runbook.*Incident channel.*Owner:.*Bedroom team$/,
        );

        const kitchen = within(screen.getAllByTestId('directory-row')[1]);
        expect(kitchen.getByText('Nobody')).toBeInTheDocument();
        expect(kitchen.getByText('No runbook')).toBeInTheDocument();
      },
      VIEW_TEST_TIMEOUT_MS,
    );
  });
});
