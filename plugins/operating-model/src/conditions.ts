import { Entity } from '@backstage/catalog-model';
import { isOperatingModelService } from '@operating-model/backstage-plugin-operating-model-common';

/**
 * True for the entities the operating-model card applies to: Components of type `service`,
 * or carrying `operating-model.io/` annotations. For `EntitySwitch.Case if={...}`.
 *
 * @public
 */
export function isOperatingModelAvailable(entity: Entity): boolean {
  return isOperatingModelService(entity);
}

/**
 * True for the entities that keep an on-call rota: a Group (its team rota) or a Domain (its
 * out-of-hours rota). For the on-call card and tab.
 *
 * @public
 */
export function isOnCallRotaAvailable(entity: Entity): boolean {
  return ['group', 'domain'].includes(entity.kind.toLocaleLowerCase('en-US'));
}

/**
 * True for the entities with measures: a service the card applies to, a Group (the services it
 * owns) or a Domain (its services). For the Measures tab.
 *
 * @public
 */
export function isMeasuresAvailable(entity: Entity): boolean {
  return isOperatingModelAvailable(entity) || isOnCallRotaAvailable(entity);
}
