import { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  MockConfigApi,
  TestApiProvider,
  renderInTestApp,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parse } from 'yaml';
import { OperatingModelApi, operatingModelApiRef } from '../../api';
import { assessedService } from '../testServices';
import { VIEW_TEST_TIMEOUT_MS } from '../__testUtils__/timeouts';
import { OnboardingForm } from './OnboardingForm';

const NOW = new Date('2026-10-14T10:00:00Z');

function entity(
  kind: string,
  name: string,
  title: string,
  spec: Entity['spec'],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', title },
    spec,
  };
}

const catalog: Entity[] = [
  entity('Group', 'bedroom-team', 'Bedroom team', {
    type: 'team',
    children: [],
  }),
  entity('Group', 'living-room-team', 'Living Room team', {
    type: 'team',
    children: [],
  }),
  entity('Group', 'kitchen-team', 'Kitchen & Dining team', {
    type: 'team',
    children: [],
  }),
  entity('Group', 'product-engineering', 'Product & Engineering', {
    type: 'department',
    children: [],
  }),
  entity('Domain', 'furnishing', 'Furnishing', {
    owner: 'product-engineering',
  }),
  entity('Domain', 'customer-services', 'Customer Services', {
    owner: 'product-engineering',
  }),
  entity('System', 'room-shops', 'Room shops', {
    owner: 'bedroom-team',
    domain: 'furnishing',
  }),
  entity('System', 'appointments-system', 'Appointments', {
    owner: 'bedroom-team',
    domain: 'customer-services',
  }),
];

const services = [
  assessedService(),
  assessedService({
    entityRef: 'component:default/living-room',
    owner: 'group:default/living-room-team',
    titles: {
      service: 'Living room shop',
      owner: 'Living Room team',
      domain: 'Furnishing',
      system: null,
    },
  }),
  assessedService({
    entityRef: 'component:default/kitchen-planner',
    owner: 'group:default/kitchen-team',
    onCall: { workingHours: 'team', outOfHours: 'team' },
    titles: {
      service: 'Kitchen planner',
      owner: 'Kitchen & Dining team',
      domain: 'Furnishing',
      system: null,
    },
  }),
  assessedService({
    entityRef: 'component:default/appointments',
    owner: 'group:default/aftercare-team',
    domain: 'domain:default/customer-services',
    titles: {
      service: 'Appointments',
      owner: 'Aftercare team',
      domain: 'Customer Services',
      system: null,
    },
  }),
];

const operatingModel = {
  currency: 'GBP',
  featureDemandBands: {
    low: 'monthly',
    medium: 'fortnightly',
    high: 'weekly',
    'very-high': 'daily',
  },
  peakEvents: [
    {
      name: 'Black Friday',
      start: '2026-11-26T00:00:00Z',
      end: '2026-12-01T00:00:00Z',
    },
  ],
};

async function renderForm(api: Partial<OperatingModelApi> = {}) {
  const listServices = jest.fn().mockResolvedValue(services);
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [operatingModelApiRef, { listServices, ...api }],
        [catalogApiRef, catalogApiMock({ entities: catalog })],
        [configApiRef, new MockConfigApi({ operatingModel })],
      ]}
    >
      <OnboardingForm now={NOW} />
    </TestApiProvider>,
  );
  return { listServices };
}

/**
 * Writes a whole answer at once, as a paste does. Typed key by key, every key would re-run the
 * rules and re-render the catalog-info.yaml for an answer nobody reads half-typed.
 */
function answer(label: RegExp, text: string) {
  fireEvent.change(screen.getByRole('textbox', { name: label }), {
    target: { value: text },
  });
}

/** Picks an option of a native select, as choosing it from the list does. */
function select(label: RegExp, value: string) {
  fireEvent.change(screen.getByRole('combobox', { name: label }), {
    target: { value },
  });
}

/** Types the start of a name into an autocomplete and picks the suggestion once it shows. */
async function choose(label: RegExp, text: string, option: string) {
  answer(label, text);
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

/** Opens an autocomplete and gives the names of its options, once it has loaded them. */
async function optionsOf(label: RegExp): Promise<string[]> {
  fireEvent.mouseDown(screen.getByRole('textbox', { name: label }));
  const list = await screen.findByRole('listbox');
  return within(list)
    .getAllByRole('option')
    .map(o => o.textContent ?? '');
}

function targets() {
  return screen.getByTestId('onboarding-targets');
}

function shownYaml(): any {
  const code = screen.getByTestId('catalog-info-yaml').querySelector('code');
  return parse(code?.textContent ?? '');
}

describe('OnboardingForm', () => {
  it(
    'shows the targets, model, on-call level and domain rota siblings as it is filled in',
    async () => {
      const { listServices } = await renderForm();

      answer(/Service name/, 'wardrobe-planner');
      await choose(/Owner team/, 'Kitch', 'Kitchen & Dining team');
      answer(/^Financial exposure per hour/, '200K');
      expect(targets()).toHaveTextContent('Availability target99.0%');
      expect(targets()).toHaveTextContent('Tolerable downtime a week1:40:48');

      select(/Feature demand/, 'very-high');
      await choose(/Product domain/, 'Furn', 'Furnishing');

      expect(targets()).toHaveTextContent('Deployment targetDaily');
      expect(targets()).toHaveTextContent(
        'Recommended modelYou Build It You Run It',
      );
      expect(targets()).toHaveTextContent(
        'Green: ready for You Build It You Run It',
      );
      expect(targets()).toHaveTextContent(
        'On call in working hoursTeam: Kitchen & Dining team',
      );
      expect(targets()).toHaveTextContent(
        "On call out of hoursDomain: the Furnishing's shared rota",
      );

      // The other teams with domain-level services in Furnishing; not the owner, whose
      // kitchen planner has its own rota, and not teams of other domains.
      const siblings = await screen.findByTestId('domain-siblings');
      const items = within(siblings)
        .getAllByRole('listitem')
        .map(li => li.textContent);
      expect(items).toEqual([
        'Bedroom team (Bedroom shop)',
        'Living Room team (Living room shop)',
      ]);
      expect(listServices).toHaveBeenCalledWith({ at: NOW });
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'lists no siblings for a service whose out-of-hours level is not domain',
    async () => {
      const { listServices } = await renderForm();
      await choose(/Product domain/, 'Furn', 'Furnishing');
      answer(/^Financial exposure per hour/, '6K');
      select(/Feature demand/, 'high');

      expect(targets()).toHaveTextContent('Availability target95.0%');
      expect(targets()).toHaveTextContent('Tolerable downtime a week8:24:00');
      expect(targets()).toHaveTextContent('Deployment targetWeekly');
      expect(targets()).toHaveTextContent('On call out of hoursNone');
      expect(targets()).not.toHaveTextContent('Shares the domain rota with');
      expect(listServices).not.toHaveBeenCalled();
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'recommends Ops Run It for a foundational system, covered by its own group',
    async () => {
      await renderForm();
      select(/Class/, 'foundational-system');
      answer(/^Financial exposure per hour/, '810K');
      select(/Feature demand/, 'low');

      expect(targets()).toHaveTextContent('Availability target99.9%');
      expect(targets()).toHaveTextContent('Tolerable downtime a week0:10:05');
      expect(targets()).toHaveTextContent('Deployment targetMonthly');
      expect(targets()).toHaveTextContent('Recommended modelOps Run It');
      expect(targets()).toHaveTextContent(
        'Red: keep it under Ops Run It for now',
      );
      expect(targets()).toHaveTextContent(
        "Team: the owning team's own schedule (Ops Run It)",
      );
      expect(targets()).toHaveTextContent(/above the highest band/);
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'shows the upgraded target during a peak event for a peak exposure',
    async () => {
      await renderForm();
      answer(/^Financial exposure per hour/, '200K');
      answer(/^Peak financial exposure/, '700K');
      expect(targets()).toHaveTextContent(
        'During Black Friday99.9% (0:10:05 a week)',
      );
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'names the field at fault: a bad exposure, a bad link',
    async () => {
      await renderForm();
      const exposure = screen.getByRole('textbox', {
        name: /^Financial exposure per hour/,
      });
      answer(/^Financial exposure per hour/, '£200K');

      expect(exposure).toHaveAttribute('aria-invalid', 'true');
      expect(exposure).toHaveAccessibleDescription(
        /"£200K" is not an amount per hour \(leave out the currency, which is set once in operatingModel.currency\)/,
      );
      expect(targets()).toHaveTextContent('Availability target—');

      answer(/^Financial exposure per hour/, '200K');
      expect(exposure).toHaveAttribute('aria-invalid', 'false');

      answer(/Runbook link/, 'wiki/runbooks/wardrobes');
      expect(
        screen.getByRole('textbox', { name: /Runbook link/ }),
      ).toHaveAccessibleDescription(/not a web address/);
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'says a required answer is missing once the field is left empty',
    async () => {
      const user = userEvent.setup();
      await renderForm();
      const name = screen.getByRole('textbox', { name: /Service name/ });
      expect(name).toHaveAttribute('aria-invalid', 'false');
      await user.click(name);
      await user.tab();
      expect(name).toHaveAccessibleDescription(/service name is missing/);
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'shows the catalog-info.yaml to commit, which parses back to the answers',
    async () => {
      await renderForm();
      answer(/Service name/, 'wardrobe-planner');
      answer(/Display name/, 'Wardrobe planner');
      await choose(/Owner team/, 'Bed', 'Bedroom team');
      answer(/^Financial exposure per hour/, '200K');
      answer(/^Peak financial exposure/, '250,000');
      select(/Feature demand/, 'very-high');
      await choose(/Product domain/, 'Furn', 'Furnishing');
      answer(/Runbook link/, 'https://wiki.example/runbooks/wardrobes');
      answer(/Incident channel link/, 'https://chat.example/inc-wardrobes');

      expect(shownYaml()).toEqual({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'wardrobe-planner',
          title: 'Wardrobe planner',
          annotations: {
            'operating-model.io/service-class': 'digital-service',
            'operating-model.io/financial-exposure': '200K',
            'operating-model.io/peak-financial-exposure': '250,000',
            'operating-model.io/feature-demand': 'very-high',
            'operating-model.io/domain': 'domain:default/furnishing',
          },
          links: [
            {
              url: 'https://wiki.example/runbooks/wardrobes',
              title: 'Runbook',
              type: 'runbook',
            },
            {
              url: 'https://chat.example/inc-wardrobes',
              title: 'Incident channel',
              type: 'incident-channel',
            },
          ],
        },
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner: 'group:default/bedroom-team',
        },
      });
      expect(
        screen.getByText(/Commit this file beside the service's code/),
      ).toBeInTheDocument();

      // A System of the chosen domain replaces the domain annotation.
      await choose(/^System/, 'Room', 'Room shops');
      await waitFor(() =>
        expect(shownYaml().spec.system).toBe('system:default/room-shops'),
      );
      expect(shownYaml().metadata.annotations).not.toHaveProperty(
        'operating-model.io/domain',
      );
      expect(screen.getByRole('button', { name: /copy/i })).toBeInTheDocument();
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'only offers teams as owners',
    async () => {
      await renderForm();
      expect(await optionsOf(/Owner team/)).toEqual([
        'Bedroom team',
        'Living Room team',
        'Kitchen & Dining team',
      ]);
    },
    VIEW_TEST_TIMEOUT_MS,
  );

  it(
    'offers only the chosen domain’s systems',
    async () => {
      await renderForm();
      expect(screen.getByRole('textbox', { name: /^System/ })).toBeDisabled();
      await choose(/Product domain/, 'Cust', 'Customer Services');
      await waitFor(() =>
        expect(screen.getByRole('textbox', { name: /^System/ })).toBeEnabled(),
      );
      expect(await optionsOf(/^System/)).toEqual(['Appointments']);
    },
    VIEW_TEST_TIMEOUT_MS,
  );
});
