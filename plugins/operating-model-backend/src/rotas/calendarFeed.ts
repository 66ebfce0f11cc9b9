import { createHmac, timingSafeEqual } from 'crypto';
import ical from 'ical-generator';
import { Shift } from '@internal/plugin-operating-model-common';

/**
 * Signs a feed path, so a phone calendar can subscribe to it without a Backstage session:
 * the link itself is the credential, and it opens only that one feed.
 */
export function signFeedPath(secret: string, path: string): string {
  return createHmac('sha256', secret).update(path).digest('hex').slice(0, 40);
}

export function verifyFeedToken(secret: string, path: string, token: unknown): boolean {
  if (typeof token !== 'string') return false;
  const expected = Buffer.from(signFeedPath(secret, path));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** An RFC 5545 calendar of shifts, one event a shift, through ical-generator. */
export function shiftsCalendar(options: {
  name: string;
  shifts: Array<Shift & { rotaRef?: string }>;
  summary: (shift: Shift & { rotaRef?: string }) => string;
  uidPrefix: string;
}): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'operating-model plugins', product: 'on-call rota', language: 'EN' },
    ttl: 60 * 60,
  });
  for (const shift of options.shifts) {
    calendar.createEvent({
      id: `${options.uidPrefix}:${shift.rotaRef ?? ''}:${shift.start}:${shift.person}`,
      start: new Date(shift.start),
      end: new Date(shift.end),
      summary: options.summary(shift),
      description: shift.override ? 'Covering as an override' : undefined,
    });
  }
  return calendar.toString();
}
