import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  calendarLinkForOthersPermission,
  eventsWritePermission,
  overrideCreatePermission,
  overrideDeletePermission,
} from '@operating-model/backstage-plugin-operating-model-common';
import {
  createRotaConditionalDecision,
  rotaConditions,
} from '@operating-model/backstage-plugin-operating-model-node';

/**
 * The example organisation's policy: everything is allowed, except that ordinary users may not
 * write delivery and incident events (pipelines do, with a static token limited to that
 * permission), members of a rota's teams may change that rota, and the platform team, as
 * admins, may change any rota and issue anyone's calendar link.
 *
 * Service principals never reach a policy: Backstage allows them, limited only by the
 * `accessRestrictions` of their token, and the operating-model plugin refuses rota changes from
 * services that `operatingModel.access.rotaChangeServices` does not name.
 */
class ExamplePermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly userInfo: UserInfoService,
    private readonly admins: string,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, eventsWritePermission)) {
      return { result: AuthorizeResult.DENY };
    }
    if (
      isPermission(request.permission, overrideCreatePermission) ||
      isPermission(request.permission, overrideDeletePermission)
    ) {
      if (!user) return { result: AuthorizeResult.DENY };
      const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
        user.credentials,
      );
      if (ownershipEntityRefs.includes(this.admins))
        return { result: AuthorizeResult.ALLOW };
      return createRotaConditionalDecision(
        request.permission,
        rotaConditions.isRotaMember({ claims: ownershipEntityRefs }),
      );
    }
    if (isPermission(request.permission, calendarLinkForOthersPermission)) {
      if (!user) return { result: AuthorizeResult.DENY };
      const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
        user.credentials,
      );
      return {
        result: ownershipEntityRefs.includes(this.admins)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export const examplePermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'example-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(
          new ExamplePermissionPolicy(userInfo, 'group:default/platform-team'),
        );
      },
    });
  },
});
