/** How the client waits and retries; the defaults suit GitHub, tests shorten them. */
export interface RequestPolicy {
  /**
   * The longest wait for a rate limit. A longer one stops the run where it is: what was read is
   * written, and the next scheduled run goes on from there.
   */
  maxWaitMs: number;
  /** The first wait after a 5xx or a lost connection; it doubles on each retry. */
  serverErrorBackoffMs: number;
  /** Retries after a 5xx or a lost connection before the read fails. */
  serverErrorRetries: number;
  /** Retries after a secondary rate limit before the run stops. */
  secondaryLimitRetries: number;
  /** How long one request may take before it counts as a lost connection. */
  requestTimeoutMs: number;
}

/** GitHub's advice: wait at least a minute after a secondary limit that names no time. */
const SECONDARY_WAIT_WITHOUT_RETRY_AFTER_MS = 60_000;

/** Waits for one request's primary limit to reset before the run stops instead. */
const PRIMARY_LIMIT_RETRIES = 2;

export const DEFAULT_REQUEST_POLICY: RequestPolicy = {
  maxWaitMs: 60_000,
  serverErrorBackoffMs: 1_000,
  serverErrorRetries: 3,
  secondaryLimitRetries: 5,
  requestTimeoutMs: 30_000,
};

/** The API version the module is written against, sent on every request. */
export const GITHUB_API_VERSION = '2022-11-28';

/** An answer the caller reads: 200, 304, or a 4xx it decides about (403, 404, 409, 410, 422). */
export interface GitHubAnswer {
  status: number;
  body: unknown;
  etag: string | undefined;
  /** The `rel="next"` URL of the `Link` header, for a list with more pages. */
  next: string | undefined;
}

/**
 * Thrown when a rate limit asks for a longer wait than the policy allows: the source returns
 * what it has read so far, and the run ends there.
 */
export class RateLimitStop extends Error {
  constructor(readonly until: Date, reason: string) {
    super(
      `GitHub's ${reason} rate limit asks to wait until ${until.toISOString()}`,
    );
    this.name = 'RateLimitStop';
  }
}

/** What a request cost, for the logs and the benchmark. */
export interface RequestCounts {
  /** Requests sent, retries included. */
  sent: number;
  /** Of those, answered 304 Not Modified: free against the rate limit. */
  notModified: number;
  /** Waits for a rate limit and retries after a 5xx. */
  rateLimitWaits: number;
  serverErrorRetries: number;
}

type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new Error('The GitHub read was aborted');
}

const sleepFor: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError(signal));
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** The `rel="next"` URL of a `Link` header such as `<https://…&page=2>; rel="next", …`. */
export function nextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
    if (match && /\brel\s*=\s*"?([^"]*\s)?next(\s[^"]*)?"?/.test(match[2])) {
      return match[1];
    }
  }
  return undefined;
}

const READ_STATUSES = new Set([200, 304, 403, 404, 409, 410, 422]);

/**
 * GET requests to one GitHub API base URL, with GitHub's recommended headers, conditional
 * requests, and its rate limit rules: a primary limit (`x-ratelimit-remaining: 0`) is waited
 * out until `x-ratelimit-reset`, a secondary limit (403 or 429 with `retry-after`) is waited
 * out and retried, a 5xx is retried with a doubling backoff and then fails the read. Requests
 * go one at a time, as GitHub asks of an integration.
 */
export class GitHubRestClient {
  readonly counts: RequestCounts = {
    sent: 0,
    notModified: 0,
    rateLimitWaits: 0,
    serverErrorRetries: 0,
  };
  /** What GitHub last said of each token's primary limit. */
  private readonly limits = new Map<
    string,
    { remaining: number; resetAt: number }
  >();
  private readonly origin: string;
  private readonly clock: { now: () => number; sleep: Sleep };

  constructor(
    private readonly apiBaseUrl: string,
    private readonly policy: RequestPolicy = DEFAULT_REQUEST_POLICY,
    clock: { now?: () => number; sleep?: Sleep } = {},
  ) {
    this.origin = new URL(apiBaseUrl).origin;
    this.clock = {
      now: clock.now ?? (() => Date.now()),
      sleep: clock.sleep ?? sleepFor,
    };
  }

  /**
   * GETs a path under the API base URL, or a URL GitHub gave (a `Link`), with the token and,
   * when given, `If-None-Match`. Throws on 401, on another unexpected status, and on a 5xx
   * that outlasts its retries; throws {@link RateLimitStop} when a limit asks for too long a
   * wait.
   */
  async get(
    pathOrUrl: string,
    options: { token: string; etag?: string; signal: AbortSignal },
  ): Promise<GitHubAnswer> {
    const url = pathOrUrl.startsWith('/')
      ? `${this.apiBaseUrl}${pathOrUrl}`
      : pathOrUrl;
    // A token goes only to the configured API, whatever a Link header says.
    if (new URL(url).origin !== this.origin) {
      throw new Error(`GitHub linked to ${url}, outside ${this.apiBaseUrl}`);
    }
    const { token, signal } = options;
    let serverErrors = 0;
    let secondaryLimits = 0;
    let primaryLimits = 0;
    for (;;) {
      await this.waitForPrimaryLimit(token, signal);
      let response: Response;
      try {
        this.counts.sent += 1;
        response = await fetch(url, {
          headers: {
            Accept: 'application/vnd.github+json',
            Authorization: `Bearer ${token}`,
            'X-GitHub-Api-Version': GITHUB_API_VERSION,
            'User-Agent':
              'backstage-plugin-operating-model-backend-module-github',
            ...(options.etag ? { 'If-None-Match': options.etag } : {}),
          },
          signal: AbortSignal.any([
            signal,
            AbortSignal.timeout(this.policy.requestTimeoutMs),
          ]),
        });
      } catch (error) {
        if (signal.aborted) throw abortError(signal);
        serverErrors += 1;
        await this.backOff(serverErrors, signal, () =>
          describe(url, `failed: ${(error as Error).message}`),
        );
        continue;
      }
      this.noteLimit(token, response.headers);
      const status = response.status;

      if (status >= 500) {
        await response.body?.cancel();
        serverErrors += 1;
        await this.backOff(serverErrors, signal, () =>
          describe(url, `answered ${status} ${response.statusText}`),
        );
        continue;
      }
      if (status === 304) {
        this.counts.notModified += 1;
        return { status, body: undefined, etag: options.etag, next: undefined };
      }
      const text = await response.text();
      const body = parseJson(text);
      if (status === 403 || status === 429) {
        const wait = this.limitWait(response.headers, body, secondaryLimits);
        if (wait) {
          if (wait.kind === 'secondary') secondaryLimits += 1;
          else primaryLimits += 1;
          // A limit still spent after its reset means GitHub's clock and ours disagree: stop.
          if (
            secondaryLimits > this.policy.secondaryLimitRetries ||
            primaryLimits > PRIMARY_LIMIT_RETRIES
          ) {
            throw new RateLimitStop(
              new Date(this.clock.now() + wait.ms),
              wait.kind,
            );
          }
          await this.wait(wait.ms, wait.kind, signal);
          continue;
        }
      }
      if (status === 401) {
        throw new Error(
          describe(
            url,
            `answered 401 ${
              messageOf(body) ?? 'Unauthorized'
            }: check the token or GitHub App in integrations.github`,
          ),
        );
      }
      if (!READ_STATUSES.has(status)) {
        throw new Error(
          describe(url, `answered ${status} ${messageOf(body) ?? ''}`.trim()),
        );
      }
      if (status === 200 && body === undefined) {
        throw new Error(
          describe(url, 'answered 200 with a body that is not JSON'),
        );
      }
      return {
        status,
        body,
        etag: response.headers.get('etag') ?? undefined,
        next: nextLink(response.headers.get('link')),
      };
    }
  }

  private noteLimit(token: string, headers: Headers) {
    const remaining = Number(headers.get('x-ratelimit-remaining'));
    const resetAt = Number(headers.get('x-ratelimit-reset'));
    if (
      headers.has('x-ratelimit-remaining') &&
      Number.isFinite(remaining) &&
      Number.isFinite(resetAt)
    ) {
      this.limits.set(token, { remaining, resetAt: resetAt * 1000 });
    }
  }

  /** Before a request: a token whose primary limit is spent waits for its reset. */
  private async waitForPrimaryLimit(token: string, signal: AbortSignal) {
    const limit = this.limits.get(token);
    if (!limit || limit.remaining > 0) return;
    const ms = limit.resetAt - this.clock.now();
    if (ms <= 0) return;
    // GitHub's reset is in whole seconds: a second more, so the first request after it counts.
    await this.wait(ms + 1000, 'primary', signal);
    this.limits.delete(token);
  }

  /** The wait a 403 or 429 asks for, or undefined when it is a refusal, not a limit. */
  private limitWait(
    headers: Headers,
    body: unknown,
    secondaryLimitsSoFar: number,
  ): { ms: number; kind: 'primary' | 'secondary' } | undefined {
    const retryAfter = Number(headers.get('retry-after'));
    if (headers.has('retry-after') && Number.isFinite(retryAfter)) {
      return { ms: Math.max(0, retryAfter) * 1000, kind: 'secondary' };
    }
    if (headers.get('x-ratelimit-remaining') === '0') {
      const resetAt = Number(headers.get('x-ratelimit-reset')) * 1000;
      return {
        ms: Math.max(0, resetAt - this.clock.now()) + 1000,
        kind: 'primary',
      };
    }
    if (/secondary rate limit/i.test(messageOf(body) ?? '')) {
      return {
        ms: SECONDARY_WAIT_WITHOUT_RETRY_AFTER_MS * 2 ** secondaryLimitsSoFar,
        kind: 'secondary',
      };
    }
    return undefined;
  }

  private async wait(
    ms: number,
    kind: 'primary' | 'secondary',
    signal: AbortSignal,
  ) {
    if (ms > this.policy.maxWaitMs) {
      throw new RateLimitStop(new Date(this.clock.now() + ms), kind);
    }
    this.counts.rateLimitWaits += 1;
    await this.clock.sleep(ms, signal);
  }

  private async backOff(
    attempt: number,
    signal: AbortSignal,
    message: () => string,
  ) {
    if (attempt > this.policy.serverErrorRetries) {
      throw new Error(`${message()}, ${attempt} times`);
    }
    this.counts.serverErrorRetries += 1;
    await this.clock.sleep(
      this.policy.serverErrorBackoffMs * 2 ** (attempt - 1),
      signal,
    );
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function messageOf(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

function describe(url: string, what: string) {
  const { pathname, search } = new URL(url);
  return `GitHub GET ${pathname}${search} ${what}`;
}
