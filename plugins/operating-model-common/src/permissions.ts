import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of a rota (a Group's rota or a Domain's out-of-hours rota). Its resource
 * ref is the rota's entity ref, such as `group:default/bedroom-team` or `domain:default/furnishing`.
 *
 * @public
 */
export const RESOURCE_TYPE_OPERATING_MODEL_ROTA = 'operating-model-rota';

/**
 * Adding an override to a rota. A resource permission: the backend asks the policy about one
 * rota, so a policy can grant it conditionally, for example with the `isRotaMember` rule
 * ("the user is a member of one of the rota's teams"), or outright to its admins.
 *
 * @public
 */
export const overrideCreatePermission = createPermission({
  name: 'operating-model.override.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_OPERATING_MODEL_ROTA,
});

/**
 * Removing an override from a rota; a resource permission like {@link overrideCreatePermission}.
 *
 * @public
 */
export const overrideDeletePermission = createPermission({
  name: 'operating-model.override.delete',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_OPERATING_MODEL_ROTA,
});

/**
 * Writing delivery and incident events. Meant for pipelines (service principals and static
 * tokens, limited with `accessRestrictions`), not for ordinary users.
 *
 * @public
 */
export const eventsWritePermission = createPermission({
  name: 'operating-model.events.write',
  attributes: { action: 'create' },
});

/**
 * Issuing or resetting the personal calendar feed link of someone else. A person may always do
 * so for their own; an organisation grants this to its admins.
 *
 * @public
 */
export const calendarLinkForOthersPermission = createPermission({
  name: 'operating-model.calendar-link.others',
  attributes: { action: 'create' },
});

/**
 * Reading the fair-load report: each named person's hours on call and pay. An organisation may
 * keep it to leaders and the people team.
 *
 * @public
 */
export const onCallLoadReadPermission = createPermission({
  name: 'operating-model.on-call-load.read',
  attributes: { action: 'read' },
});

/**
 * Every permission the plugins define, for registering with the permission framework.
 *
 * @public
 */
export const operatingModelPermissions = [
  overrideCreatePermission,
  overrideDeletePermission,
  eventsWritePermission,
  calendarLinkForOthersPermission,
  onCallLoadReadPermission,
];
