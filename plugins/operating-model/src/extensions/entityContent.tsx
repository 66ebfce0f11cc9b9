import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isMeasuresAvailable, isOnCallRotaAvailable } from '../conditions';
import { operatingModelTranslationRef } from '../translation';

/**
 * `entity-content:operating-model/on-call`: the rota of a Group or Domain as a calendar. The
 * on-call card's "See the whole rota" link points at its path.
 */
export const onCallEntityContent = EntityContentBlueprint.make({
  name: 'on-call',
  params: {
    path: '/on-call',
    title: operatingModelTranslationRef('entityContent.onCall.title'),
    filter: isOnCallRotaAvailable,
    loader: () =>
      import('../components/EntityRotaContent').then(m => (
        <m.EntityRotaContent />
      )),
  },
});

/** `entity-content:operating-model/measures`: the measures of a service, Group or Domain. */
export const measuresEntityContent = EntityContentBlueprint.make({
  name: 'measures',
  params: {
    path: '/measures',
    title: operatingModelTranslationRef('entityContent.measures.title'),
    filter: isMeasuresAvailable,
    loader: () =>
      import('../components/EntityMeasuresContent').then(m => (
        <m.EntityMeasuresContent />
      )),
  },
});
