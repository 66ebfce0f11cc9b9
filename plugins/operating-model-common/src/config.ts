import { Config, ConfigReader, JsonObject } from '@backstage/config';
import { DateTime, IANAZone } from 'luxon';
import {
  DEFAULT_DEPLOYMENT_FREQUENCIES,
  frequenciesSlowestFirst,
} from './deployment';
import { parseMoney } from './money';
import { OutOfHoursLevel, PeakEventWindow } from './types';
import {
  parseHandoff,
  parseRotation,
  parseTimeOfDay,
  parseWeekdays,
} from './workingHours';

/**
 * A financial exposure band: exposures up to `maxExposurePerHour` get this availability and
 * out-of-hours level.
 *
 * @public
 */
export interface AvailabilityBand {
  maxExposurePerHour: number;
  /** In percent, for example 99.9. */
  availability: number;
  outOfHours: OutOfHoursLevel;
}

/**
 * The organisation's working hours; days are luxon weekday numbers (1 is Monday).
 *
 * @public
 */
export interface WorkingHoursConfig {
  timezone: string;
  /** As written, for example `Mon-Fri`. */
  days: string;
  weekdays: number[];
  /** `HH:mm`. */
  start: string;
  end: string;
}

/**
 * How people on call are paid.
 *
 * @public
 */
export type RemunerationModel = 'standby-and-callout' | 'standby-only';

/**
 * The `operatingModel.onCall` section as read: the smallest rota, shift length, handoff and on-call
 * pay.
 *
 * @public
 */
export interface OnCallConfig {
  minimumParticipants: number;
  /** Shift length such as `1w`, `3d` or `12h`. */
  rotation: string;
  /** Such as `Mon 09:00`. */
  handoff: string;
  remuneration: {
    model: RemunerationModel;
    standbyPerWeek: number;
    /** Not paid under `standby-only`. */
    calloutPerHour: number;
  };
  /** The fair-load report flags people more than this share above their rota's average hours. */
  fairLoad: { flagAbove: number };
}

/**
 * The checked `operatingModel` configuration, with every default filled in.
 *
 * @public
 */
export interface OperatingModelConfig {
  /** ISO 4217 code, for example GBP. */
  currency: string;
  /** Ascending by `maxExposurePerHour`; never empty. */
  availabilityBands: AvailabilityBand[];
  /** Feature demand band → deployment frequency name, lowest demand first. */
  featureDemandBands: Record<string, string>;
  /** Deployment frequency name → deployments per 30 days. */
  deploymentFrequencies: Record<string, number>;
  /** Start and end as UTC ISO instants. */
  peakEvents: PeakEventWindow[];
  workingHours: WorkingHoursConfig;
  /** `yyyy-MM-dd` days that are out of hours all day. */
  holidays: string[];
  onCall: OnCallConfig;
  incidentLoss: { majorFrom: number; minorFrom: number };
  /** `yyyy-MM-dd`, or null when never recorded. */
  bandsLastReviewed: string | null;
  catalog: {
    /**
     * `warn` (the default): annotation problems are shown on the card, in the directory and in
     * the problems view, and the catalog keeps the entity. `error`: they are also reported as
     * catalog processing errors, which make the catalog refuse the entity.
     */
    annotationProblems: 'warn' | 'error';
  };
  access: {
    /**
     * Subjects of service principals (`plugin:scaffolder`, `external:rota-sync`) that may change
     * rotas; any other service principal is refused, whatever the permission policy says.
     */
    rotaChangeServices: string[];
  };
  calendarFeeds: {
    /** How long a calendar feed link works after it is issued. */
    linkLifetimeDays: number;
    /** The secret that signs feed links; when null, one is made and kept in the database. */
    signingSecret: string | null;
  };
}

const OUT_OF_HOURS_LEVELS: OutOfHoursLevel[] = ['none', 'domain', 'team'];
const REMUNERATION_MODELS: RemunerationModel[] = [
  'standby-and-callout',
  'standby-only',
];

const DEFAULT_BANDS: AvailabilityBand[] = [
  { maxExposurePerHour: 7000, availability: 95.0, outOfHours: 'none' },
  { maxExposurePerHour: 250000, availability: 99.0, outOfHours: 'domain' },
  { maxExposurePerHour: 800000, availability: 99.9, outOfHours: 'team' },
];

const DEFAULT_FEATURE_DEMAND_BANDS: Record<string, string> = {
  low: 'monthly',
  medium: 'fortnightly',
  high: 'weekly',
  'very-high': 'daily',
};

const DEMAND_KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

type RawObject = Record<string, unknown>;

function shown(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function invalid(key: string, message: string): never {
  const fullKey = key ? `operatingModel.${key}` : 'operatingModel';
  throw new Error(`${fullKey} ${message}`);
}

function isObject(value: unknown): value is RawObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readObject(value: unknown, key: string): RawObject {
  if (value === undefined || value === null) {
    return {};
  }
  if (!isObject(value)) {
    return invalid(key, `must be an object, got ${shown(value)}`);
  }
  return value;
}

function readArray(value: unknown, key: string): unknown[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    return invalid(key, `must be a list, got ${shown(value)}`);
  }
  return value;
}

function readString(value: unknown, key: string): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    return invalid(key, `must be text, got ${shown(value)}`);
  }
  return value.trim();
}

function readNumber(
  value: unknown,
  key: string,
  expected: string,
): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const number =
    typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    return invalid(key, `must be ${expected}, got ${shown(value)}`);
  }
  return number;
}

function readMoney(value: unknown, key: string): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const result = parseMoney(value);
  if (!result.ok) {
    return invalid(key, `is not a valid amount: ${result.message}`);
  }
  return result.value;
}

function readDate(value: unknown, key: string): string | undefined {
  const text = readString(value, key);
  if (text === undefined) {
    return undefined;
  }
  const date = DateTime.fromFormat(text, 'yyyy-MM-dd', { zone: 'utc' });
  if (!date.isValid) {
    return invalid(
      key,
      `must be a date such as 2026-12-25, got ${shown(value)}`,
    );
  }
  return text;
}

function readBands(value: unknown): AvailabilityBand[] {
  const list = readArray(value, 'availabilityBands');
  if (list === undefined) {
    return DEFAULT_BANDS.map(band => ({ ...band }));
  }
  if (list.length === 0) {
    return invalid('availabilityBands', 'must list at least one band');
  }
  const bands: AvailabilityBand[] = [];
  list.forEach((item, index) => {
    const key = `availabilityBands[${index}]`;
    const raw = readObject(item, key);
    const maxExposurePerHour = readMoney(
      raw.maxExposurePerHour,
      `${key}.maxExposurePerHour`,
    );
    if (maxExposurePerHour === undefined) {
      invalid(
        `${key}.maxExposurePerHour`,
        'is missing; expected the highest exposure per hour the band covers',
      );
    }
    const availability = readNumber(
      raw.availability,
      `${key}.availability`,
      'a percentage such as 99.9',
    );
    if (availability === undefined) {
      invalid(
        `${key}.availability`,
        'is missing; expected a percentage such as 99.9',
      );
    }
    if (availability <= 0 || availability >= 100) {
      invalid(
        `${key}.availability`,
        `must be greater than 0 and less than 100, got ${availability}`,
      );
    }
    const outOfHours = readString(raw.outOfHours, `${key}.outOfHours`);
    if (!OUT_OF_HOURS_LEVELS.includes(outOfHours as OutOfHoursLevel)) {
      invalid(
        `${key}.outOfHours`,
        `must be one of ${OUT_OF_HOURS_LEVELS.join(', ')}, got ${shown(
          raw.outOfHours,
        )}`,
      );
    }
    const previous = bands[bands.length - 1];
    if (previous && maxExposurePerHour <= previous.maxExposurePerHour) {
      invalid(
        `${key}.maxExposurePerHour`,
        `must be greater than the band before it (${previous.maxExposurePerHour}); bands must be ascending`,
      );
    }
    // A band that covers more money with a lower target would undo the point of the bands.
    if (previous && availability < previous.availability) {
      invalid(
        `${key}.availability`,
        `must not be lower than the band before it (${previous.availability}); availability must rise with exposure`,
      );
    }
    bands.push({
      maxExposurePerHour,
      availability,
      outOfHours: outOfHours as OutOfHoursLevel,
    });
  });
  return bands;
}

function readDeploymentFrequencies(value: unknown): Record<string, number> {
  const raw = readObject(value, 'deploymentFrequencies');
  const frequencies: Record<string, number> = {
    ...DEFAULT_DEPLOYMENT_FREQUENCIES,
  };
  for (const [name, perThirtyDays] of Object.entries(raw)) {
    const key = `deploymentFrequencies.${name}`;
    const number = readNumber(
      perThirtyDays,
      key,
      'a positive number of deployments per 30 days',
    );
    if (number === undefined || number <= 0) {
      invalid(
        key,
        `must be a positive number of deployments per 30 days, got ${shown(
          perThirtyDays,
        )}`,
      );
    }
    frequencies[name] = number;
  }
  return frequencies;
}

function readFeatureDemandBands(
  value: unknown,
  frequencies: Record<string, number>,
): Record<string, string> {
  if (value === undefined || value === null) {
    return { ...DEFAULT_FEATURE_DEMAND_BANDS };
  }
  const raw = readObject(value, 'featureDemandBands');
  const entries = Object.entries(raw);
  if (entries.length === 0) {
    return invalid('featureDemandBands', 'must name at least one band');
  }
  const bands: Record<string, string> = {};
  for (const [demand, frequency] of entries) {
    const key = `featureDemandBands.${demand}`;
    if (!DEMAND_KEY.test(demand)) {
      invalid(
        key,
        'is not a usable band name; use lower-case words joined by hyphens, such as very-high',
      );
    }
    const name = readString(frequency, key);
    if (
      name === undefined ||
      !Object.prototype.hasOwnProperty.call(frequencies, name)
    ) {
      invalid(
        key,
        `names an unknown frequency ${shown(
          frequency,
        )}; expected one of ${frequenciesSlowestFirst(frequencies).join(', ')}`,
      );
    }
    bands[demand] = name;
  }
  return bands;
}

function readTimeOfDay(value: unknown, key: string, fallback: string): string {
  const text = readString(value, key) ?? fallback;
  if (parseTimeOfDay(text) === null) {
    return invalid(
      key,
      `must be a time of day such as 09:00 (24-hour clock), got ${shown(text)}`,
    );
  }
  return text;
}

function readWorkingHours(value: unknown): WorkingHoursConfig {
  const raw = readObject(value, 'workingHours');
  const timezone =
    readString(raw.timezone, 'workingHours.timezone') ?? 'Europe/London';
  if (!IANAZone.isValidZone(timezone)) {
    invalid(
      'workingHours.timezone',
      `must be an IANA time zone such as Europe/London, got ${shown(timezone)}`,
    );
  }
  const days = readString(raw.days, 'workingHours.days') ?? 'Mon-Fri';
  const weekdays = parseWeekdays(days);
  if (weekdays === null) {
    invalid(
      'workingHours.days',
      `must be days such as Mon-Fri or Mon,Wed,Fri, got ${shown(days)}`,
    );
  }
  const start = readTimeOfDay(raw.start, 'workingHours.start', '09:00');
  const end = readTimeOfDay(raw.end, 'workingHours.end', '17:30');
  if ((parseTimeOfDay(end) as number) <= (parseTimeOfDay(start) as number)) {
    invalid(
      'workingHours.end',
      `must be after workingHours.start (${start}), got ${shown(end)}`,
    );
  }
  return { timezone, days, weekdays, start, end };
}

function readInstant(value: unknown, key: string, timezone: string): DateTime {
  const text = readString(value, key);
  // Instants without an offset are read in the organisation's working-hours time zone.
  const instant =
    text === undefined ? undefined : DateTime.fromISO(text, { zone: timezone });
  if (!instant || !instant.isValid) {
    return invalid(
      key,
      `must be an ISO date-time such as 2026-11-26T00:00:00Z, got ${shown(
        value,
      )}`,
    );
  }
  return instant.toUTC();
}

function readPeakEvents(value: unknown, timezone: string): PeakEventWindow[] {
  const list = readArray(value, 'peakEvents') ?? [];
  return list.map((item, index) => {
    const key = `peakEvents[${index}]`;
    const raw = readObject(item, key);
    const name = readString(raw.name, `${key}.name`);
    if (!name) {
      invalid(
        `${key}.name`,
        'is missing; expected the name of the event, such as Black Friday',
      );
    }
    const start = readInstant(raw.start, `${key}.start`, timezone);
    const end = readInstant(raw.end, `${key}.end`, timezone);
    const iso = (instant: DateTime) =>
      instant.toISO({ suppressMilliseconds: true }) as string;
    if (end <= start) {
      invalid(
        `${key}.end`,
        `must be after its start (${iso(start)}), got ${iso(end)}`,
      );
    }
    return { name, start: iso(start), end: iso(end) };
  });
}

function readHolidays(value: unknown): string[] {
  const list = readArray(value, 'holidays') ?? [];
  return list.map(
    (item, index) =>
      readDate(item, `holidays[${index}]`) ??
      invalid(
        `holidays[${index}]`,
        'is missing; expected a date such as 2026-12-25',
      ),
  );
}

function readOnCall(value: unknown): OnCallConfig {
  const raw = readObject(value, 'onCall');
  const minimumParticipants =
    readNumber(
      raw.minimumParticipants,
      'onCall.minimumParticipants',
      'a whole number of people',
    ) ?? 3;
  if (!Number.isInteger(minimumParticipants) || minimumParticipants < 1) {
    invalid(
      'onCall.minimumParticipants',
      `must be a whole number of people, at least 1, got ${shown(
        raw.minimumParticipants,
      )}`,
    );
  }
  const rotation = readString(raw.rotation, 'onCall.rotation') ?? '1w';
  if (parseRotation(rotation) === null) {
    invalid(
      'onCall.rotation',
      `must be a shift length such as 1w, 3d or 12h, got ${shown(rotation)}`,
    );
  }
  const handoff = readString(raw.handoff, 'onCall.handoff') ?? 'Mon 09:00';
  if (parseHandoff(handoff) === null) {
    invalid(
      'onCall.handoff',
      `must be a day and time such as Mon 09:00, got ${shown(handoff)}`,
    );
  }
  const remuneration = readObject(raw.remuneration, 'onCall.remuneration');
  const model =
    readString(remuneration.model, 'onCall.remuneration.model') ??
    'standby-and-callout';
  if (!REMUNERATION_MODELS.includes(model as RemunerationModel)) {
    invalid(
      'onCall.remuneration.model',
      `must be one of ${REMUNERATION_MODELS.join(', ')}, got ${shown(model)}`,
    );
  }
  const fairLoad = readObject(raw.fairLoad, 'onCall.fairLoad');
  const flagAbove =
    readNumber(
      fairLoad.flagAbove,
      'onCall.fairLoad.flagAbove',
      'a share above the average, such as 0.25',
    ) ?? 0.25;
  if (flagAbove < 0) {
    invalid(
      'onCall.fairLoad.flagAbove',
      `must be a share above the average, 0 or more (0.25 is a quarter above), got ${shown(
        fairLoad.flagAbove,
      )}`,
    );
  }
  return {
    minimumParticipants,
    rotation,
    handoff,
    fairLoad: { flagAbove },
    remuneration: {
      model: model as RemunerationModel,
      standbyPerWeek:
        readMoney(
          remuneration.standbyPerWeek,
          'onCall.remuneration.standbyPerWeek',
        ) ?? 350,
      calloutPerHour:
        readMoney(
          remuneration.calloutPerHour,
          'onCall.remuneration.calloutPerHour',
        ) ?? 60,
    },
  };
}

function readIncidentLoss(
  value: unknown,
): OperatingModelConfig['incidentLoss'] {
  const raw = readObject(value, 'incidentLoss');
  const majorFrom = readMoney(raw.majorFrom, 'incidentLoss.majorFrom') ?? 50000;
  const minorFrom = readMoney(raw.minorFrom, 'incidentLoss.minorFrom') ?? 5000;
  if (minorFrom > majorFrom) {
    invalid(
      'incidentLoss.minorFrom',
      `must not be greater than incidentLoss.majorFrom (${majorFrom}), got ${minorFrom}`,
    );
  }
  return { majorFrom, minorFrom };
}

function readCatalog(value: unknown): OperatingModelConfig['catalog'] {
  const raw = readObject(value, 'catalog');
  const annotationProblems =
    readString(raw.annotationProblems, 'catalog.annotationProblems') ?? 'warn';
  if (annotationProblems !== 'warn' && annotationProblems !== 'error') {
    invalid(
      'catalog.annotationProblems',
      `must be warn or error, got ${shown(annotationProblems)}`,
    );
  }
  return { annotationProblems };
}

function readAccess(value: unknown): OperatingModelConfig['access'] {
  const raw = readObject(value, 'access');
  const services =
    readArray(raw.rotaChangeServices, 'access.rotaChangeServices') ?? [];
  return {
    rotaChangeServices: services.map((item, i) => {
      const subject = readString(item, `access.rotaChangeServices[${i}]`);
      if (!subject)
        invalid(
          `access.rotaChangeServices[${i}]`,
          'must be a service subject such as plugin:scaffolder',
        );
      return subject;
    }),
  };
}

function readCalendarFeeds(
  value: unknown,
): OperatingModelConfig['calendarFeeds'] {
  const raw = readObject(value, 'calendarFeeds');
  const days =
    readNumber(
      raw.linkLifetimeDays,
      'calendarFeeds.linkLifetimeDays',
      'a whole number of days from 1 to 3650',
    ) ?? 365;
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    invalid(
      'calendarFeeds.linkLifetimeDays',
      `must be a whole number of days from 1 to 3650, got ${shown(days)}`,
    );
  }
  const secret = readString(raw.signingSecret, 'calendarFeeds.signingSecret');
  if (secret !== undefined && secret.length < 32) {
    invalid(
      'calendarFeeds.signingSecret',
      'must be at least 32 characters long',
    );
  }
  return { linkLifetimeDays: days, signingSecret: secret ?? null };
}

function readCurrency(value: unknown): string {
  const currency = readString(value, 'currency') ?? 'GBP';
  if (!/^[A-Za-z]{3}$/.test(currency)) {
    invalid(
      'currency',
      `must be a three-letter currency code such as GBP, got ${shown(
        currency,
      )}`,
    );
  }
  return currency.toUpperCase();
}

/**
 * Reads and checks the `operatingModel` section of the app config, filling in
 * the defaults; throws an Error naming the full key of the first bad value.
 *
 * @public
 */
export function readOperatingModelConfig(config: Config): OperatingModelConfig {
  const raw = readObject(config.getOptional('operatingModel'), '');
  const deploymentFrequencies = readDeploymentFrequencies(
    raw.deploymentFrequencies,
  );
  const workingHours = readWorkingHours(raw.workingHours);
  return {
    currency: readCurrency(raw.currency),
    availabilityBands: readBands(raw.availabilityBands),
    featureDemandBands: readFeatureDemandBands(
      raw.featureDemandBands,
      deploymentFrequencies,
    ),
    deploymentFrequencies,
    peakEvents: readPeakEvents(raw.peakEvents, workingHours.timezone),
    workingHours,
    holidays: readHolidays(raw.holidays),
    onCall: readOnCall(raw.onCall),
    incidentLoss: readIncidentLoss(raw.incidentLoss),
    bandsLastReviewed:
      readDate(raw.bandsLastReviewed, 'bandsLastReviewed') ?? null,
    catalog: readCatalog(raw.catalog),
    access: readAccess(raw.access),
    calendarFeeds: readCalendarFeeds(raw.calendarFeeds),
  };
}

/**
 * Reads the contents of an `operatingModel` section given as a plain object,
 * for tests and for forms that try out values before they are committed.
 *
 * @public
 */
export function readOperatingModelConfigFromObject(
  operatingModel: JsonObject = {},
): OperatingModelConfig {
  return readOperatingModelConfig(new ConfigReader({ operatingModel }));
}
