import { ConfigReader, JsonObject, JsonValue } from '@backstage/config';
import {
  readOperatingModelConfig,
  readOperatingModelConfigFromObject,
} from './config';

describe('readOperatingModelConfig', () => {
  it('fills in every default when the section is absent', () => {
    const config = readOperatingModelConfig(new ConfigReader({}));
    expect(config).toEqual({
      currency: 'GBP',
      availabilityBands: [
        { maxExposurePerHour: 7000, availability: 95.0, outOfHours: 'none' },
        {
          maxExposurePerHour: 250000,
          availability: 99.0,
          outOfHours: 'domain',
        },
        { maxExposurePerHour: 800000, availability: 99.9, outOfHours: 'team' },
      ],
      featureDemandBands: {
        low: 'monthly',
        medium: 'fortnightly',
        high: 'weekly',
        'very-high': 'daily',
      },
      deploymentFrequencies: {
        monthly: 1,
        fortnightly: 30 / 14,
        weekly: 30 / 7,
        daily: 30,
      },
      peakEvents: [],
      workingHours: {
        timezone: 'Europe/London',
        days: 'Mon-Fri',
        weekdays: [1, 2, 3, 4, 5],
        start: '09:00',
        end: '17:30',
      },
      holidays: [],
      onCall: {
        minimumParticipants: 3,
        rotation: '1w',
        handoff: 'Mon 09:00',
        fairLoad: { flagAbove: 0.25 },
        remuneration: {
          model: 'standby-and-callout',
          standbyPerWeek: 350,
          calloutPerHour: 60,
        },
      },
      incidentLoss: { majorFrom: 50000, minorFrom: 5000 },
      bandsLastReviewed: null,
      catalog: { annotationProblems: 'warn' },
      access: { rotaChangeServices: [] },
      calendarFeeds: { linkLifetimeDays: 365, signingSecret: null },
    });
  });

  it('reads the example from the specification', () => {
    const config = readOperatingModelConfigFromObject({
      currency: 'GBP',
      availabilityBands: [
        { maxExposurePerHour: '7K', availability: 95.0, outOfHours: 'none' },
        {
          maxExposurePerHour: '250,000',
          availability: 99.0,
          outOfHours: 'domain',
        },
        { maxExposurePerHour: 800000, availability: 99.9, outOfHours: 'team' },
      ],
      featureDemandBands: {
        low: 'monthly',
        medium: 'fortnightly',
        high: 'weekly',
        'very-high': 'daily',
      },
      peakEvents: [
        {
          name: 'Black Friday',
          start: '2026-11-26T00:00:00Z',
          end: '2026-12-01T00:00:00Z',
        },
      ],
      workingHours: {
        timezone: 'Europe/London',
        days: 'Mon-Fri',
        start: '09:00',
        end: '17:30',
      },
      holidays: ['2026-12-25', '2026-12-26'],
      onCall: {
        minimumParticipants: 3,
        rotation: '1w',
        handoff: 'Mon 09:00',
        remuneration: {
          model: 'standby-and-callout',
          standbyPerWeek: 350,
          calloutPerHour: 60,
        },
      },
      incidentLoss: { majorFrom: '50K', minorFrom: 5000 },
      bandsLastReviewed: '2026-10-01',
    });
    expect(config.availabilityBands.map(b => b.maxExposurePerHour)).toEqual([
      7000, 250000, 800000,
    ]);
    expect(config.peakEvents).toEqual([
      {
        name: 'Black Friday',
        start: '2026-11-26T00:00:00Z',
        end: '2026-12-01T00:00:00Z',
      },
    ]);
    expect(config.holidays).toEqual(['2026-12-25', '2026-12-26']);
    expect(config.incidentLoss).toEqual({ majorFrom: 50000, minorFrom: 5000 });
    expect(config.bandsLastReviewed).toBe('2026-10-01');
  });

  it('merges extra deployment frequencies over the built-in ones', () => {
    const config = readOperatingModelConfigFromObject({
      deploymentFrequencies: { quarterly: 1 / 3, hourly: 720 },
      featureDemandBands: {
        none: 'quarterly',
        low: 'monthly',
        extreme: 'hourly',
      },
    });
    expect(config.deploymentFrequencies).toEqual({
      monthly: 1,
      fortnightly: 30 / 14,
      weekly: 30 / 7,
      daily: 30,
      quarterly: 1 / 3,
      hourly: 720,
    });
    expect(Object.keys(config.featureDemandBands)).toEqual([
      'none',
      'low',
      'extreme',
    ]);
  });

  it('reads peak events without an offset in the working-hours time zone', () => {
    const config = readOperatingModelConfigFromObject({
      workingHours: { timezone: 'Europe/London' },
      peakEvents: [
        { name: 'Summer sale', start: '2026-07-01T00:00', end: '2026-07-08' },
      ],
    });
    expect(config.peakEvents).toEqual([
      {
        name: 'Summer sale',
        start: '2026-06-30T23:00:00Z',
        end: '2026-07-07T23:00:00Z',
      },
    ]);
  });

  it('upper-cases the currency and accepts other remuneration models', () => {
    const config = readOperatingModelConfigFromObject({
      currency: 'usd',
      onCall: { remuneration: { model: 'standby-only', standbyPerWeek: '1K' } },
    });
    expect(config.currency).toBe('USD');
    expect(config.onCall.remuneration).toEqual({
      model: 'standby-only',
      standbyPerWeek: 1000,
      calloutPerHour: 60,
    });
  });

  const band = (
    maxExposurePerHour: JsonValue,
    availability: JsonValue,
    outOfHours: JsonValue,
  ): JsonObject => ({ maxExposurePerHour, availability, outOfHours });

  it.each<[string, JsonObject, string]>([
    [
      'bands out of order',
      { availabilityBands: [band(7000, 95, 'none'), band(7000, 99, 'domain')] },
      'operatingModel.availabilityBands[1].maxExposurePerHour must be greater than the band before it (7000); bands must be ascending',
    ],
    [
      'an availability of 100',
      { availabilityBands: [band(7000, 100, 'none')] },
      'operatingModel.availabilityBands[0].availability must be greater than 0 and less than 100, got 100',
    ],
    [
      'an availability of 0',
      { availabilityBands: [band(7000, 0, 'none')] },
      'operatingModel.availabilityBands[0].availability must be greater than 0 and less than 100, got 0',
    ],
    [
      'an availability that is not a number',
      { availabilityBands: [band(7000, 'lots', 'none')] },
      'operatingModel.availabilityBands[0].availability must be a percentage such as 99.9, got "lots"',
    ],
    [
      'a missing availability',
      { availabilityBands: [{ maxExposurePerHour: 7000, outOfHours: 'none' }] },
      'operatingModel.availabilityBands[0].availability is missing; expected a percentage such as 99.9',
    ],
    [
      'a falling availability',
      { availabilityBands: [band(7000, 99, 'none'), band(8000, 95, 'team')] },
      'operatingModel.availabilityBands[1].availability must not be lower than the band before it (99); availability must rise with exposure',
    ],
    [
      'a bad out-of-hours level',
      { availabilityBands: [band(7000, 95, 'nobody')] },
      'operatingModel.availabilityBands[0].outOfHours must be one of none, domain, team, got "nobody"',
    ],
    [
      'a bad band exposure',
      { availabilityBands: [band('£7K', 95, 'none')] },
      'operatingModel.availabilityBands[0].maxExposurePerHour is not a valid amount: "£7K" is not an amount per hour',
    ],
    [
      'a missing band exposure',
      { availabilityBands: [{ availability: 95, outOfHours: 'none' }] },
      'operatingModel.availabilityBands[0].maxExposurePerHour is missing',
    ],
    [
      'no bands',
      { availabilityBands: [] },
      'operatingModel.availabilityBands must list at least one band',
    ],
    [
      'bands that are not a list',
      { availabilityBands: { low: 7000 } },
      'operatingModel.availabilityBands must be a list, got {"low":7000}',
    ],
    [
      'an unknown frequency',
      { featureDemandBands: { low: 'monthly', high: 'hourly' } },
      'operatingModel.featureDemandBands.high names an unknown frequency "hourly"; expected one of monthly, fortnightly, weekly, daily',
    ],
    [
      'a frequency named after an Object method',
      { featureDemandBands: { low: 'constructor' } },
      'operatingModel.featureDemandBands.low names an unknown frequency "constructor"',
    ],
    [
      'a band name with spaces',
      { featureDemandBands: { 'Very High': 'daily' } },
      'operatingModel.featureDemandBands.Very High is not a usable band name',
    ],
    [
      'no demand bands',
      { featureDemandBands: {} },
      'operatingModel.featureDemandBands must name at least one band',
    ],
    [
      'a negative deployment frequency',
      { deploymentFrequencies: { never: -1 } },
      'operatingModel.deploymentFrequencies.never must be a positive number of deployments per 30 days, got -1',
    ],
    [
      'a peak event that ends before it starts',
      {
        peakEvents: [
          {
            name: 'Black Friday',
            start: '2026-12-01T00:00:00Z',
            end: '2026-11-26T00:00:00Z',
          },
        ],
      },
      'operatingModel.peakEvents[0].end must be after its start (2026-12-01T00:00:00Z), got 2026-11-26T00:00:00Z',
    ],
    [
      'a peak event that ends as it starts',
      {
        peakEvents: [
          {
            name: 'Flash sale',
            start: '2026-12-01T00:00:00Z',
            end: '2026-12-01T00:00:00Z',
          },
        ],
      },
      'operatingModel.peakEvents[0].end must be after its start',
    ],
    [
      'a peak event with a bad date',
      {
        peakEvents: [{ name: 'Sale', start: 'next Friday', end: '2026-12-01' }],
      },
      'operatingModel.peakEvents[0].start must be an ISO date-time such as 2026-11-26T00:00:00Z, got "next Friday"',
    ],
    [
      'a peak event without a name',
      { peakEvents: [{ start: '2026-11-26', end: '2026-12-01' }] },
      'operatingModel.peakEvents[0].name is missing',
    ],
    [
      'a start time of 25:00',
      { workingHours: { start: '25:00' } },
      'operatingModel.workingHours.start must be a time of day such as 09:00 (24-hour clock), got "25:00"',
    ],
    [
      'an end before the start',
      { workingHours: { start: '17:30', end: '09:00' } },
      'operatingModel.workingHours.end must be after workingHours.start (17:30), got "09:00"',
    ],
    [
      'an unknown time zone',
      { workingHours: { timezone: 'Mars/Olympus_Mons' } },
      'operatingModel.workingHours.timezone must be an IANA time zone such as Europe/London, got "Mars/Olympus_Mons"',
    ],
    [
      'bad working days',
      { workingHours: { days: 'weekdays' } },
      'operatingModel.workingHours.days must be days such as Mon-Fri or Mon,Wed,Fri, got "weekdays"',
    ],
    [
      'a holiday that does not exist',
      { holidays: ['2026-12-25', '2026-02-30'] },
      'operatingModel.holidays[1] must be a date such as 2026-12-25, got "2026-02-30"',
    ],
    [
      'a holiday written another way',
      { holidays: ['25/12/2026'] },
      'operatingModel.holidays[0] must be a date such as 2026-12-25, got "25/12/2026"',
    ],
    [
      'annotation problems neither warn nor error',
      { catalog: { annotationProblems: 'block' } },
      'operatingModel.catalog.annotationProblems must be warn or error, got "block"',
    ],
    [
      'rota-changing services that are not a list',
      { access: { rotaChangeServices: 'scaffolder' } },
      'operatingModel.access.rotaChangeServices must be a list, got "scaffolder"',
    ],
    [
      'a feed link lifetime of no days',
      { calendarFeeds: { linkLifetimeDays: 0 } },
      'operatingModel.calendarFeeds.linkLifetimeDays must be a whole number of days from 1 to 3650, got 0',
    ],
    [
      'a short feed signing secret',
      { calendarFeeds: { signingSecret: 'secret' } },
      'operatingModel.calendarFeeds.signingSecret must be at least 32 characters long',
    ],
    [
      'a bad review date',
      { bandsLastReviewed: 'last quarter' },
      'operatingModel.bandsLastReviewed must be a date such as 2026-12-25, got "last quarter"',
    ],
    [
      'too few participants',
      { onCall: { minimumParticipants: 0 } },
      'operatingModel.onCall.minimumParticipants must be a whole number of people, at least 1, got 0',
    ],
    [
      'a fair-load flag below the average',
      { onCall: { fairLoad: { flagAbove: -0.1 } } },
      'operatingModel.onCall.fairLoad.flagAbove must be a share above the average, 0 or more (0.25 is a quarter above), got -0.1',
    ],
    [
      'a fair-load flag in words',
      { onCall: { fairLoad: { flagAbove: 'a lot' } } },
      'operatingModel.onCall.fairLoad.flagAbove must be a share above the average, such as 0.25, got "a lot"',
    ],
    [
      'a bad rotation',
      { onCall: { rotation: 'weekly' } },
      'operatingModel.onCall.rotation must be a shift length such as 1w, 3d or 12h, got "weekly"',
    ],
    [
      'a bad handoff',
      { onCall: { handoff: 'Mon 25:00' } },
      'operatingModel.onCall.handoff must be a day and time such as Mon 09:00, got "Mon 25:00"',
    ],
    [
      'an unknown remuneration model',
      { onCall: { remuneration: { model: 'callout-only' } } },
      'operatingModel.onCall.remuneration.model must be one of standby-and-callout, standby-only, got "callout-only"',
    ],
    [
      'a bad standby rate',
      { onCall: { remuneration: { standbyPerWeek: 'plenty' } } },
      'operatingModel.onCall.remuneration.standbyPerWeek is not a valid amount',
    ],
    [
      'a minor threshold above the major one',
      { incidentLoss: { majorFrom: 5000, minorFrom: '50K' } },
      'operatingModel.incidentLoss.minorFrom must not be greater than incidentLoss.majorFrom (5000), got 50000',
    ],
    [
      'a bad currency',
      { currency: 'pounds' },
      'operatingModel.currency must be a three-letter currency code such as GBP, got "pounds"',
    ],
    [
      'a currency that is not text',
      { currency: 826 },
      'operatingModel.currency must be text, got 826',
    ],
    [
      'a section that is not an object',
      { onCall: 'always' },
      'operatingModel.onCall must be an object, got "always"',
    ],
  ])('rejects %s', (_, operatingModel, message) => {
    expect(() => readOperatingModelConfigFromObject(operatingModel)).toThrow(
      message,
    );
  });

  it('rejects an operatingModel section that is not an object', () => {
    expect(() =>
      readOperatingModelConfig(new ConfigReader({ operatingModel: 'yes' })),
    ).toThrow('operatingModel must be an object, got "yes"');
  });
});
