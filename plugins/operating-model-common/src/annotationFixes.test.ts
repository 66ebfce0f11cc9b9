import { parse } from 'yaml';
import { annotationFixFor } from './annotationFixes';
import { annotationProblems } from './assess';
import { readOperatingModelConfigFromObject } from './config';

const config = readOperatingModelConfigFromObject({});
const withOwnBands = readOperatingModelConfigFromObject({
  currency: 'EUR',
  featureDemandBands: { steady: 'monthly', busy: 'weekly', frantic: 'daily' },
});

const EXPOSURE = 'operating-model.io/financial-exposure';
const PEAK = 'operating-model.io/peak-financial-exposure';
const DEMAND = 'operating-model.io/feature-demand';

describe('annotationFixFor', () => {
  it.each([
    // [what, annotation, value as written, line to write, only an example, advice says]
    [
      'a missing exposure gets an example to replace',
      EXPOSURE,
      '',
      `${EXPOSURE}: "200K"`,
      true,
      /^Add the most money .* in GBP, as a plain amount/,
    ],
    [
      'an exposure with a currency sign loses it',
      EXPOSURE,
      '£200K',
      `${EXPOSURE}: "200K"`,
      false,
      /currency \(GBP\) is set once in operatingModel.currency/,
    ],
    [
      'an exposure with a currency code loses it',
      EXPOSURE,
      'GBP 1.5M',
      `${EXPOSURE}: "1.5M"`,
      false,
      /amount alone/,
    ],
    [
      'an exposure said to be per hour loses the words',
      EXPOSURE,
      '250,000 per hour',
      `${EXPOSURE}: "250,000"`,
      false,
      /always per hour/,
    ],
    [
      'an exposure per hour with a sign and a slash',
      EXPOSURE,
      '$80k/h',
      `${EXPOSURE}: "80k"`,
      false,
      /amount alone/,
    ],
    [
      'a negative exposure cannot be guessed',
      EXPOSURE,
      '-200K',
      `${EXPOSURE}: "200K"`,
      true,
      /^Write the most money/,
    ],
    [
      'a range cannot be guessed',
      EXPOSURE,
      '100K-200K',
      `${EXPOSURE}: "200K"`,
      true,
      /such as 200000, 200K, 1.5M or 250,000\.$/,
    ],
    [
      'an unreadable peak exposure may also be removed',
      PEAK,
      'lots',
      `${PEAK}: "200K"`,
      true,
      /during a peak event.*or remove the annotation/,
    ],
    [
      'a missing feature demand gets the lowest band as an example',
      DEMAND,
      '',
      `${DEMAND}: "low"`,
      true,
      /^Add the band .*: low \(monthly deployments\), medium \(fortnightly deployments\), high \(weekly deployments\) or very-high \(daily deployments\)\.$/,
    ],
    [
      'a feature demand that is no band is not guessed at',
      DEMAND,
      'huge',
      `${DEMAND}: "low"`,
      true,
      /^Choose the band/,
    ],
    [
      'a feature demand with swapped letters is the band',
      DEMAND,
      'Very Hihg',
      `${DEMAND}: "very-high"`,
      false,
      /^Spell the band as operatingModel.featureDemandBands names it/,
    ],
    [
      'a feature demand one letter out is the band',
      DEMAND,
      'medum',
      `${DEMAND}: "medium"`,
      false,
      /Spell the band/,
    ],
    [
      'two slips in a short band are too many to guess from',
      DEMAND,
      'hgiz',
      `${DEMAND}: "low"`,
      true,
      /Choose the band/,
    ],
    [
      'a service class spelled with spaces',
      'operating-model.io/service-class',
      'Foundational System',
      'operating-model.io/service-class: "foundational-system"',
      false,
      /digital-service \(a strategic differentiator built in-house\) or foundational-system/,
    ],
    [
      'an unknown service class',
      'operating-model.io/service-class',
      'cots',
      'operating-model.io/service-class: "digital-service"',
      true,
      /or remove the annotation\.$/,
    ],
    [
      'an operating model spelled as a title',
      'operating-model.io/operating-model',
      'You Build It, You Run It',
      'operating-model.io/operating-model: "you-build-it-you-run-it"',
      false,
      /you-build-it-you-run-it \(You Build It You Run It\) or ops-run-it \(Ops Run It\)/,
    ],
    [
      'pre-approved changes answered yes',
      'operating-model.io/pre-approved-changes',
      'yes',
      'operating-model.io/pre-approved-changes: "true"',
      false,
      /true \(the team has a standard change template/,
    ],
    [
      'pre-approved changes answered N',
      'operating-model.io/pre-approved-changes',
      'N',
      'operating-model.io/pre-approved-changes: "false"',
      false,
      /pre-approved changes/,
    ],
    [
      'failure design answered true',
      'operating-model.io/failure-design',
      'true',
      'operating-model.io/failure-design: "yes"',
      false,
      /yes, partial \(partly\) or no/,
    ],
    [
      'service telemetry misspelled',
      'operating-model.io/service-telemetry',
      'parital',
      'operating-model.io/service-telemetry: "partial"',
      false,
      /logging, monitoring and alerts/,
    ],
    [
      'service telemetry answered in words',
      'operating-model.io/service-telemetry',
      'Partly',
      'operating-model.io/service-telemetry: "partial"',
      false,
      /logging, monitoring and alerts/,
    ],
    [
      'service telemetry answered with a sentence',
      'operating-model.io/service-telemetry',
      'we are working on it',
      'operating-model.io/service-telemetry: "yes"',
      true,
      /or remove the annotation/,
    ],
    [
      'a domain that is no Domain ref',
      'operating-model.io/domain',
      'system:room-shops',
      'operating-model.io/domain: "furnishing"',
      true,
      /set spec.system to a System of that Domain/,
    ],
  ])('%s', (_what, annotation, value, line, example, advice) => {
    const fix = annotationFixFor({ annotation, value, message: '…' }, config);
    expect(fix).toEqual({
      line,
      example,
      advice: expect.stringMatching(advice),
    });
  });

  it.each([
    [
      'the configured bands and currency',
      DEMAND,
      '',
      `${DEMAND}: "steady"`,
      true,
      /steady \(monthly deployments\), busy \(weekly deployments\) or frantic \(daily deployments\)/,
    ],
    [
      'a slip in a configured band',
      DEMAND,
      'frantik',
      `${DEMAND}: "frantic"`,
      false,
      /Spell the band/,
    ],
    [
      'the configured currency',
      EXPOSURE,
      '€200K',
      `${EXPOSURE}: "200K"`,
      false,
      /currency \(EUR\)/,
    ],
  ])(
    'follows the config: %s',
    (_what, annotation, value, line, example, advice) => {
      const fix = annotationFixFor(
        { annotation, value, message: '…' },
        withOwnBands,
      );
      expect(fix).toEqual({
        line,
        example,
        advice: expect.stringMatching(advice),
      });
    },
  );

  it('has no fix for an annotation it does not know', () => {
    expect(
      annotationFixFor(
        {
          annotation: 'operating-model.io/timezone',
          value: 'Mars',
          message: '…',
        },
        config,
      ),
    ).toBeNull();
  });

  it.each([
    ['missing exposure and demand', {}],
    [
      'unreadable values everywhere',
      {
        [EXPOSURE]: '£200K per hour',
        [PEAK]: 'lots',
        [DEMAND]: 'huge',
        'operating-model.io/service-class': 'Foundational System',
        'operating-model.io/operating-model': 'ops run it',
        'operating-model.io/pre-approved-changes': 'yes',
        'operating-model.io/failure-design': 'sometimes',
        'operating-model.io/service-telemetry': 'true',
        'operating-model.io/domain': 'system:room-shops',
      },
    ],
  ])(
    'writing every fix line into catalog-info.yaml clears every problem: %s',
    (_what, annotations: Record<string, string>) => {
      const facts = {
        entityRef: 'component:default/x',
        owner: null,
        system: null,
        domain: null,
        annotations,
        links: [],
      };
      const problems = annotationProblems(facts, config);
      expect(problems.length).toBeGreaterThan(0);
      // Read back the way the catalog reads it, so that a value YAML would not keep a string fails here.
      const fixed = parse(
        problems.map(p => annotationFixFor(p, config)!.line).join('\n'),
      );
      for (const value of Object.values(fixed))
        expect(typeof value).toBe('string');
      expect(
        annotationProblems(
          { ...facts, annotations: { ...annotations, ...fixed } },
          config,
        ),
      ).toEqual([]);
    },
  );
});
