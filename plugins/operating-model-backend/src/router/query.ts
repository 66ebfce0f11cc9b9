import { InputError } from '@backstage/errors';
import { z } from 'zod';

const instant = z.string().datetime({ offset: true });

/**
 * Reads the optional `at` query parameter (an ISO 8601 instant); absent means now.
 * A bad value is a 400 that names the parameter and quotes what was sent.
 */
export function readAt(query: Record<string, unknown>, now: () => Date): Date {
  const raw = query.at;
  if (raw === undefined || raw === '') return now();
  const parsed = instant.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      `Query parameter "at" must be an ISO 8601 instant such as 2026-11-27T12:00:00Z; got ${JSON.stringify(raw)}`,
    );
  }
  return new Date(parsed.data);
}
