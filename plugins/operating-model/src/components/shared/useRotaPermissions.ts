import { usePermission } from '@backstage/plugin-permission-react';
import {
  overrideCreatePermission,
  overrideDeletePermission,
} from '@operating-model/backstage-plugin-operating-model-common';
import { OperatingModelTranslation } from '../../translation';

/** Whether the signed-in person may make one kind of change to a rota, once the policy has answered. */
export interface RotaPermission {
  /** True while the policy has not answered; the action is offered disabled meanwhile. */
  loading: boolean;
  allowed: boolean;
}

/**
 * What the permission policy lets the signed-in person do to one rota (a Group or Domain ref),
 * asked as the backend asks it: a resource permission on the rota, so that a conditional grant
 * such as "members of the rota's teams" is decided for this rota.
 */
export function useRotaPermissions(rotaRef: string): {
  create: RotaPermission;
  remove: RotaPermission;
} {
  const create = usePermission({
    permission: overrideCreatePermission,
    resourceRef: rotaRef,
  });
  const remove = usePermission({
    permission: overrideDeletePermission,
    resourceRef: rotaRef,
  });
  return {
    create: { loading: create.loading, allowed: create.allowed },
    remove: { loading: remove.loading, allowed: remove.allowed },
  };
}

/** Why an action is not offered, naming the permission a policy would have to grant. */
export function notAllowedText(
  action: string,
  permissionName: string,
  t: OperatingModelTranslation,
): string {
  return t('permissions.notAllowed', { action, permission: permissionName });
}
