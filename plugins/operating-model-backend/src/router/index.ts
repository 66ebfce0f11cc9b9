import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { InputError } from '@backstage/errors';
import express, { ErrorRequestHandler, Request, RequestHandler } from 'express';
import Router from 'express-promise-router';
import { spec } from '../schema/openapi.generated';
import { readRequestBody } from './requestBody';
import { FEED_TOKEN } from './rotas';
import { ServicesRouterOptions, createServicesRouter } from './services';
import { RotasRouterOptions, createRotasRouter } from './rotas';
import { EventsRouterOptions, createEventsRouter } from './events';
import { MeasuresRouterOptions, createMeasuresRouter } from './measures';
import { DirectoryRouterOptions, createDirectoryRouter } from './directory';
import {
  MeasureSeriesRouterOptions,
  createMeasureSeriesRouter,
} from './measureSeries';
import { ReviewsRouterOptions, createReviewsRouter } from './reviews';
import {
  IncidentLossRouterOptions,
  createIncidentLossRouter,
} from './incidentLoss';
import { CostsRouterOptions, createCostsRouter } from './costs';
import { PitfallsRouterOptions, createPitfallsRouter } from './pitfalls';
import { SourcesRouterOptions, createSourcesRouter } from './sources';

export type RouterOptions = ServicesRouterOptions &
  RotasRouterOptions &
  EventsRouterOptions &
  MeasuresRouterOptions &
  DirectoryRouterOptions &
  MeasureSeriesRouterOptions &
  ReviewsRouterOptions &
  IncidentLossRouterOptions &
  CostsRouterOptions &
  PitfallsRouterOptions &
  SourcesRouterOptions;

/** Every route of the API, by area; the OpenAPI test checks the document describes each. */
export const ROUTES: Array<(options: RouterOptions) => express.Router> = [
  createServicesRouter,
  createRotasRouter,
  createEventsRouter,
  createMeasuresRouter,
  createDirectoryRouter,
  createMeasureSeriesRouter,
  createReviewsRouter,
  createIncidentLossRouter,
  createCostsRouter,
  createPitfallsRouter,
  createSourcesRouter,
];

/** The OpenAPI document as plain JSON, for reading schemas when a message is written. */
export type OpenApiDocument = {
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
};

type Schema = Record<string, unknown>;

const STAGE = 'operatingModelStage';

const stage =
  (name: 'validating' | 'handling'): RequestHandler =>
  (_req, res, next) => {
    res.locals[STAGE] = name;
    next();
  };

function resolve<T>(doc: OpenApiDocument, value: T): T {
  let current: unknown = value;
  for (let hops = 0; hops < 10; hops++) {
    const ref = (current as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) break;
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (node, key) => (node as Record<string, unknown> | undefined)?.[key],
        doc,
      );
  }
  return current as T;
}

/** The wording a schema gives for what it expects, from `x-expected` on it or on what it builds on. */
function expectedOf(
  doc: OpenApiDocument,
  schema: Schema | undefined,
): string | undefined {
  const s = resolve(doc, schema);
  if (!s) return undefined;
  if (typeof s['x-expected'] === 'string') return s['x-expected'];
  for (const list of [s.allOf, s.anyOf, s.oneOf]) {
    for (const part of (list as Schema[] | undefined) ?? []) {
      const expected = expectedOf(doc, part);
      if (expected) return expected;
    }
  }
  return undefined;
}

function childSchema(
  doc: OpenApiDocument,
  schema: Schema | undefined,
  segment: string,
): Schema | undefined {
  const s = resolve(doc, schema);
  if (!s) return undefined;
  if (/^\d+$/.test(segment) && s.items) return resolve(doc, s.items as Schema);
  const property = (s.properties as Record<string, Schema> | undefined)?.[
    segment
  ];
  if (property) return resolve(doc, property);
  for (const part of (s.allOf as Schema[] | undefined) ?? []) {
    const found = childSchema(doc, part, segment);
    if (found) return found;
  }
  return undefined;
}

interface Located {
  name: string;
  schema: Schema | undefined;
  value: unknown;
  /** Query and path values are quoted back, as the handlers' own messages do. */
  quote: boolean;
}

function operationOf(doc: OpenApiDocument, req: Request): Schema | undefined {
  const route = (req as Request & { openapi?: { openApiRoute?: string } })
    .openapi?.openApiRoute;
  const item = route === undefined ? undefined : doc.paths[route];
  return item?.[req.method.toLocaleLowerCase('en-US')] as Schema | undefined;
}

/** `items/3/deployTime` → `items[3].deployTime`, as the event reader writes it. */
function bodyPath(segments: string[]): string {
  return segments
    .map((part, index) => {
      if (/^\d+$/.test(part)) return `[${part}]`;
      return index === 0 ? part : `.${part}`;
    })
    .join('');
}

function locate(
  doc: OpenApiDocument,
  req: Request,
  segments: string[],
): Located {
  const [where, ...rest] = segments;
  const operation = operationOf(doc, req);
  if (where === 'query' || where === 'params') {
    const parameters = (
      (operation?.parameters as Schema[] | undefined) ?? []
    ).map(p => resolve(doc, p));
    const parameter = parameters.find(
      p =>
        p.name === rest[0] && p.in === (where === 'params' ? 'path' : 'query'),
    );
    // Express has put back the outer router's params by now; the validator's are kept on req.openapi.
    const source =
      where === 'query'
        ? req.query
        : (req as Request & { openapi?: { pathParams?: object } }).openapi
            ?.pathParams;
    return {
      name:
        typeof parameter?.['x-parameter'] === 'string'
          ? parameter['x-parameter']
          : rest[0] ?? where,
      schema: resolve(doc, parameter?.schema as Schema | undefined),
      value:
        rest[0] === undefined
          ? undefined
          : (source as Record<string, unknown> | undefined)?.[rest[0]],
      quote: true,
    };
  }
  if (where === 'body') {
    const requestBody = resolve(
      doc,
      operation?.requestBody as Schema | undefined,
    );
    const content = requestBody?.content as
      | Record<string, { schema?: Schema }>
      | undefined;
    let schema = resolve(doc, content?.['application/json']?.schema);
    let value: unknown = req.body;
    for (const segment of rest) {
      schema = childSchema(doc, schema, segment);
      value = (value as Record<string, unknown> | undefined)?.[segment];
    }
    return { name: bodyPath(rest) || 'body', schema, value, quote: false };
  }
  if (where === 'headers') {
    const header = (rest[0] ?? '').replace(
      /(^|-)([a-z])/g,
      (_m, dash, letter) => dash + letter.toUpperCase(),
    );
    return {
      name: header || 'headers',
      schema: undefined,
      value: undefined,
      quote: false,
    };
  }
  return {
    name: where ?? 'request',
    schema: undefined,
    value: undefined,
    quote: false,
  };
}

function quoted(value: unknown): string {
  const text =
    typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'expected a string',
  number: 'expected a number',
  integer: 'expected a whole number',
  boolean: 'expected true or false',
  object: 'expected an object',
  array: 'expected an array',
};

type Phrasing = [RegExp, (m: RegExpExecArray) => string | undefined];

/** Ajv's messages about sizes and bounds, in the project's words; they win over the type. */
const BOUND_PHRASES: Phrasing[] = [
  [
    /^must match pattern "(.*)"$/,
    m =>
      m[1] === '^[^\\x00]*$' ? 'must not contain NUL characters' : undefined,
  ],
  [
    /^must NOT have more than (\d+) characters$/,
    m => `at most ${m[1]} characters`,
  ],
  [
    /^must NOT have fewer than (\d+) characters$/,
    m => (m[1] === '1' ? 'must not be empty' : `at least ${m[1]} characters`),
  ],
  [/^must NOT have more than (\d+) items$/, m => `at most ${m[1]} items`],
  [/^must NOT have fewer than (\d+) items$/, m => `at least ${m[1]} items`],
  [/^must be (<=|<) (.+)$/, m => `at most ${m[2]}`],
  [/^must be (>=|>) (.+)$/, m => `at least ${m[2]}`],
];

/** Ajv's other messages, used when the schema says nothing of what it expects. */
const OTHER_PHRASES: Phrasing[] = [
  [
    /^must match format "date-time"$/,
    () => 'expected an ISO 8601 instant such as 2026-11-27T12:00:00Z',
  ],
  [
    /^must be equal to one of the allowed values: (.*)$/,
    m => `expected one of ${m[1]}`,
  ],
  [/^must be (\w+)$/, m => TYPE_WORDS[m[1]]],
];

function phraseBy(rules: Phrasing[], problem: string): string | undefined {
  for (const [pattern, phrasing] of rules) {
    const m = pattern.exec(problem);
    const phrased = m ? phrasing(m) : undefined;
    if (phrased) return phrased;
  }
  return undefined;
}

/** The phrase for one of ajv's messages, in the project's words. */
function phrase(doc: OpenApiDocument, problem: string, at: Located): string {
  return (
    phraseBy(BOUND_PHRASES, problem) ??
    expectedOf(doc, at.schema) ??
    phraseBy(OTHER_PHRASES, problem) ??
    problem
  );
}

/**
 * Rewrites a message of the OpenAPI validator, such as `request/query/at must match format
 * "date-time"` or `request/body/items/3 must be object`, into the project's one form
 * `<parameter>: <what was expected>`: `at: expected an ISO 8601 instant such as
 * 2026-11-27T12:00:00Z; got "yesterday"`, `items[3]: expected an object`. Only the first problem
 * is told, as the handlers do.
 */
export function contractMessage(
  doc: OpenApiDocument,
  message: string,
  req: Request,
): string {
  const first = message.split(/, (?=request[/ ])/)[0];
  const unknown = /^Unknown query parameter '(.*)'$/.exec(first);
  if (unknown) {
    const operation = operationOf(doc, req);
    const known = ((operation?.parameters as Schema[] | undefined) ?? [])
      .map(p => resolve(doc, p))
      .filter(p => p.in === 'query')
      .map(p => p.name);
    return `${unknown[1]}: is not a parameter of this route; ${
      known.length ? `it takes ${known.join(', ')}` : 'it takes none'
    }`;
  }
  const empty = /^Empty value found for query parameter '(.*)'$/.exec(first);
  if (empty) return `${empty[1]}: must not be empty`;
  if (
    /^unsupported media type (.*)$/.test(first) ||
    first === 'media type not specified'
  ) {
    const got = req.headers['content-type'];
    return `Content-Type: expected application/json${
      got ? `; got ${quoted(got)}` : ''
    }`;
  }
  if (first.startsWith('malformed uri'))
    return 'path: expected percent-encoded UTF-8';
  const located = /^request((?:\/\S*)?) (.*)$/.exec(first);
  if (!located) return first;
  const segments = located[1]
    .split('/')
    .slice(1)
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const problem = located[2];
  const required = /^must have required property '(.*)'$/.exec(problem);
  if (required) {
    const at = locate(doc, req, [...segments, required[1]]);
    return `${at.name}: ${expectedOf(doc, at.schema) ?? 'is required'}`;
  }
  if (problem === 'must NOT have additional properties') {
    const at = locate(doc, req, segments);
    const known = Object.keys(
      (resolve(doc, at.schema)?.properties as Schema | undefined) ?? {},
    );
    const extra = Object.keys((at.value as Schema | undefined) ?? {}).find(
      k => !known.includes(k),
    );
    const name =
      extra === undefined
        ? at.name
        : locate(doc, req, [...segments, extra]).name;
    return `${name}: is not a field of this request; expected ${known.join(
      ', ',
    )}`;
  }
  const at = locate(doc, req, segments);
  const got =
    at.quote && at.value !== undefined ? `; got ${quoted(at.value)}` : '';
  return `${at.name}: ${phrase(doc, problem, at)}${got}`;
}

/** Turns the validator's 400s (and only those) into messages in the project's form. */
function contractErrors(doc: OpenApiDocument): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (
      res.locals[STAGE] === 'validating' &&
      error instanceof Error &&
      error.name === 'InputError'
    ) {
      next(new InputError(contractMessage(doc, error.message, req)));
      return;
    }
    next(error);
  };
}

/**
 * The plugin's HTTP API, one sub-router per surface, behind the OpenAPI document in
 * `src/schema/openapi.yaml`: a request that breaks it is refused with a 400 before any handler
 * runs, and the document is served at `/openapi.json`.
 */
/**
 * A calendar feed link's token is a credential: it is taken out of the URL before anything can
 * log or echo it (the request log, an error body, the validator's message) and kept for the
 * feed route, which checks it.
 */
const takeFeedToken: RequestHandler = (req, res, next) => {
  const token = req.query.token;
  if (token !== undefined) {
    res.locals[FEED_TOKEN] = token;
    const redact = (url: string) =>
      url.replace(/([?&]token=)[^&#]*/g, '$1[redacted]');
    req.originalUrl = redact(req.originalUrl);
    req.url = redact(req.url);
  }
  next();
};

export function createRouter(options: RouterOptions): express.Router {
  const doc = spec as unknown as OpenApiDocument;
  const router = Router();
  router.use('/feeds', takeFeedToken);
  // The body is read in front of the validated router, because that router turns every error
  // raised before its validator into a 400, and a failed authentication must stay a 401.
  router.use(readRequestBody({ httpAuth: options.httpAuth, spec: doc }));
  // The validator is handed its own copy, since it resolves references in what it is given.
  const api = createValidatedOpenApiRouter(
    structuredClone(spec) as typeof spec,
    {
      middleware: [stage('validating')],
      // Backstage's credentials barrier and the handlers check tokens; the document only names them.
      validatorOptions: { validateSecurity: false },
    },
  );
  api.use(stage('handling'));
  for (const create of ROUTES) api.use(create(options));
  router.use(api);
  router.use(contractErrors(doc));
  return router;
}
