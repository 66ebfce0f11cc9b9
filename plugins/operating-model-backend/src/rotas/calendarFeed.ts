import { createHmac, timingSafeEqual } from 'crypto';
import ical from 'ical-generator';
import { Shift } from '@operating-model/backstage-plugin-operating-model-common';

/** What a feed link says of itself: who it was issued for, when, and until when. */
export interface FeedLinkClaims {
  /** The user entity ref the link was issued for (the person who asked for it). */
  for: string;
  /** Epoch seconds. */
  issuedAt: number;
  /** Epoch seconds; the link is refused from then on. */
  expiresAt: number;
  /** The person's link generation when it was issued; resetting their link raises it. */
  generation: number;
}

function sign(secret: string, path: string, payload: string): string {
  return createHmac('sha256', secret)
    .update(`${path}\n${payload}`)
    .digest('base64url');
}

/**
 * A feed link's token: its claims and a signature over them and the feed's path, so a phone
 * calendar can subscribe without a Backstage session and the link opens only that one feed.
 */
export function signFeedLink(
  secret: string,
  path: string,
  claims: FeedLinkClaims,
): string {
  const payload = Buffer.from(
    JSON.stringify({
      f: claims.for,
      i: claims.issuedAt,
      e: claims.expiresAt,
      g: claims.generation,
    }),
  ).toString('base64url');
  return `${payload}.${sign(secret, path, payload)}`;
}

/** The claims of a token signed for this path, or undefined when it is not one of ours. Expiry is the caller's check. */
export function readFeedLink(
  secret: string,
  path: string,
  token: unknown,
): FeedLinkClaims | undefined {
  if (typeof token !== 'string' || token.length > 1024) return undefined;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(secret, path, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return undefined;
  try {
    const raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (
      typeof raw.f !== 'string' ||
      ![raw.i, raw.e, raw.g].every(Number.isInteger)
    )
      return undefined;
    return { for: raw.f, issuedAt: raw.i, expiresAt: raw.e, generation: raw.g };
  } catch {
    return undefined;
  }
}

/** An RFC 5545 calendar of shifts, one event a shift, through ical-generator. */
export function shiftsCalendar(options: {
  name: string;
  shifts: Array<Shift & { rotaRef?: string }>;
  summary: (shift: Shift & { rotaRef?: string }) => string;
  /** More about a shift than its summary says, before an override's note. */
  description?: (shift: Shift & { rotaRef?: string }) => string | undefined;
  uidPrefix: string;
}): string {
  const calendar = ical({
    name: options.name,
    prodId: {
      company: 'operating-model plugins',
      product: 'on-call rota',
      language: 'EN',
    },
    ttl: 60 * 60,
  });
  for (const shift of options.shifts) {
    calendar.createEvent({
      id: `${options.uidPrefix}:${shift.rotaRef ?? ''}:${shift.start}:${
        shift.person
      }`,
      start: new Date(shift.start),
      end: new Date(shift.end),
      summary: options.summary(shift),
      description:
        [
          options.description?.(shift),
          shift.override ? 'Covering as an override' : undefined,
        ]
          .filter(Boolean)
          .join('\n') || undefined,
    });
  }
  return calendar.toString();
}
