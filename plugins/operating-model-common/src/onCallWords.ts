import type { DirectoryService } from './directory';
import type { OnCallAnswer } from './paging';

/*
 * Rule 9's answer in words, the one way every surface says it (the service card, the Group card,
 * the directory, the lookup, the search index): the person, the period and the rota in words, and
 * every time with its zone, the viewer's first and the rota's beside it where its clock differs.
 */

/**
 * Where and when an on-call answer is read: the zones its times are told in.
 *
 * @public
 */
export interface OnCallWordsOptions {
  /** The viewer's time zone (IANA), the one every time is told in first. */
  viewerZone: string;
  /** The rota's time zone (IANA): the owning team's, whose working hours the answer follows. */
  rotaZone: string;
  /**
   * The instant the answer is read at: a time within the next six days is then told by its
   * weekday alone. Without it every time has its date, as a stored text read later needs.
   */
  now?: Date;
  /** The locale the times are written in; the runtime's default without one. */
  locale?: string;
}

/**
 * Who is paged, with the names a surface shows: the answer of rule 9 (`OnCallAnswer`), with the
 * person and the rotas by name.
 *
 * @public
 */
export interface OnCallWordsInput {
  period: OnCallAnswer['period'];
  schedule: OnCallAnswer['schedule'];
  /** The name of the person paged now, or null when nobody is. */
  person: string | null;
  /** The name of the rota the schedule draws from: the owning team for `team`, the domain for `domain`. */
  rota: string | null;
  shiftEnd: string | null;
  /** The end of the period: the close of working hours, or the next working-hours start. */
  periodEnd: string | null;
  /** When nobody is paged now: the next working-hours start and who is on the team shift then. */
  next: { person: string | null; at: string } | null;
  /** The owning team's name, whose rota `next` is on. */
  team: string | null;
}

/**
 * What a piece of an on-call answer's words is, so a surface can link the names.
 *
 * @public
 */
export type OnCallWordsRole =
  | 'person'
  | 'period'
  | 'schedule'
  | 'until'
  | 'nextPerson'
  | 'nextSchedule'
  | 'text';

/**
 * An on-call answer in words: the parts on their own and the whole line as a list of segments
 * (joined, `text`), so that every surface puts them in the same order with the same punctuation.
 *
 * @public
 */
export interface OnCallWords {
  /** The person's name, or `Nobody`. */
  person: string;
  /** `working hours` or `out of hours`. */
  period: string;
  /** `Bedroom team rota`, `Furnishing domain rota`, `no out-of-hours rota`. */
  schedule: string;
  /**
   * `until Mon 14:00 GMT (09:00 New York time)`: when the answer changes, the end of the shift or
   * of the period, whichever is first; when nobody is paged, the end of the wait.
   */
  until: string | null;
  /** When nobody is paged now: who will be, on which rota. */
  next: { person: string; schedule: string } | null;
  segments: Array<{ role: OnCallWordsRole; text: string }>;
  /** `Declan Byrne: out of hours, Furnishing domain rota, until Mon 09:00 GMT` */
  text: string;
}

const DAY = 24 * 60 * 60 * 1000;

// Building an Intl format is far slower than using one, and the directory words thousands.
const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** `New York time` for America/New_York; a zone without a place (`UTC`) by its own name. */
function zonePlace(zone: string): string {
  if (!zone.includes('/') || zone.startsWith('Etc/')) return zone;
  return `${zone.slice(zone.lastIndexOf('/') + 1).replace(/_/g, ' ')} time`;
}

/**
 * An instant in the viewer's zone with the zone's abbreviation, and in the rota's zone beside it
 * when the clocks there read differently: `Mon 14:00 GMT (Mon 09:00 New York time)`. Within the
 * six days after `now` the weekday says the day; otherwise, or without `now`, the date does:
 * `Mon 7 Dec, 14:00 GMT`.
 *
 * @public
 */
export function formatOnCallTime(
  instant: string | Date,
  options: OnCallWordsOptions,
): string {
  const date = new Date(instant);
  const { now, locale, viewerZone, rotaZone } = options;
  const ahead = now ? date.getTime() - now.getTime() : -1;
  const near = ahead >= 0 && ahead < 6 * DAY;
  const fields: Intl.DateTimeFormatOptions = near
    ? { weekday: 'short', hour: '2-digit', minute: '2-digit' }
    : {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
      };
  const viewer = dateFormat(locale, {
    ...fields,
    timeZone: viewerZone,
    timeZoneName: 'short',
  }).format(date);
  const viewerClock = dateFormat(locale, {
    ...fields,
    timeZone: viewerZone,
  }).format(date);
  const rotaClock = dateFormat(locale, {
    ...fields,
    timeZone: rotaZone,
  }).format(date);
  return rotaClock === viewerClock
    ? viewer
    : `${viewer} (${rotaClock} ${zonePlace(rotaZone)})`;
}

function earliest(a: string | null, b: string | null): string | null {
  if (!a || !b) return a ?? b;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

/** `working hours` or `out of hours`. */
function periodWords(period: OnCallAnswer['period']): string {
  return period === 'working-hours' ? 'working hours' : 'out of hours';
}

/**
 * A rota by name, as every surface names it: `Bedroom team rota`, `Payments team rota` (a team
 * whose name does not say so), `Furnishing domain rota`; `team rota` without a name.
 *
 * @public
 */
export function rotaName(kind: 'team' | 'domain', name: string | null): string {
  if (!name) return `${kind} rota`;
  return name.toLocaleLowerCase('en-US').endsWith(kind)
    ? `${name} rota`
    : `${name} ${kind} rota`;
}

/**
 * When a rota's shifts page (rules 7 and 9): a team rota's in working hours, and out of hours
 * for the team's services whose level is `team`; a domain rota's only out of hours.
 *
 * @public
 */
export function rotaPagesWhen(kind: 'team' | 'domain'): string {
  return kind === 'domain'
    ? 'out of hours, for the domain’s services whose level is the domain rota'
    : 'in working hours, and out of hours for the team’s services whose level is the team rota';
}

/**
 * Rule 9's answer in words, for a viewer: who is paged (or `Nobody`), in which period, from
 * which rota, until when; when nobody is, until when and who is then. Every surface that says
 * who is on call says it with these words, so two screens never disagree about one instant.
 *
 * @public
 */
export function describeOnCall(
  answer: OnCallWordsInput,
  options: OnCallWordsOptions,
): OnCallWords {
  const person = answer.person ?? 'Nobody';
  const period = periodWords(answer.period);
  const schedule =
    answer.schedule === 'none'
      ? 'no out-of-hours rota'
      : rotaName(answer.schedule, answer.rota);
  // The answer holds until the shift ends or the period does, whichever is first.
  const untilAt = answer.person
    ? earliest(answer.shiftEnd, answer.periodEnd)
    : answer.next?.at ?? null;
  const until = untilAt ? `until ${formatOnCallTime(untilAt, options)}` : null;
  const next =
    !answer.person && answer.next
      ? {
          person: answer.next.person ?? 'nobody',
          schedule: rotaName('team', answer.team),
        }
      : null;

  const segments: OnCallWords['segments'] = [
    { role: 'person', text: person },
    { role: 'text', text: ': ' },
    { role: 'period', text: period },
    { role: 'text', text: ', ' },
    { role: 'schedule', text: schedule },
  ];
  if (until)
    segments.push({ role: 'text', text: ', ' }, { role: 'until', text: until });
  if (next) {
    segments.push(
      { role: 'text', text: '; then ' },
      { role: 'nextPerson', text: next.person },
      { role: 'text', text: ', ' },
      { role: 'nextSchedule', text: next.schedule },
    );
  }
  return {
    person,
    period,
    schedule,
    until,
    next,
    segments,
    text: segments.map(s => s.text).join(''),
  };
}

/**
 * A directory row's answer with the names its words need: the rota of the schedule by the title
 * of the owning team or the domain, whether or not anyone is on it now. Null until the rotas have
 * been worked out once.
 *
 * @public
 */
export function directoryOnCallWordsInput(
  service: Pick<DirectoryService, 'onCall' | 'ownerTitle' | 'domainTitle'>,
): OnCallWordsInput | null {
  const onCall = service.onCall;
  if (!onCall) return null;
  return {
    period: onCall.period,
    schedule: onCall.schedule,
    person: onCall.person?.title ?? null,
    rota:
      onCall.schedule === 'domain' ? service.domainTitle : service.ownerTitle,
    shiftEnd: onCall.shiftEnd,
    periodEnd: onCall.periodEnd,
    next: onCall.next
      ? { person: onCall.next.person?.title ?? null, at: onCall.next.at }
      : null,
    team: service.ownerTitle,
  };
}
