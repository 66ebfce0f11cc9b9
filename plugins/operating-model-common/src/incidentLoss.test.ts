import { readOperatingModelConfigFromObject } from './config';
import {
  IncidentLossFacts,
  incidentLossCategory,
  lossAfterMinutes,
} from './incidentLoss';

const { incidentLoss: thresholds } = readOperatingModelConfigFromObject({});

describe('incidentLossCategory (rule 10)', () => {
  const ok = { journey: 'ok' as const, security: false };

  it.each<[string, IncidentLossFacts, 'major' | 'minor', string]>([
    ['nothing known', ok, 'minor', 'restore-when-possible'],
    [
      '49,999 lost so far',
      { ...ok, lossSoFar: 49_999 },
      'minor',
      'restore-next-working-day',
    ],
    [
      '50,000 lost so far',
      { ...ok, lossSoFar: 50_000 },
      'major',
      'restore-immediately',
    ],
    [
      '4,999 lost so far',
      { ...ok, lossSoFar: 4_999 },
      'minor',
      'restore-when-possible',
    ],
    [
      '5,000 lost so far',
      { ...ok, lossSoFar: 5_000 },
      'minor',
      'restore-next-working-day',
    ],
    [
      '49,999 an hour',
      { ...ok, lossPerHour: 49_999 },
      'minor',
      'restore-next-working-day',
    ],
    [
      '50,000 an hour',
      { ...ok, lossPerHour: 50_000 },
      'major',
      'restore-immediately',
    ],
    [
      '4,999 an hour',
      { ...ok, lossPerHour: 4_999 },
      'minor',
      'restore-when-possible',
    ],
    [
      '5,000 an hour',
      { ...ok, lossPerHour: 5_000 },
      'minor',
      'restore-next-working-day',
    ],
    [
      'a small loss so far but a major rate',
      { ...ok, lossSoFar: 100, lossPerHour: 50_000 },
      'major',
      'restore-immediately',
    ],
    [
      'a major loss so far at a small rate',
      { ...ok, lossSoFar: 50_000, lossPerHour: 100 },
      'major',
      'restore-immediately',
    ],
    [
      'a blocked journey with no loss',
      { journey: 'blocked', security: false, lossSoFar: 0 },
      'major',
      'restore-immediately',
    ],
    [
      'a degraded journey with no loss',
      { journey: 'degraded', security: false, lossPerHour: 0 },
      'minor',
      'restore-next-working-day',
    ],
    [
      'a degraded journey losing 50,000 an hour',
      { journey: 'degraded', security: false, lossPerHour: 50_000 },
      'major',
      'restore-immediately',
    ],
    [
      'a security incident with no loss',
      { journey: 'ok', security: true },
      'major',
      'restore-immediately',
    ],
    [
      'a security incident on a degraded journey',
      { journey: 'degraded', security: true, lossSoFar: 1 },
      'major',
      'restore-immediately',
    ],
    [
      'null losses',
      { ...ok, lossSoFar: null, lossPerHour: null },
      'minor',
      'restore-when-possible',
    ],
  ])('%s → %s, %s', (_, facts, category, response) => {
    const result = incidentLossCategory(facts, thresholds);
    expect(result.category).toBe(category);
    expect(result.response).toBe(response);
    expect(result.reasons.length).toBeGreaterThan(0);
  });

  it('gives every fact that makes an incident major as a reason, with the currency', () => {
    const result = incidentLossCategory(
      {
        lossSoFar: 60_000,
        lossPerHour: 120_000,
        journey: 'blocked',
        security: true,
      },
      thresholds,
      'GBP',
    );
    expect(result.reasons).toEqual([
      '£60K lost so far is at or above the major threshold of £50K',
      '£120K being lost per hour is at or above the major threshold of £50K',
      'Users cannot complete their journey',
      'Users are affected by a security incident',
    ]);
  });

  it('explains a minor incident and a low one', () => {
    expect(
      incidentLossCategory(
        { lossPerHour: 6000, journey: 'degraded', security: false },
        thresholds,
        'GBP',
      ).reasons,
    ).toEqual([
      '£6K being lost per hour is at or above the minor threshold of £5K',
      'Users can only complete a degraded journey',
    ]);
    expect(
      incidentLossCategory(
        { lossPerHour: 10, journey: 'ok', security: false },
        thresholds,
        'GBP',
      ).reasons,
    ).toEqual(['The loss is below £5K and users can complete their journey']);
  });

  it('uses the configured thresholds', () => {
    const custom = { majorFrom: 1000, minorFrom: 100 };
    expect(
      incidentLossCategory({ lossSoFar: 1000, ...ok }, custom).category,
    ).toBe('major');
    expect(
      incidentLossCategory({ lossSoFar: 999, ...ok }, custom).response,
    ).toBe('restore-next-working-day');
    expect(
      incidentLossCategory({ lossSoFar: 99, ...ok }, custom).response,
    ).toBe('restore-when-possible');
  });
});

describe('lossAfterMinutes', () => {
  it.each([
    [200_000, 30, 100_000],
    [60_000, 1, 1000],
    [1000, 0, 0],
    [7000, 20, 2333.33],
  ])('%p an hour for %p minutes is %p', (perHour, minutes, loss) => {
    expect(lossAfterMinutes(perHour, minutes)).toBe(loss);
  });
});
