import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { webAddress } from '@operating-model/backstage-plugin-operating-model-common';
import { z } from 'zod';
import {
  INSTANT_EXPECTED,
  MAX_REF_LENGTH,
  parseInstant,
} from '../router/params';

/** The most items one `POST /events/{kind}` may carry. */
export const MAX_BATCH_ITEMS = 10_000;

/** The kinds of event the ingestion API takes, as they appear in its paths. */
export const EVENT_KINDS = [
  'deployments',
  'incidents',
  'availability',
  'reviews',
  'review-reads',
  'actions',
  'chaos-days',
  'rework',
] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

export function isEventKind(value: string): value is EventKind {
  return (EVENT_KINDS as readonly string[]).includes(value);
}

const MS_PER_DAY = 86_400_000;

const text = (max = 255) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .refine(v => !v.includes('\u0000'), 'must not contain NUL characters');
const optionalText = (max = 255) =>
  text(max)
    .nullish()
    .transform(v => v ?? null);

const instant = z.string().transform((value, ctx) => {
  const time = parseInstant(value);
  if (time === undefined) {
    ctx.addIssue({ code: 'custom', message: INSTANT_EXPECTED });
    return z.NEVER;
  }
  return time;
});

/**
 * A link people are sent to from the portal (a review, a chaos day's write-up): only http and
 * https, so a stored `javascript:` URL can never run in the portal.
 */
const optionalUrl = text(2048)
  .refine(
    value => webAddress(value) !== undefined,
    'expected an http or https URL',
  )
  .nullish()
  .transform(v => v ?? null);
const optionalInstant = instant.nullish().transform(v => v ?? null);

/** A calendar day `yyyy-MM-dd`, turned into the epoch milliseconds of its start in UTC. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day such as 2026-11-24')
  .transform((value, ctx) => {
    const time = Date.parse(`${value}T00:00:00Z`);
    if (
      Number.isNaN(time) ||
      new Date(time).toISOString().slice(0, 10) !== value
    ) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected a day such as 2026-11-24',
      });
      return z.NEVER;
    }
    return time;
  });

/** Refs already read, so a batch of 10,000 events about a few services parses each ref once. */
const readRefs = new Map<string, string | null>();

/** `bedroom` → `component:default/bedroom`; null when it is not a ref of that kind. */
function normaliseRef(
  value: string,
  kind: 'component' | 'group',
): string | null {
  const key = `${kind} ${value}`;
  let ref = readRefs.get(key);
  if (ref === undefined) {
    ref = null;
    try {
      const parsed = parseEntityRef(value.trim(), {
        defaultKind: kind,
        defaultNamespace: 'default',
      });
      if (parsed.kind.toLocaleLowerCase('en-US') === kind) {
        ref = stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
      }
    } catch {
      // Not a ref at all: reported by the caller with the expected shape.
    }
    if (readRefs.size >= 100_000) readRefs.clear();
    readRefs.set(key, ref);
  }
  return ref;
}

/**
 * Refs are stored lower-cased in their full form, so `bedroom` and `Component:default/Bedroom`
 * are one service; null when the value cannot name an entity of that kind.
 */
function readRef(value: string, kind: 'component' | 'group'): string | null {
  // Refs are stored, in full, in columns of MAX_REF_LENGTH characters; longer ones cannot name an entity.
  const normalised =
    value.length <= MAX_REF_LENGTH && !value.includes('\u0000')
      ? normaliseRef(value, kind)
      : null;
  return normalised !== null && normalised.length <= MAX_REF_LENGTH
    ? normalised
    : null;
}

function entityRef(kind: 'component' | 'group') {
  const example =
    kind === 'component'
      ? 'component:default/bedroom'
      : 'group:default/bedroom-team';
  return z.string().transform((value, ctx) => {
    const ref = readRef(value, kind);
    if (ref === null) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a ${kind} entity ref such as ${example}`,
      });
      return z.NEVER;
    }
    return ref;
  });
}

const service = entityRef('component');
const services = z
  .array(service)
  .min(1, 'expected at least one component entity ref')
  .max(100, 'at most 100 services')
  .transform(refs => [...new Set(refs)]);

/** A person: a user entity ref (`alice` is `user:default/alice`) or an email address. */
const person = text().transform((value, ctx) => {
  let read = value.toLocaleLowerCase('en-US');
  if (!value.includes('@')) {
    try {
      read = stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind: 'user',
          defaultNamespace: 'default',
        }),
      ).toLocaleLowerCase('en-US');
    } catch {
      // Kept as written: a person may be named by something that is not a ref.
    }
  }
  // Stored, in full, in a column of MAX_REF_LENGTH characters.
  if (read.length > MAX_REF_LENGTH) {
    ctx.addIssue({
      code: 'custom',
      message: `at most ${MAX_REF_LENGTH} characters as a full ref such as user:default/jane`,
    });
    return z.NEVER;
  }
  return read;
});

const amount = z.number().finite().nonnegative('must not be negative');
const count = z
  .number()
  .int('expected a whole number')
  .nonnegative('must not be negative')
  .max(Number.MAX_SAFE_INTEGER);

const keyed = { source: text(), externalId: text() };

/** `later` must not be before `earlier`, where both are given. */
function notBefore(later: string, earlier: string) {
  return (item: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const a = item[later];
    const b = item[earlier];
    if (typeof a === 'number' && typeof b === 'number' && a < b) {
      ctx.addIssue({
        code: 'custom',
        path: [later],
        message: `must not be before ${earlier}`,
      });
    }
  };
}

const deployment = z
  .object({
    ...keyed,
    service,
    environment: text().transform(v => v.toLocaleLowerCase('en-US')),
    buildTime: instant,
    deployTime: instant,
    releaseId: optionalText(),
    changeRequestId: optionalText(),
    standardChange: z.boolean().default(false),
    deployer: optionalText(),
    version: optionalText(),
  })
  .strict()
  .superRefine(notBefore('deployTime', 'buildTime'));

const incident = z
  .object({
    ...keyed,
    services,
    title: optionalText(1024),
    startedAt: instant,
    acknowledgedAt: optionalInstant,
    restoredAt: optionalInstant,
    financialLoss: amount.nullish().transform(v => v ?? null),
    severity: optionalText(),
    majorIncidentManager: z
      .boolean()
      .nullish()
      .transform(v => v ?? null),
    reviewUrl: optionalUrl,
    /** The incident in the tool it came from, such as its PagerDuty page. */
    url: optionalUrl,
  })
  .strict()
  .superRefine(notBefore('acknowledgedAt', 'startedAt'))
  .superRefine(notBefore('restoredAt', 'startedAt'));

const availability = z
  .object({
    ...keyed,
    service,
    start: instant,
    end: instant,
    good: count,
    total: count,
  })
  .strict()
  .superRefine((item, ctx) => {
    if (item.end <= item.start) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: 'must be after start',
      });
    }
    if (item.good > item.total) {
      ctx.addIssue({
        code: 'custom',
        path: ['good'],
        message: 'must not be more than total',
      });
    }
  });

const review = z
  .object({
    ...keyed,
    services,
    incidentSource: optionalText(),
    incidentExternalId: optionalText(),
    title: optionalText(1024),
    url: optionalUrl,
    publishedAt: instant,
  })
  .strict();

const reviewRead = z
  .object({
    source: text(),
    reviewSource: optionalText(),
    reviewExternalId: text(),
    person,
    readAt: instant,
  })
  .strict()
  .transform(item => ({
    ...item,
    reviewSource: item.reviewSource ?? item.source,
  }));

const action = z
  .object({
    ...keyed,
    service,
    reviewSource: optionalText(),
    reviewExternalId: optionalText(),
    title: optionalText(1024),
    definedAt: instant,
    completedAt: optionalInstant,
  })
  .strict()
  .superRefine(notBefore('completedAt', 'definedAt'));

const chaosDay = z
  .object({
    ...keyed,
    service,
    date: day,
    reviewUrl: optionalUrl,
  })
  .strict()
  .transform(({ date, ...rest }) => ({
    ...rest,
    day: new Date(date).toISOString().slice(0, 10),
    heldAt: date,
  }));

const rework = z
  .object({
    ...keyed,
    team: entityRef('group'),
    week: day,
    hours: amount,
    teamHours: z
      .number()
      .finite()
      .positive('must be more than 0')
      .nullish()
      .transform(v => v ?? null),
    // Stored as a 32-bit integer; no team is anywhere near this size.
    members: z
      .number()
      .int('expected a whole number')
      .positive('must be more than 0')
      .max(100_000, 'at most 100000')
      .nullish()
      .transform(v => v ?? null),
    service: service.nullish().transform(v => v ?? null),
    title: optionalText(1024),
  })
  .strict()
  .transform(({ week, ...rest }) => {
    // Any day of a week stands for the week; it is kept as its Monday (ISO weeks start on Monday).
    const weekday = (new Date(week).getUTCDay() + 6) % 7;
    return { ...rest, weekStart: week - weekday * MS_PER_DAY };
  });

const itemSchemas = {
  deployments: deployment,
  incidents: incident,
  availability,
  reviews: review,
  'review-reads': reviewRead,
  actions: action,
  'chaos-days': chaosDay,
  rework,
} satisfies Record<EventKind, z.ZodTypeAny>;

export type DeploymentRecord = z.output<typeof deployment>;
export type IncidentRecord = z.output<typeof incident>;
export type AvailabilityRecord = z.output<typeof availability>;
export type ReviewRecord = z.output<typeof review>;
export type ReviewReadRecord = z.output<typeof reviewRead>;
export type ActionRecord = z.output<typeof action>;
export type ChaosDayRecord = z.output<typeof chaosDay>;
export type ReworkRecord = z.output<typeof rework>;

/** A validated batch: every item checked and normalised, ready for the store. */
export type EventBatch =
  | { kind: 'deployments'; records: DeploymentRecord[] }
  | { kind: 'incidents'; records: IncidentRecord[] }
  | { kind: 'availability'; records: AvailabilityRecord[] }
  | { kind: 'reviews'; records: ReviewRecord[] }
  | { kind: 'review-reads'; records: ReviewReadRecord[] }
  | { kind: 'actions'; records: ActionRecord[] }
  | { kind: 'chaos-days'; records: ChaosDayRecord[] }
  | { kind: 'rework'; records: ReworkRecord[] };

/*
 * Quick readers of the three kinds that arrive by the million. zod builds several objects per
 * field it checks, which made reading a batch cost more than writing it; these read an item
 * that is plainly valid in one pass, with the same rules (the functions above where they are
 * more than a comparison), and give up on anything else, which zod then reads and names the
 * problem of. A test checks on random and hostile items that a quick reader either gives up or
 * gives what zod gives.
 */
type Item = Record<string, unknown>;

function quickText(value: unknown, max = 255): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length >= 1 &&
    trimmed.length <= max &&
    !trimmed.includes('\u0000')
    ? trimmed
    : undefined;
}

/** null for a value left out, undefined for one the quick reader gives up on. */
function quickOptionalText(
  value: unknown,
  max = 255,
): string | null | undefined {
  return value === null || value === undefined ? null : quickText(value, max);
}

function quickInstant(value: unknown): number | undefined {
  return typeof value === 'string' ? parseInstant(value) : undefined;
}

function quickOptionalInstant(value: unknown): number | null | undefined {
  return value === null || value === undefined ? null : quickInstant(value);
}

function quickService(value: unknown): string | undefined {
  return typeof value === 'string'
    ? readRef(value, 'component') ?? undefined
    : undefined;
}

function quickCount(value: unknown): number | undefined {
  return typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 0 &&
    value <= Number.MAX_SAFE_INTEGER
    ? value
    : undefined;
}

function quickOptionalUrl(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  const link = quickText(value, 2048);
  return link !== undefined && webAddress(link) !== undefined
    ? link
    : undefined;
}

function quickOptionalBoolean(value: unknown): boolean | null | undefined {
  if (value === null || value === undefined) return null;
  return typeof value === 'boolean' ? value : undefined;
}

/** A plain object with no field but those named. */
function plainItem(value: unknown, fields: ReadonlySet<string>): value is Item {
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.getPrototypeOf(value) !== Object.prototype
  ) {
    return false;
  }
  for (const key of Object.keys(value)) if (!fields.has(key)) return false;
  return true;
}

const hasAll = (values: unknown[]) => !values.includes(undefined);

const DEPLOYMENT_FIELDS = new Set([
  'source',
  'externalId',
  'service',
  'environment',
  'buildTime',
  'deployTime',
  'releaseId',
  'changeRequestId',
  'standardChange',
  'deployer',
  'version',
]);

function quickDeployment(value: unknown): DeploymentRecord | undefined {
  if (!plainItem(value, DEPLOYMENT_FIELDS)) return undefined;
  const record = {
    source: quickText(value.source),
    externalId: quickText(value.externalId),
    service: quickService(value.service),
    environment: quickText(value.environment)?.toLocaleLowerCase('en-US'),
    buildTime: quickInstant(value.buildTime),
    deployTime: quickInstant(value.deployTime),
    releaseId: quickOptionalText(value.releaseId),
    changeRequestId: quickOptionalText(value.changeRequestId),
    standardChange:
      value.standardChange === undefined
        ? false
        : quickOptionalBoolean(value.standardChange) ?? undefined,
    deployer: quickOptionalText(value.deployer),
    version: quickOptionalText(value.version),
  };
  if (!hasAll(Object.values(record))) return undefined;
  if (record.deployTime! < record.buildTime!) return undefined;
  return record as DeploymentRecord;
}

const INCIDENT_FIELDS = new Set([
  'source',
  'externalId',
  'services',
  'title',
  'startedAt',
  'acknowledgedAt',
  'restoredAt',
  'financialLoss',
  'severity',
  'majorIncidentManager',
  'reviewUrl',
  'url',
]);

function quickIncident(value: unknown): IncidentRecord | undefined {
  if (!plainItem(value, INCIDENT_FIELDS)) return undefined;
  const named = value.services;
  if (!Array.isArray(named) || named.length < 1 || named.length > 100) {
    return undefined;
  }
  const refs: string[] = [];
  for (let i = 0; i < named.length; i++) {
    const ref = quickService(named[i]);
    if (ref === undefined) return undefined;
    refs.push(ref);
  }
  const loss = value.financialLoss;
  let financialLoss: number | null | undefined = null;
  if (loss !== null && loss !== undefined) {
    financialLoss =
      typeof loss === 'number' && Number.isFinite(loss) && loss >= 0
        ? loss
        : undefined;
  }
  const record = {
    source: quickText(value.source),
    externalId: quickText(value.externalId),
    services: [...new Set(refs)],
    title: quickOptionalText(value.title, 1024),
    startedAt: quickInstant(value.startedAt),
    acknowledgedAt: quickOptionalInstant(value.acknowledgedAt),
    restoredAt: quickOptionalInstant(value.restoredAt),
    financialLoss,
    severity: quickOptionalText(value.severity),
    majorIncidentManager: quickOptionalBoolean(value.majorIncidentManager),
    reviewUrl: quickOptionalUrl(value.reviewUrl),
    url: quickOptionalUrl(value.url),
  };
  if (!hasAll(Object.values(record))) return undefined;
  const started = record.startedAt!;
  if (record.acknowledgedAt !== null && record.acknowledgedAt! < started) {
    return undefined;
  }
  if (record.restoredAt !== null && record.restoredAt! < started) {
    return undefined;
  }
  return record as IncidentRecord;
}

const AVAILABILITY_FIELDS = new Set([
  'source',
  'externalId',
  'service',
  'start',
  'end',
  'good',
  'total',
]);

function quickAvailability(value: unknown): AvailabilityRecord | undefined {
  if (!plainItem(value, AVAILABILITY_FIELDS)) return undefined;
  const record = {
    source: quickText(value.source),
    externalId: quickText(value.externalId),
    service: quickService(value.service),
    start: quickInstant(value.start),
    end: quickInstant(value.end),
    good: quickCount(value.good),
    total: quickCount(value.total),
  };
  if (!hasAll(Object.values(record))) return undefined;
  if (record.end! <= record.start! || record.good! > record.total!) {
    return undefined;
  }
  return record as AvailabilityRecord;
}

const quickReaders: Partial<Record<EventKind, (value: unknown) => unknown>> = {
  deployments: quickDeployment,
  incidents: quickIncident,
  availability: quickAvailability,
};

/** An item read the quick way, or undefined where only zod can tell (exported for its test). */
export function quickReadItem(kind: EventKind, item: unknown): unknown {
  return quickReaders[kind]?.(item);
}

/** An item read by its zod schema (exported for the quick readers' test). */
export function schemaReadItem(kind: EventKind, item: unknown) {
  return (itemSchemas[kind] as z.ZodTypeAny).safeParse(item);
}

/** Writes a zod path the way a reader of the JSON would: `items[3].deployTime`. */
function formatPath(path: ReadonlyArray<string | number>): string {
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      return index === 0 ? part : `.${part}`;
    })
    .join('');
}

function describeIssue(issue: z.ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `${formatPath([
      ...issue.path,
      issue.keys[0],
    ])}: is not a field of this kind of event`;
  }
  const where = formatPath(issue.path) || 'body';
  if (issue.code === 'invalid_type') {
    if (issue.received === 'undefined') return `${where}: is required`;
    if (issue.expected === 'integer')
      return `${where}: expected a whole number`;
    return `${where}: expected ${issue.expected}, got ${issue.received}`;
  }
  return `${where}: ${issue.message}`;
}

/**
 * Checks a request body `{ "items": [...] }` for one kind of event. The first problem found is a
 * 400 naming the item and field, such as `items[3].deployTime: expected an ISO 8601 instant`.
 */
export function readEventBatch(kind: EventKind, body: unknown): EventBatch {
  const refuse = (problem: string): never => {
    throw new InputError(
      `Invalid ${kind} batch: ${problem}; nothing was written`,
    );
  };
  // The shape and the size are checked before any item, and the first bad item ends the
  // reading, so a huge or hostile batch costs no more than a bounded amount of work.
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return refuse('body: expected a JSON object { "items": [...] }');
  }
  const extra = Object.keys(body).find(key => key !== 'items');
  if (extra !== undefined)
    return refuse(
      `${JSON.stringify(extra.slice(0, 40))}: is not a field of a batch`,
    );
  const items = (body as { items?: unknown }).items;
  if (items === undefined) return refuse('items: is required');
  if (!Array.isArray(items)) return refuse('items: expected an array');
  if (items.length > MAX_BATCH_ITEMS) {
    return refuse(
      `items: at most ${MAX_BATCH_ITEMS} items in one batch, got ${items.length}; send the rest in another`,
    );
  }
  const schema = itemSchemas[kind] as z.ZodTypeAny;
  const quick = quickReaders[kind];
  const records: unknown[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const read = quick?.(items[i]);
    if (read !== undefined) {
      records[i] = read;
      continue;
    }
    const parsed = schema.safeParse(items[i]);
    if (!parsed.success) {
      const [first, ...rest] = parsed.error.issues;
      const more =
        rest.length > 0
          ? ` (and ${rest.length} more ${
              rest.length === 1 ? 'problem' : 'problems'
            })`
          : '';
      refuse(
        `${describeIssue({
          ...first,
          path: ['items', i, ...first.path],
        })}${more}`,
      );
    }
    records[i] = parsed.data;
  }
  return { kind, records } as EventBatch;
}

/** The services and teams a batch names, for reporting the ones the catalog does not know. */
export function entitiesOf(batch: EventBatch): {
  services: Set<string>;
  teams: Set<string>;
} {
  const servicesNamed = new Set<string>();
  const teams = new Set<string>();
  for (const record of batch.records as Array<Record<string, unknown>>) {
    if (typeof record.service === 'string') servicesNamed.add(record.service);
    if (Array.isArray(record.services))
      record.services.forEach(s => servicesNamed.add(s));
    if (typeof record.team === 'string') teams.add(record.team);
  }
  return { services: servicesNamed, teams };
}
