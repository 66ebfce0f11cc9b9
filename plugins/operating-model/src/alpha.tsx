import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import TrafficIcon from '@material-ui/icons/Traffic';
import { OperatingModelClient, operatingModelApiRef } from './api';
import {
  isMeasuresAvailable,
  isOnCallRotaAvailable,
  isOperatingModelAvailable,
} from './conditions';
import { rootRouteRef } from './routes';

const operatingModelApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: operatingModelApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new OperatingModelClient(deps),
    }),
});

const operatingModelEntityCard = EntityCardBlueprint.make({
  params: {
    filter: isOperatingModelAvailable,
    loader: () =>
      import('./components/EntityOperatingModelCard').then(m => (
        <m.EntityOperatingModelCard />
      )),
  },
});

const onCallEntityCard = EntityCardBlueprint.make({
  name: 'on-call',
  params: {
    filter: isOnCallRotaAvailable,
    loader: () =>
      import('./components/EntityOnCallCard').then(m => <m.EntityOnCallCard />),
  },
});

const onCallEntityContent = EntityContentBlueprint.make({
  name: 'on-call',
  params: {
    path: '/on-call',
    title: 'On call',
    filter: isOnCallRotaAvailable,
    loader: () =>
      import('./components/EntityRotaContent').then(m => (
        <m.EntityRotaContent />
      )),
  },
});

const measuresEntityContent = EntityContentBlueprint.make({
  name: 'measures',
  params: {
    path: '/measures',
    title: 'Measures',
    filter: isMeasuresAvailable,
    loader: () =>
      import('./components/EntityMeasuresContent').then(m => (
        <m.EntityMeasuresContent />
      )),
  },
});

// The directory on a page of its own, off by default (it is the first tab of /operating-model);
// an app turns it on with `app.extensions: [page:operating-model/directory]`.
const directoryPage = PageBlueprint.make({
  name: 'directory',
  disabled: true,
  params: {
    path: '/operating-model-directory',
    title: 'Who owns what',
    loader: () =>
      import('./components/DiscoverabilityView').then(m => <m.DirectoryPage />),
  },
});

const operatingModelPage = PageBlueprint.make({
  params: {
    path: '/operating-model',
    title: 'Operating model',
    icon: <TrafficIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/OperatingModelPage').then(m => (
        <m.OperatingModelPage />
      )),
  },
});

/**
 * The operating-model plugin for the new frontend system: the API, the Component card, the
 * on-call card and "On call" tab of Groups and Domains, the "Measures" tab of services, Groups
 * and Domains, and the `/operating-model` page.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'operating-model',
  title: 'Operating model',
  icon: <TrafficIcon fontSize="inherit" />,
  extensions: [
    operatingModelApi,
    operatingModelEntityCard,
    onCallEntityCard,
    onCallEntityContent,
    measuresEntityContent,
    operatingModelPage,
    directoryPage,
  ],
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
});
