import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { RESOURCE_TYPE_OPERATING_MODEL_ROTA } from '@operating-model/backstage-plugin-operating-model-common';
import { z } from 'zod';

/**
 * What a permission rule sees of a rota: its ref, the teams it draws from and their members.
 *
 * @public
 */
export interface RotaResource {
  rotaRef: string;
  /** Group entity refs, lower-cased. */
  teams: string[];
  /** User entity refs of the teams' members, lower-cased (people who opted out included). */
  members: string[];
}

/**
 * Rotas are not listed through the permission framework, so a condition has no query form.
 *
 * @public
 */
export type RotaQuery = { anyOf: string[] };

/**
 * The permission resource of a rota: the override permissions are checked against it.
 *
 * @public
 */
export const rotaPermissionResourceRef = createPermissionResourceRef<
  RotaResource,
  RotaQuery
>().with({
  pluginId: 'operating-model',
  resourceType: RESOURCE_TYPE_OPERATING_MODEL_ROTA,
});

/**
 * The parameters of the `isRotaMember` rule, which is true when one of the claims (a user's
 * ownership refs: the user and their groups) is one of the rota's teams or members. Policies pass
 * `user.info.ownershipEntityRefs`, as with the catalog's `isEntityOwner`.
 *
 * @public
 */
export type RotaMemberParams = { claims: string[] };

// The params schema is zod v3, which permission-node still takes; typed by hand, as inferring
// through both zod versions is too deep for the compiler.
const rotaMemberParams = z.object({
  claims: z
    .array(z.string())
    .describe(
      "The user's ownership refs, such as user:default/jane and group:default/team-a",
    ),
});

const isRotaMember = createPermissionRule<
  typeof rotaPermissionResourceRef,
  RotaMemberParams
>({
  name: 'IS_ROTA_MEMBER',
  description: "Allow when the user is a member of one of the rota's teams",
  resourceRef: rotaPermissionResourceRef,
  paramsSchema: rotaMemberParams as any,
  apply: (rota, { claims }) => {
    const lowered = claims.map(c => c.toLocaleLowerCase('en-US'));
    return lowered.some(
      c => rota.teams.includes(c) || rota.members.includes(c),
    );
  },
  toQuery: ({ claims }) => ({ anyOf: claims }),
});

/** The rules a policy can use for rota permissions. @public */
export const rotaPermissionRules = { isRotaMember };

// API Extractor reads one doc comment per declaration, so the two exports are declared apart.
const rotaConditionExports = createConditionExports({
  resourceRef: rotaPermissionResourceRef,
  rules: rotaPermissionRules,
});

/**
 * Conditions for the rota permissions, for use in a permission policy:
 * `createRotaConditionalDecision(request.permission, rotaConditions.isRotaMember({ claims: user.info.ownershipEntityRefs }))`.
 *
 * @public
 */
export const rotaConditions = rotaConditionExports.conditions;

/**
 * Makes a conditional decision on a rota permission from `rotaConditions`.
 *
 * @public
 */
export const createRotaConditionalDecision =
  rotaConditionExports.createConditionalDecision;
