import { ANNOTATION_PREFIX } from './annotations';

/**
 * The parts of a catalog entity that decide whether the plugin assesses it.
 *
 * @public
 */
export interface EntityLike {
  kind: string;
  metadata: { annotations?: Record<string, string> };
  spec?: { type?: unknown } | Record<string, unknown>;
}

/**
 * A software service is a Component of type `service`, or any Component that a team has
 * given operating-model annotations (a COTS package registered under another type, say).
 *
 * @public
 */
export function isOperatingModelService(entity: EntityLike): boolean {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'component') return false;
  if ((entity.spec as { type?: unknown } | undefined)?.type === 'service') {
    return true;
  }
  return Object.keys(entity.metadata.annotations ?? {}).some(key =>
    key.startsWith(ANNOTATION_PREFIX),
  );
}
