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
  eventsWritePermission,
  overrideCreatePermission,
  overrideDeletePermission,
} from '@internal/plugin-operating-model-common';

/**
 * The example organisation's policy: everything is allowed, except that ordinary users may
 * not write delivery and incident events (pipelines do, with service or static tokens), and
 * only the platform team, as admins, may change rotas of teams they are not in.
 */
class ExamplePermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly userInfo: UserInfoService,
    private readonly admins: string,
  ) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    if (isPermission(request.permission, eventsWritePermission)) {
      return { result: AuthorizeResult.DENY };
    }
    if (
      isPermission(request.permission, overrideCreatePermission) ||
      isPermission(request.permission, overrideDeletePermission)
    ) {
      if (!user) return { result: AuthorizeResult.DENY };
      const { ownershipEntityRefs } = await this.userInfo.getUserInfo(user.credentials);
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
        policy.setPolicy(new ExamplePermissionPolicy(userInfo, 'group:default/platform-team'));
      },
    });
  },
});
