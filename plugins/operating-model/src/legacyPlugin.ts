import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { OperatingModelClient, operatingModelApiRef } from './api';
import { operatingModelRouteRef } from './routes';

/**
 * The operating-model plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const operatingModelPlugin = createPlugin({
  id: 'operating-model',
  apis: [
    createApiFactory({
      api: operatingModelApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new OperatingModelClient(deps),
    }),
  ],
  routes: { root: operatingModelRouteRef },
});

/**
 * The operating-model card for a Component's overview.
 *
 * @public
 */
export const EntityOperatingModelCard: () => JSX.Element =
  operatingModelPlugin.provide(
    createComponentExtension({
      name: 'EntityOperatingModelCard',
      component: {
        lazy: () =>
          import('./components/EntityOperatingModelCard').then(
            m => m.EntityOperatingModelCard,
          ),
      },
    }),
  );

/**
 * The standalone page, usually mounted at `/operating-model`.
 *
 * @public
 */
export const OperatingModelPage: () => JSX.Element =
  operatingModelPlugin.provide(
    createRoutableExtension({
      name: 'OperatingModelPage',
      component: () =>
        import('./components/OperatingModelPage').then(
          m => m.OperatingModelPage,
        ),
      mountPoint: operatingModelRouteRef,
    }),
  );

/**
 * The Measures tab of a Component, Group or Domain: the playbook's measures against targets,
 * with charts (mount it at `/measures`).
 *
 * @public
 */
export const EntityMeasuresContent: (props: { now?: Date }) => JSX.Element =
  operatingModelPlugin.provide(
    createComponentExtension({
      name: 'EntityMeasuresContent',
      component: {
        lazy: () =>
          import('./components/EntityMeasuresContent').then(
            m => m.EntityMeasuresContent,
          ),
      },
    }),
  );

/**
 * Who is on call now and next, for a Group's or a Domain's overview.
 *
 * @public
 */
export const EntityOnCallCard: (props: { now?: Date }) => JSX.Element =
  operatingModelPlugin.provide(
    createComponentExtension({
      name: 'EntityOnCallCard',
      component: {
        lazy: () =>
          import('./components/EntityOnCallCard').then(m => m.EntityOnCallCard),
      },
    }),
  );

/**
 * The rota as a calendar with its overrides, for a Group's or a Domain's "On call" tab
 * (mount it at `/on-call`, where the card's link points).
 *
 * @public
 */
export const EntityRotaContent: (props: { now?: Date }) => JSX.Element =
  operatingModelPlugin.provide(
    createComponentExtension({
      name: 'EntityRotaContent',
      component: {
        lazy: () =>
          import('./components/EntityRotaContent').then(
            m => m.EntityRotaContent,
          ),
      },
    }),
  );
