import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import TrafficIcon from '@material-ui/icons/Traffic';
import { operatingModelRouteRef } from '../routes';
import { operatingModelTranslationRef } from '../translation';

/** `page:operating-model`: the page at `/operating-model`, with its item in the app's nav. */
export const operatingModelPage = PageBlueprint.make({
  params: {
    path: '/operating-model',
    title: operatingModelTranslationRef('page.title'),
    icon: <TrafficIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(operatingModelRouteRef),
    loader: () =>
      import('../components/OperatingModelPage').then(m => (
        <m.OperatingModelPage />
      )),
  },
});

/**
 * `page:operating-model/directory`: the directory on a page of its own. Off by default, since
 * it is the first tab of `/operating-model`; an app turns it on with
 * `app.extensions: [page:operating-model/directory]`.
 */
export const directoryPage = PageBlueprint.make({
  name: 'directory',
  disabled: true,
  params: {
    path: '/operating-model-directory',
    title: operatingModelTranslationRef('directoryPage.title'),
    loader: () =>
      import('../components/DiscoverabilityView').then(m => (
        <m.DirectoryPage />
      )),
  },
});
