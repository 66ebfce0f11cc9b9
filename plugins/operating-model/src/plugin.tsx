import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import TrafficIcon from '@material-ui/icons/Traffic';
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
import { operatingModelSearchResultType } from './extensions/search';
import { operatingModelRouteRef } from './routes';

/**
 * The operating-model plugin for the new frontend system: the API, the service card, the
 * on-call card and "On call" tab of Groups and Domains, the "Measures" tab of services, Groups
 * and Domains, the `/operating-model` page with its nav item, and the search page's result type.
 *
 * @public
 */
export const operatingModelFrontendPlugin = createFrontendPlugin({
  pluginId: 'operating-model',
  title: 'Operating model',
  icon: <TrafficIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  extensions: [
    operatingModelApi,
    operatingModelEntityCard,
    onCallEntityCard,
    onCallEntityContent,
    measuresEntityContent,
    operatingModelPage,
    directoryPage,
    operatingModelSearchResultType,
  ],
  routes: { root: convertLegacyRouteRef(operatingModelRouteRef) },
});
