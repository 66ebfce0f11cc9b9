import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  isOnCallRotaAvailable,
  isOperatingModelAvailable,
} from '../conditions';

/** `entity-card:operating-model`: the operating model, targets and on-call level of a service. */
export const operatingModelEntityCard = EntityCardBlueprint.make({
  params: {
    filter: isOperatingModelAvailable,
    loader: () =>
      import('../components/EntityOperatingModelCard').then(m => (
        <m.EntityOperatingModelCard />
      )),
  },
});

/** `entity-card:operating-model/on-call`: who is on call now and next, on a Group or Domain. */
export const onCallEntityCard = EntityCardBlueprint.make({
  name: 'on-call',
  params: {
    filter: isOnCallRotaAvailable,
    loader: () =>
      import('../components/EntityOnCallCard').then(m => (
        <m.EntityOnCallCard />
      )),
  },
});
