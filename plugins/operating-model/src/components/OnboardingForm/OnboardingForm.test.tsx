import { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  MockConfigApi,
  TestApiProvider,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parse } from 'yaml';
import { OperatingModelApi, operatingModelApiRef } from '../../api';
import { assessedService } from '../testServices';
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

async function choose(
  user: ReturnType<typeof userEvent.setup>,
  label: RegExp,
  text: string,
  option: string,
) {
  await user.type(screen.getByRole('textbox', { name: label }), text);
  await user.click(await screen.findByRole('option', { name: option }));
}

function targets() {
  return screen.getByTestId('onboarding-targets');
}

function shownYaml(): any {
  const code = screen.getByTestId('catalog-info-yaml').querySelector('code');
  return parse(code?.textContent ?? '');
}

describe('OnboardingForm', () => {
  it('shows the targets, model, on-call level and domain rota siblings as it is filled in', async () => {
    const user = userEvent.setup();
    const { listServices } = await renderForm();

    await user.type(
      screen.getByRole('textbox', { name: /Service name/ }),
      'wardrobe-planner',
    );
    await choose(user, /Owner team/, 'Kitch', 'Kitchen & Dining team');
    await user.type(
      screen.getByRole('textbox', { name: /^Financial exposure per hour/ }),
      '200K',
    );
    expect(targets()).toHaveTextContent('Availability target99.0%');
    expect(targets()).toHaveTextContent('Tolerable downtime a week1:40:48');

    await user.selectOptions(
      screen.getByRole('combobox', { name: /Feature demand/ }),
      'very-high',
    );
    await choose(user, /Product domain/, 'Furn', 'Furnishing');

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
  }, 20_000);

  it('lists no siblings for a service whose out-of-hours level is not domain', async () => {
    const user = userEvent.setup();
    const { listServices } = await renderForm();
    await choose(user, /Product domain/, 'Furn', 'Furnishing');
    await user.type(
      screen.getByRole('textbox', { name: /^Financial exposure per hour/ }),
      '6K',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: /Feature demand/ }),
      'high',
    );

    expect(targets()).toHaveTextContent('Availability target95.0%');
    expect(targets()).toHaveTextContent('Tolerable downtime a week8:24:00');
    expect(targets()).toHaveTextContent('Deployment targetWeekly');
    expect(targets()).toHaveTextContent('On call out of hoursNone');
    expect(targets()).not.toHaveTextContent('Shares the domain rota with');
    expect(listServices).not.toHaveBeenCalled();
  });

  it('recommends Ops Run It for a foundational system, covered by its own group', async () => {
    const user = userEvent.setup();
    await renderForm();
    await user.selectOptions(
      screen.getByRole('combobox', { name: /Class/ }),
      'foundational-system',
    );
    await user.type(
      screen.getByRole('textbox', { name: /^Financial exposure per hour/ }),
      '810K',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: /Feature demand/ }),
      'low',
    );

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
  });

  it('shows the upgraded target during a peak event for a peak exposure', async () => {
    const user = userEvent.setup();
    await renderForm();
    await user.type(
      screen.getByRole('textbox', { name: /^Financial exposure per hour/ }),
      '200K',
    );
    await user.type(
      screen.getByRole('textbox', { name: /^Peak financial exposure/ }),
      '700K',
    );
    expect(targets()).toHaveTextContent(
      'During Black Friday99.9% (0:10:05 a week)',
    );
  });

  it('names the field at fault: a bad exposure, a bad link', async () => {
    const user = userEvent.setup();
    await renderForm();
    const exposure = screen.getByRole('textbox', {
      name: /^Financial exposure per hour/,
    });
    await user.type(exposure, '£200K');

    expect(exposure).toHaveAttribute('aria-invalid', 'true');
    expect(exposure).toHaveAccessibleDescription(
      /"£200K" is not an amount per hour \(leave out the currency, which is set once in operatingModel.currency\)/,
    );
    expect(targets()).toHaveTextContent('Availability target—');

    await user.clear(exposure);
    await user.type(exposure, '200K');
    expect(exposure).toHaveAttribute('aria-invalid', 'false');

    const runbook = screen.getByRole('textbox', { name: /Runbook link/ });
    await user.type(runbook, 'wiki/runbooks/wardrobes');
    expect(runbook).toHaveAccessibleDescription(/not a web address/);
  }, 20_000);

  it('says a required answer is missing once the field is left empty', async () => {
    const user = userEvent.setup();
    await renderForm();
    const name = screen.getByRole('textbox', { name: /Service name/ });
    expect(name).toHaveAttribute('aria-invalid', 'false');
    await user.click(name);
    await user.tab();
    expect(name).toHaveAccessibleDescription(/service name is missing/);
  });

  it('shows the catalog-info.yaml to commit, which parses back to the answers', async () => {
    const user = userEvent.setup();
    await renderForm();
    await user.type(
      screen.getByRole('textbox', { name: /Service name/ }),
      'wardrobe-planner',
    );
    await user.type(
      screen.getByRole('textbox', { name: /Display name/ }),
      'Wardrobe planner',
    );
    await choose(user, /Owner team/, 'Bed', 'Bedroom team');
    await user.type(
      screen.getByRole('textbox', { name: /^Financial exposure per hour/ }),
      '200K',
    );
    await user.type(
      screen.getByRole('textbox', { name: /^Peak financial exposure/ }),
      '250,000',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: /Feature demand/ }),
      'very-high',
    );
    await choose(user, /Product domain/, 'Furn', 'Furnishing');
    await user.click(screen.getByRole('textbox', { name: /Runbook link/ }));
    await user.paste('https://wiki.example/runbooks/wardrobes');
    await user.click(
      screen.getByRole('textbox', { name: /Incident channel link/ }),
    );
    await user.paste('https://chat.example/inc-wardrobes');

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
    await choose(user, /^System/, 'Room', 'Room shops');
    await waitFor(() =>
      expect(shownYaml().spec.system).toBe('system:default/room-shops'),
    );
    expect(shownYaml().metadata.annotations).not.toHaveProperty(
      'operating-model.io/domain',
    );
    expect(screen.getByRole('button', { name: /copy/i })).toBeInTheDocument();
  }, 20_000);

  it('only offers teams as owners and the chosen domain’s systems', async () => {
    const user = userEvent.setup();
    await renderForm();
    await user.click(screen.getByRole('textbox', { name: /Owner team/ }));
    const owners = within(await screen.findByRole('listbox'))
      .getAllByRole('option')
      .map(o => o.textContent);
    expect(owners).toEqual([
      'Bedroom team',
      'Living Room team',
      'Kitchen & Dining team',
    ]);
    await user.keyboard('{Escape}');

    expect(screen.getByRole('textbox', { name: /^System/ })).toBeDisabled();
    await choose(user, /Product domain/, 'Cust', 'Customer Services');
    await user.click(screen.getByRole('textbox', { name: /^System/ }));
    const systems = within(await screen.findByRole('listbox'))
      .getAllByRole('option')
      .map(o => o.textContent);
    expect(systems).toEqual(['Appointments']);
  });
});
