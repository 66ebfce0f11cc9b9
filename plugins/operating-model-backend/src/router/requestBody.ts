import { HttpAuthService } from '@backstage/backend-plugin-api';
import { CustomErrorBase, InputError } from '@backstage/errors';
import { Request, RequestHandler } from 'express';
import zlib from 'node:zlib';
import { MAX_BATCH_ITEMS } from '../events/eventSchemas';

/** The most bytes a body may have, as sent and once `Content-Encoding` is undone. */
export interface BodyLimits {
  raw: number;
  inflated: number;
}

/** An events batch: 10,000 items of a few hundred bytes each fit. */
export const EVENT_BATCH_LIMITS: BodyLimits = {
  raw: 5 * 1024 * 1024,
  inflated: 5 * 1024 * 1024,
};

/** Every other body is a form's worth of fields. */
export const BODY_LIMITS: BodyLimits = { raw: 64 * 1024, inflated: 64 * 1024 };

const EVENT_BATCH_BODY = '#/components/requestBodies/EventBatch';

/** A 413, which Backstage's error handler answers with its usual error body. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/** A 415 for a body in an encoding this backend does not undo. */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  statusCode = 415;
}

interface BodyRoute {
  method: string;
  path: RegExp;
  limits: BodyLimits;
  eventBatch: boolean;
}

interface OpenApiPaths {
  paths: Record<string, Record<string, unknown>>;
}

const BODY_METHODS = ['post', 'put', 'patch'];

/** `/events/{kind}` → a case-insensitive pattern matching it as Express routes do. */
function pathPattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map(part =>
      part.startsWith('{')
        ? '[^/]+'
        : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}/?$`, 'i');
}

/** The operations of the document that take a request body, with the limits of each. */
export function bodyRoutesOf(spec: OpenApiPaths): BodyRoute[] {
  const routes: BodyRoute[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of BODY_METHODS) {
      const operation = item[method] as
        | { requestBody?: { $ref?: string } }
        | undefined;
      if (!operation?.requestBody) continue;
      const eventBatch = operation.requestBody.$ref === EVENT_BATCH_BODY;
      routes.push({
        method: method.toUpperCase(),
        path: pathPattern(template),
        limits: eventBatch ? EVENT_BATCH_LIMITS : BODY_LIMITS,
        eventBatch,
      });
    }
  }
  return routes;
}

function tooLarge(limits: BodyLimits, inflated: boolean): PayloadTooLargeError {
  const kb = Math.round((inflated ? limits.inflated : limits.raw) / 1024);
  return new PayloadTooLargeError(
    inflated
      ? `body: at most ${kb} KB once Content-Encoding is undone`
      : `body: at most ${kb} KB as sent`,
  );
}

function inflaterFor(req: Request): zlib.Gunzip | zlib.Inflate | undefined {
  const encoding = (req.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLocaleLowerCase('en-US');
  switch (encoding) {
    case 'identity':
    case '':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    default:
      throw new UnsupportedMediaTypeError(
        `Content-Encoding: expected gzip, deflate or identity; got ${JSON.stringify(
          encoding.slice(0, 40),
        )}`,
      );
  }
}

/**
 * Reads the body, counting bytes as sent and once inflated, and stops at the first limit
 * passed: a few KB of gzip that would inflate to gigabytes cost only the limit's worth of
 * inflation. The rest of a refused body is drained unread, so the 413 reaches the client.
 */
export function readBodyBytes(
  req: Request,
  limits: BodyLimits,
): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limits.raw) return Promise.reject(tooLarge(limits, false));
  let inflater: zlib.Gunzip | zlib.Inflate | undefined;
  try {
    inflater = inflaterFor(req);
  } catch (error) {
    return Promise.reject(error);
  }
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let raw = 0;
    let size = 0;
    let settled = false;
    const settle = (error: Error | undefined) => {
      if (settled) return;
      settled = true;
      req.off('data', onRaw);
      if (error) {
        if (inflater) {
          req.unpipe(inflater);
          inflater.destroy();
        }
        req.resume();
        reject(error);
      } else {
        resolve(Buffer.concat(chunks, size));
      }
    };
    function onRaw(chunk: Buffer) {
      raw += chunk.length;
      if (raw > limits.raw) settle(tooLarge(limits, false));
    }
    const onData = (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limits.inflated) {
        settle(tooLarge(limits, true));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onRaw);
    req.on('error', error => settle(error));
    req.on('aborted', () =>
      settle(new InputError('body: the request ended before its body did')),
    );
    if (inflater) {
      inflater.on('data', onData);
      inflater.on('end', () => settle(undefined));
      inflater.on('error', () =>
        settle(
          new InputError(
            `body: not valid ${req.headers['content-encoding']} data`,
          ),
        ),
      );
      req.pipe(inflater);
    } else {
      req.on('data', onData);
      req.on('end', () => settle(undefined));
    }
  });
}

/**
 * The number of entries in the top-level `items` array of a JSON text, read without parsing it:
 * counting stops at `max + 1`, so two million empty objects cost the time of reading 10,001 of
 * them. `not-an-array` when `items` holds anything else; undefined when there is no `items` or
 * the text is not a JSON object (JSON.parse and the validator then say what is wrong).
 */
export function countBatchItems(
  text: string,
  max: number,
): number | 'not-an-array' | undefined {
  let depth = 0;
  let awaitingKey = false;
  let key: string | undefined;
  let awaitingValue = false;
  let inItems = false;
  let count = 0;
  let empty = true;
  let found: number | 'not-an-array' | undefined;
  let i = 0;
  while (i < text.length && /\s/.test(text[i])) i++;
  if (text[i] !== '{') return undefined;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    if (depth === 1 && awaitingValue) {
      awaitingValue = false;
      if (key === 'items') {
        if (c !== '[') {
          found = 'not-an-array';
        } else {
          inItems = true;
          count = 0;
          empty = true;
        }
      }
    } else if (inItems && depth === 2 && c !== ']') {
      empty = false;
      if (c === ',' && ++count >= max) return count + 1;
    }
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') i++;
      }
      if (depth === 1 && awaitingKey) {
        awaitingKey = false;
        try {
          key = JSON.parse(text.slice(start, i + 1));
        } catch {
          return undefined;
        }
      }
    } else if (c === '{' || c === '[') {
      depth++;
      if (depth === 1) awaitingKey = true;
    } else if (c === '}' || c === ']') {
      if (inItems && depth === 2) {
        inItems = false;
        found = empty ? 0 : count + 1;
      }
      depth--;
    } else if (depth === 1 && c === ':') {
      awaitingValue = true;
    } else if (depth === 1 && c === ',') {
      awaitingKey = true;
    }
  }
  return found;
}

function batchShapeError(
  found: number | 'not-an-array' | undefined,
): InputError | undefined {
  if (found === 'not-an-array') {
    return new InputError(
      `items: expected an array of at most ${MAX_BATCH_ITEMS} events`,
    );
  }
  if (typeof found === 'number' && found > MAX_BATCH_ITEMS) {
    return new InputError(
      `items: at most ${MAX_BATCH_ITEMS} items in one batch; send the rest in another; nothing was written`,
    );
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`body: expected JSON; ${(error as Error).message}`);
  }
}

/**
 * Reads JSON bodies for the operations of the document that take one, and only after the caller
 * is authenticated: an anonymous caller costs no parsing at all, and the unauthenticated
 * calendar feeds never have a body read. An events batch whose `items` is not an array of at
 * most 10,000 entries is refused before JSON.parse builds it, and before anything validates an
 * item.
 */
export function readRequestBody(options: {
  httpAuth: HttpAuthService;
  spec: OpenApiPaths;
}): RequestHandler {
  const { httpAuth } = options;
  const routes = bodyRoutesOf(options.spec);
  const read = async (req: Request) => {
    if (/^\/feeds(\/|$)/i.test(req.path)) return;
    const route = routes.find(
      r => r.method === req.method && r.path.test(req.path),
    );
    if (!route) return;
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    // Any other type is left unread, and the validator refuses it for the type.
    if (!req.is(['application/json', 'application/*+json'])) return;
    const charset = /;\s*charset=([^;\s]+)/i.exec(
      req.headers['content-type'] ?? '',
    )?.[1];
    if (charset && !/^utf-?8$/i.test(charset.replace(/"/g, ''))) {
      throw new UnsupportedMediaTypeError(
        `Content-Type: expected charset utf-8; got ${JSON.stringify(
          charset.slice(0, 40),
        )}`,
      );
    }
    const bytes = await readBodyBytes(req, route.limits);
    if (bytes.length === 0) return;
    const text = bytes.toString('utf8');
    if (route.eventBatch) {
      const error = batchShapeError(countBatchItems(text, MAX_BATCH_ITEMS));
      if (error) throw error;
    }
    const body = parseJson(text);
    if (
      route.eventBatch &&
      typeof body === 'object' &&
      body !== null &&
      'items' in body
    ) {
      const items = (body as { items: unknown }).items;
      const error = batchShapeError(
        Array.isArray(items) ? items.length : 'not-an-array',
      );
      if (error) throw error;
    }
    req.body = body;
  };
  return (req, _res, next) => {
    read(req).then(() => next(), next);
  };
}
