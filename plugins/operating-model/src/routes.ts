import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The route of the operating-model page, for linking to it (`useRouteRef`) or binding it in a
 * legacy app. The new-frontend-system plugin mounts it as its `root` route.
 *
 * @public
 */
export const operatingModelRouteRef = createRouteRef({ id: 'operating-model' });
