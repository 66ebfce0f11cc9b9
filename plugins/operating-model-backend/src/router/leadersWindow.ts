import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { LeadersWindow } from '../leaders/OnCallCosts';

/** The window when none is asked for: the last 90 days, as the measures take it. */
export const LEADERS_DEFAULT_DAYS = 90;

const MS_PER_DAY = 86_400_000;
const instant = z.string().datetime({ offset: true });

function readInstant(query: Record<string, unknown>, name: 'from' | 'to'): Date | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  const parsed = instant.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      `${name}: must be an ISO 8601 instant such as 2026-11-27T12:00:00Z; got ${JSON.stringify(raw)}`,
    );
  }
  return new Date(parsed.data);
}

/**
 * `from` and `to` of a leaders' view (`/costs`, `/pitfalls`): `to` defaults to now and `from`
 * to 90 days before `to`. A bad value is a 400 whose message starts with the parameter's name.
 */
export function readLeadersWindow(query: Record<string, unknown>, now: () => Date): LeadersWindow {
  const to = readInstant(query, 'to') ?? now();
  const from = readInstant(query, 'from') ?? new Date(to.getTime() - LEADERS_DEFAULT_DAYS * MS_PER_DAY);
  if (to.getTime() <= from.getTime()) {
    throw new InputError(`to: must be after from; got from=${from.toISOString()} and to=${to.toISOString()}`);
  }
  return { from, to };
}
