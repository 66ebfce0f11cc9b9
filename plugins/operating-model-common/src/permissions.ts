import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Lets the holder add an override to any rota. Members of a rota's teams may add overrides
 * without it; an organisation grants it to its admins through its permission policy.
 */
export const overrideCreatePermission = createPermission({
  name: 'operating-model.override.create',
  attributes: { action: 'create' },
});

/** Lets the holder remove an override from any rota; members of a rota's teams need not hold it. */
export const overrideDeletePermission = createPermission({
  name: 'operating-model.override.delete',
  attributes: { action: 'delete' },
});

/**
 * Lets the holder write delivery and incident events. Meant for service-to-service callers and
 * configured static tokens of pipelines, not for ordinary users.
 */
export const eventsWritePermission = createPermission({
  name: 'operating-model.events.write',
  attributes: { action: 'create' },
});

/** Every permission the plugins define, for registering with the permission framework. */
export const operatingModelPermissions = [
  overrideCreatePermission,
  overrideDeletePermission,
  eventsWritePermission,
];
