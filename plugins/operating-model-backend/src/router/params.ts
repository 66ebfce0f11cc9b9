import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * The one reader of request parameters: instants, windows, entity refs and strings. Every
 * message has the form `<parameter>: <what was expected>`, so the UI and scripts can show it
 * as it is and a reader knows which parameter to fix.
 */

const MS_PER_DAY = 86_400_000;

/** The longest window any route answers for: two years, so no request can ask for a century. */
export const MAX_WINDOW_DAYS = 731;

/** Entity refs are stored in columns of this many characters. */
export const MAX_REF_LENGTH = 255;

/** The most characters of free text (a reason, a title) any route stores. */
export const MAX_TEXT_LENGTH = 1024;

export const INSTANT_EXPECTED =
  'expected an ISO 8601 instant such as 2026-11-27T12:00:00Z';

// Real offsets run from -12:00 to +14:00; ISO 8601 and most libraries take up to ±18:00.
const MAX_OFFSET_MINUTES = 18 * 60;
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):?(\d{2}))$/i;

/**
 * The epoch milliseconds of an ISO 8601 instant with a date, a time and an offset, or
 * undefined when the text does not name one real instant: no 2026-02-30, no 24:61, no +25:00,
 * no years outside 1970–9999.
 */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const m = INSTANT.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [
    m[1],
    m[2],
    m[3],
    m[4],
    m[5],
    m[6] ?? '0',
  ].map(Number);
  if (
    year < 1970 ||
    month < 1 ||
    month > 12 ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return undefined;
  const midnight = Date.UTC(year, month - 1, day);
  if (new Date(midnight).getUTCDate() !== day) return undefined;
  let offsetMinutes = 0;
  if (m[8].toUpperCase() !== 'Z') {
    const hours = Number(m[10]);
    const minutes = Number(m[11]);
    if (minutes > 59) return undefined;
    offsetMinutes = (hours * 60 + minutes) * (m[9] === '-' ? -1 : 1);
    if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return undefined;
  }
  const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  return (
    midnight +
    ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 +
    fraction
  );
}

function quoted(raw: unknown): string {
  const text =
    typeof raw === 'string' ? raw : JSON.stringify(raw) ?? String(raw);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

/** An optional instant query parameter; absent or empty is undefined, anything unreadable a 400. */
export function readInstant(
  query: Record<string, unknown>,
  name: string,
): Date | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  const time = parseInstant(raw);
  if (time === undefined)
    throw new InputError(`${name}: ${INSTANT_EXPECTED}; got ${quoted(raw)}`);
  return new Date(time);
}

/** The optional `at` query parameter; absent means now. */
export function readAt(query: Record<string, unknown>, now: () => Date): Date {
  return readInstant(query, 'at') ?? now();
}

/** How a route fills in a window when `from` or `to` is not given, in days around now. */
export interface WindowDefaults {
  /** `from` defaults to this many days before `to` (or before now, when `after` is given). */
  before: number;
  /** When given, `to` defaults to this many days after now rather than to now itself. */
  after?: number;
}

export interface TimeWindow {
  from: Date;
  to: Date;
}

/**
 * `from` and `to`: `to` after `from`, and at most {@link MAX_WINDOW_DAYS} apart, so the work and
 * the size of an answer are bounded whatever is asked.
 */
export function readWindow(
  query: Record<string, unknown>,
  now: () => Date,
  defaults: WindowDefaults,
): TimeWindow {
  const askedFrom = readInstant(query, 'from');
  const askedTo = readInstant(query, 'to');
  let from: Date;
  let to: Date;
  if (defaults.after === undefined) {
    to = askedTo ?? now();
    from = askedFrom ?? new Date(to.getTime() - defaults.before * MS_PER_DAY);
  } else {
    from =
      askedFrom ??
      new Date((askedTo ?? now()).getTime() - defaults.before * MS_PER_DAY);
    to =
      askedTo ??
      new Date(
        from.getTime() + (defaults.before + defaults.after) * MS_PER_DAY,
      );
  }
  if (to.getTime() <= from.getTime()) {
    throw new InputError(
      `to: must be after from; got from=${from.toISOString()} and to=${to.toISOString()}`,
    );
  }
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * MS_PER_DAY) {
    throw new InputError(
      `to: the window may be at most ${MAX_WINDOW_DAYS} days long`,
    );
  }
  return { from, to };
}

/** Free text that reaches the database: a string, NUL-free and at most `max` characters. */
export function checkText(
  value: unknown,
  name: string,
  max: number = MAX_TEXT_LENGTH,
): string {
  if (typeof value !== 'string')
    throw new InputError(`${name}: expected a string`);
  if (value.length > max)
    throw new InputError(`${name}: at most ${max} characters`);
  if (value.includes('\u0000'))
    throw new InputError(`${name}: must not contain NUL characters`);
  return value;
}

/**
 * A full entity ref, lower-cased (`user:default/jane`), of one of the given kinds when any are
 * given; a bare name takes `defaultKind` and the default namespace.
 */
export function readEntityRef(
  value: unknown,
  name: string,
  options: { kinds?: readonly string[]; defaultKind?: string } = {},
): string {
  const example = `${
    options.kinds?.[0] ?? options.defaultKind ?? 'component'
  }:default/name`;
  const expected = options.kinds
    ? `expected an entity ref of kind ${options.kinds.join(
        ' or ',
      )}, such as ${example}`
    : `expected an entity ref such as ${example}`;
  if (typeof value !== 'string' || value.trim() === '')
    throw new InputError(`${name}: ${expected}`);
  checkText(value, name, MAX_REF_LENGTH);
  let ref: string;
  try {
    ref = stringifyEntityRef(
      parseEntityRef(value.trim(), {
        defaultKind: options.defaultKind,
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(`${name}: ${expected}; got ${quoted(value)}`);
  }
  if (
    options.kinds &&
    !options.kinds.includes(ref.slice(0, ref.indexOf(':')))
  ) {
    throw new InputError(`${name}: ${expected}; got ${quoted(value)}`);
  }
  return ref;
}

/** The entity ref named by `{kind}/{namespace}/{name}` path parameters, read like any other ref. */
export function refFromPath(
  params: { kind: string; namespace: string; name: string },
  options: { kinds?: readonly string[] } = {},
): string {
  return readEntityRef(
    `${params.kind}:${params.namespace}/${params.name}`,
    'path',
    options,
  );
}
