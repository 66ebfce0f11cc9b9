import { SearchFilterResultTypeBlueprint } from '@backstage/plugin-search-react/alpha';
import { operatingModelSearchResultType } from './extensions/search';
import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  ExtensionDefinition,
  ExtensionDefinitionParameters,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { OperatingModelApi, operatingModelApiRef } from './api';
import { operatingModelApi } from './extensions/apis';
import {
  onCallEntityCard,
  operatingModelEntityCard,
} from './extensions/entityCards';
import {
  measuresEntityContent,
  onCallEntityContent,
} from './extensions/entityContent';
import { directoryPage, operatingModelPage } from './extensions/pages';
import defaultExport from './index';
import { operatingModelFrontendPlugin } from './plugin';
import { operatingModelRouteRef } from './routes';
import { entityPresentationApiMock } from './components/testPeople';
import { FreshPermissions } from './components/__testUtils__/FreshPermissions';
import { VIEW_TEST_TIMEOUT_MS } from './components/__testUtils__/timeouts';

function entity(kind: string, spec: Entity['spec'] = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'bedroom', namespace: 'default' },
    spec,
  };
}

const service = entity('Component', { type: 'service', owner: 'bedroom-team' });
const website = entity('Component', { type: 'website', owner: 'bedroom-team' });
const group = entity('Group', { type: 'team' });
const domain = entity('Domain', { owner: 'furnishing' });
const user = entity('User');

// Answers nothing, so each extension shows its frame (title, tab, heading) and its loading state.
const pendingApi: Partial<OperatingModelApi> = {
  getService: () => new Promise(() => {}),
  getOnCall: () => new Promise(() => {}),
  getSchedule: () => new Promise(() => {}),
};

// The tab and page titles are messages of the translation ref, which the app's translation API
// resolves when the extension is created.
function tester<T extends ExtensionDefinitionParameters>(
  extension: ExtensionDefinition<T>,
) {
  return createExtensionTester(extension, { apis: [mockApis.translation()] });
}

describe('operatingModelFrontendPlugin', () => {
  it('is the default export of the package', () => {
    expect(defaultExport).toBe(operatingModelFrontendPlugin);
  });

  it.each([
    'api:operating-model',
    'entity-card:operating-model',
    'entity-card:operating-model/on-call',
    'entity-content:operating-model/on-call',
    'entity-content:operating-model/measures',
    'page:operating-model',
    'page:operating-model/directory',
    'search-filter-result-type:operating-model',
  ])('provides %s', id => {
    expect(operatingModelFrontendPlugin.getExtension(id as any)).toBeDefined();
  });

  it('mounts the page route as its root route', () => {
    expect(operatingModelFrontendPlugin.routes.root).toBeDefined();
    expect(tester(operatingModelPage).get(coreExtensionData.routeRef)).toBe(
      operatingModelFrontendPlugin.routes.root,
    );
    expect(operatingModelRouteRef).toBeDefined();
  });
});

describe('search-filter-result-type:operating-model', () => {
  it("offers the collator's document type on the search page's type filter", () => {
    expect(
      tester(operatingModelSearchResultType).get(
        SearchFilterResultTypeBlueprint.dataRefs.resultType,
      ),
    ).toMatchObject({
      value: 'operating-model-service',
      name: 'Operating model',
    });
  });
});

describe('api:operating-model', () => {
  it('provides the operating-model client', () => {
    const factory = tester(operatingModelApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(operatingModelApiRef.id);
    expect(Object.keys(factory.deps).sort()).toEqual([
      'discoveryApi',
      'fetchApi',
    ]);
  });
});

describe('entity-card:operating-model', () => {
  it.each([
    ['a service', service, true],
    ['a website without annotations', website, false],
    ['a Group', group, false],
    ['a Domain', domain, false],
  ])('applies to %s: %s', (_name, subject, expected) => {
    const filter = tester(operatingModelEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    expect(filter!(subject)).toBe(expected);
  });

  it(
    'renders the card for the entity on the page',
    async () => {
      const subject = tester(operatingModelEntityCard);
      await renderInTestApp(
        <EntityProvider entity={service}>
          {subject.reactElement()}
        </EntityProvider>,
        {
          apis: [
            [operatingModelApiRef, pendingApi],
            mockApis.config({ data: { operatingModel: { currency: 'GBP' } } }),
          ],
        },
      );
      expect(await screen.findByText('Operating model')).toBeInTheDocument();
    },
    VIEW_TEST_TIMEOUT_MS,
  );
});

describe('entity-card:operating-model/on-call', () => {
  it.each([
    ['a Group', group, true],
    ['a Domain', domain, true],
    ['a service', service, false],
    ['a User', user, false],
  ])('applies to %s', (_name, subject, expected) => {
    const filter = tester(onCallEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    expect(filter!(subject)).toBe(expected);
  });

  it(
    'renders the on-call card with its link to the rota tab',
    async () => {
      const subject = tester(onCallEntityCard);
      await renderInTestApp(
        <EntityProvider entity={group}>
          {subject.reactElement()}
        </EntityProvider>,
        {
          apis: [[operatingModelApiRef, pendingApi]],
          mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        },
      );
      expect(await screen.findByText('On call')).toBeInTheDocument();
      expect(
        screen.getByRole('link', { name: /See the whole rota/ }),
      ).toHaveAttribute('href', expect.stringMatching(/\/on-call$/));
    },
    VIEW_TEST_TIMEOUT_MS,
  );
});

describe('entity-content:operating-model/on-call', () => {
  it('is the On call tab at /on-call', () => {
    const subject = tester(onCallEntityContent);
    expect(subject.get(coreExtensionData.routePath)).toBe('/on-call');
    expect(subject.get(EntityContentBlueprint.dataRefs.title)).toBe('On call');
  });

  it.each([
    ['a Group', group, true],
    ['a Domain', domain, true],
    ['a service', service, false],
  ])('applies to %s', (_name, subject, expected) => {
    const filter = tester(onCallEntityContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    );
    expect(filter!(subject)).toBe(expected);
  });

  it(
    "renders a Group's team rota",
    async () => {
      const subject = tester(onCallEntityContent);
      await renderInTestApp(
        <FreshPermissions>
          <EntityProvider entity={group}>
            {subject.reactElement()}
          </EntityProvider>
        </FreshPermissions>,
        {
          apis: [
            [operatingModelApiRef, pendingApi],
            [entityPresentationApiRef, entityPresentationApiMock()],
            mockApis.permission(),
          ],
        },
      );
      expect(await screen.findByText('Team rota')).toBeInTheDocument();
    },
    VIEW_TEST_TIMEOUT_MS,
  );
});

describe('entity-content:operating-model/measures', () => {
  it('is the Measures tab at /measures', () => {
    const subject = tester(measuresEntityContent);
    expect(subject.get(coreExtensionData.routePath)).toBe('/measures');
    expect(subject.get(EntityContentBlueprint.dataRefs.title)).toBe('Measures');
  });

  it.each([
    ['a service', service, true],
    ['a Group', group, true],
    ['a Domain', domain, true],
    ['a website without annotations', website, false],
    ['a User', user, false],
  ])('applies to %s', (_name, subject, expected) => {
    const filter = tester(measuresEntityContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    );
    expect(filter!(subject)).toBe(expected);
  });
});

describe('page:operating-model', () => {
  it('is the page at /operating-model, with a title and icon for the nav', () => {
    const subject = tester(operatingModelPage);
    expect(subject.get(coreExtensionData.routePath)).toBe('/operating-model');
    expect(subject.get(coreExtensionData.title)).toBe('Operating model');
    expect(subject.get(coreExtensionData.icon)).toBeDefined();
  });

  it('has the directory page at its own path, off by default', () => {
    const page = operatingModelFrontendPlugin.getExtension(
      'page:operating-model/directory',
    );
    expect(page).toMatchObject({ disabled: true });
    expect(tester(directoryPage).get(coreExtensionData.routePath)).toBe(
      '/operating-model-directory',
    );
    expect(
      operatingModelFrontendPlugin.getExtension('page:operating-model'),
    ).not.toMatchObject({ disabled: true });
  });
});
