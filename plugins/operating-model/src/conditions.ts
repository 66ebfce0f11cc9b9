import { Entity } from '@backstage/catalog-model';
import { isOperatingModelService } from '@internal/plugin-operating-model-common';

/**
 * True for the entities the operating-model card applies to: Components of type `service`,
 * or carrying `operating-model.io/` annotations. For `EntitySwitch.Case if={...}`.
 *
 * @public
 */
export function isOperatingModelAvailable(entity: Entity): boolean {
  return isOperatingModelService(entity);
}
