import {
  ANNOTATION_DOMAIN,
  ANNOTATION_FAILURE_DESIGN,
  ANNOTATION_FEATURE_DEMAND,
  ANNOTATION_FINANCIAL_EXPOSURE,
  ANNOTATION_OPERATING_MODEL,
  ANNOTATION_PEAK_FINANCIAL_EXPOSURE,
  ANNOTATION_PRE_APPROVED_CHANGES,
  ANNOTATION_SERVICE_CLASS,
  ANNOTATION_SERVICE_TELEMETRY,
} from './annotations';
import type { OperatingModelConfig } from './config';
import { normaliseFeatureDemand } from './deployment';
import { OPERATING_MODEL_TITLES } from './model';
import { parseMoney } from './money';
import type {
  AssessmentProblem,
  OperatingModelName,
  PracticeAnswer,
  ServiceClass,
} from './types';

/**
 * What to write in a Component's `catalog-info.yaml` to clear one annotation problem.
 *
 * @public
 */
export interface AnnotationFix {
  /**
   * The line to write under `metadata.annotations`, such as
   * `operating-model.io/financial-exposure: "200K"`. The value is always quoted: Backstage
   * refuses an entity whose annotation is a YAML number or boolean.
   */
  line: string;
  /**
   * True when the value in `line` is only an example, because no rule can know the answer
   * (how much an hour of downtime costs, say); the team writes its own. False when the value
   * is the one the team most likely meant, read from what they wrote.
   */
  example: boolean;
  /** What to do, as a sentence. */
  advice: string;
}

/**
 * The fields of the config a fix depends on.
 *
 * @public
 */
export type AnnotationFixConfig = Pick<
  OperatingModelConfig,
  'currency' | 'featureDemandBands'
>;

// Typed as records so that a new service class, model or answer cannot be forgotten here.
const SERVICE_CLASS_MEANINGS: Record<ServiceClass, string> = {
  'digital-service': 'a strategic differentiator built in-house',
  'foundational-system':
    'a utility: a self-hosted COTS application or a custom integration',
};
const PRACTICE_ANSWER_MEANINGS: Record<PracticeAnswer, string> = {
  yes: 'yes',
  partial: 'partly',
  no: 'no',
};
const BOOLEAN_MEANINGS: Record<'true' | 'false', string> = {
  true: 'the team has a standard change template for low-risk, repeatable changes',
  false: 'it has none',
};

// Answers people write for a yes/no question, mapped to each annotation's own spelling.
const YES_WORDS = ['yes', 'y', 'true', '1', 'on'];
const NO_WORDS = ['no', 'n', 'false', '0', 'off'];

const EXAMPLE_EXPOSURE = '200K';
const EXAMPLE_DOMAIN = 'furnishing';

// Words that say "an hour" after an amount: `200K/h`, `200K per hour`, `200K an hour`.
const PER_HOUR =
  /\s*(?:\/\s*h(?:ou)?r?|per\s+hour|an\s+hour|a\s+hour|ph|p\/h)\.?$/i;
// A currency at either end: `£200K`, `GBP 200K`, `200K GBP`, `200K£`.
const CURRENCY = /^(?:[£$€¥]|[A-Z]{3}\s+)|(?:\s+[A-Z]{3}|[£$€¥])$/g;

function lineFor(annotation: string, value: string): string {
  return `${annotation}: ${JSON.stringify(value)}`;
}

function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** `Ops Run It`, `ops_run_it` → `ops-run-it`, as a choice is spelled. */
function asChoice(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[,.;:!'"]+/g, '')
    .replace(/[\s_]+/g, '-');
}

/**
 * Optimal string alignment distance: the fewest insertions, deletions, substitutions and swaps
 * of two neighbouring letters that turn a into b; a swap is the commonest typing slip.
 */
function editDistance(a: string, b: string): number {
  // d[i][j] is the distance from the first i letters of a to the first j of b.
  const d: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = 0; i <= a.length; i++) d[i][0] = i;
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(
        d[i - 1][j] + 1,
        d[i][j - 1] + 1,
        d[i - 1][j - 1] + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * The one choice the text most likely means: the same once spelled as a choice, or the only
 * choice within a typing slip of it (two in a long word). Null when none, or more than one,
 * is that close: `huge` is not a slip for `high`, and no rule should guess that it means it.
 */
function closestChoice(
  text: string,
  choices: readonly string[],
): string | null {
  const written = asChoice(text);
  if (written === '') return null;
  if (choices.includes(written)) return written;
  const distances = choices.map(choice => editDistance(written, choice));
  const best = Math.min(...distances);
  const allowed = written.length <= 5 ? 1 : 2;
  if (best > allowed) return null;
  const nearest = choices.filter((_, i) => distances[i] === best);
  return nearest.length === 1 ? nearest[0] : null;
}

/** An amount written with a currency or "per hour", cleaned to what `parseMoney` reads; null when that does not help. */
function cleanedMoney(value: string): string | null {
  const cleaned = value
    .trim()
    .replace(PER_HOUR, '')
    .replace(CURRENCY, '')
    .trim();
  if (cleaned === value.trim()) return null;
  return parseMoney(cleaned).ok ? cleaned : null;
}

function moneyFix(
  problem: AssessmentProblem,
  config: AnnotationFixConfig,
): AnnotationFix {
  const peak = problem.annotation === ANNOTATION_PEAK_FINANCIAL_EXPOSURE;
  const what = peak
    ? 'the most money the service can lose in one hour of unavailability during a peak event'
    : 'the most money the service can lose in one hour of unavailability, revenue lost plus costs';
  const cleaned = problem.value === '' ? null : cleanedMoney(problem.value);
  if (cleaned !== null) {
    return {
      line: lineFor(problem.annotation, cleaned),
      example: false,
      advice: `Write the amount alone: the currency (${config.currency}) is set once in operatingModel.currency, and the amount is always per hour.`,
    };
  }
  const action = problem.value === '' ? 'Add' : 'Write';
  const optional = peak
    ? ', or remove the annotation if peak events change nothing'
    : '';
  return {
    line: lineFor(problem.annotation, EXAMPLE_EXPOSURE),
    example: true,
    advice: `${action} ${what}, in ${config.currency}, as a plain amount such as 200000, 200K, 1.5M or 250,000${optional}.`,
  };
}

function featureDemandFix(
  problem: AssessmentProblem,
  config: AnnotationFixConfig,
): AnnotationFix {
  const bands = Object.keys(config.featureDemandBands);
  const choices = listOf(
    bands.map(
      band => `${band} (${config.featureDemandBands[band]} deployments)`,
    ),
  );
  const meant =
    problem.value === ''
      ? null
      : closestChoice(normaliseFeatureDemand(problem.value), bands);
  if (meant !== null) {
    return {
      line: lineFor(problem.annotation, meant),
      example: false,
      advice: `Spell the band as operatingModel.featureDemandBands names it: ${choices}.`,
    };
  }
  const action = problem.value === '' ? 'Add' : 'Choose';
  return {
    line: lineFor(problem.annotation, bands[0]),
    example: true,
    advice: `${action} the band of customer demand for new features in a month: ${choices}.`,
  };
}

function choiceFix(
  problem: AssessmentProblem,
  meanings: Record<string, string>,
  question: string,
  synonyms: Record<string, string> = {},
): AnnotationFix {
  const choices = Object.keys(meanings);
  const written = asChoice(problem.value);
  const meant =
    (Object.prototype.hasOwnProperty.call(synonyms, written)
      ? synonyms[written]
      : null) ?? closestChoice(problem.value, choices);
  const described = listOf(
    choices.map(choice =>
      meanings[choice] === choice ? choice : `${choice} (${meanings[choice]})`,
    ),
  );
  if (meant !== null) {
    return {
      line: lineFor(problem.annotation, meant),
      example: false,
      advice: `Write ${question} as one of ${described}.`,
    };
  }
  return {
    line: lineFor(problem.annotation, choices[0]),
    example: true,
    advice: `Write ${question} as one of ${described}, or remove the annotation.`,
  };
}

function yesNoSynonyms(yes: string, no: string): Record<string, string> {
  return Object.fromEntries([
    ...YES_WORDS.map(word => [word, yes]),
    ...NO_WORDS.map(word => [word, no]),
  ]);
}

const PRACTICE_SYNONYMS: Record<string, PracticeAnswer> = {
  ...(yesNoSynonyms('yes', 'no') as Record<string, PracticeAnswer>),
  partly: 'partial',
  partially: 'partial',
  some: 'partial',
};

function domainFix(problem: AssessmentProblem): AnnotationFix {
  return {
    line: lineFor(problem.annotation, EXAMPLE_DOMAIN),
    example: true,
    advice:
      'Name the product Domain the service belongs to, such as furnishing or domain:default/furnishing; ' +
      'better still, set spec.system to a System of that Domain and remove the annotation.',
  };
}

/**
 * The change to a Component's `catalog-info.yaml` that clears one problem `assessService`
 * reported: the annotation line to write and what it means. Where what was written points at
 * one right value (`Very Hgih`, `£200K`, `Ops Run It`) the line carries it; otherwise an
 * example to replace. Null for an annotation no rule here knows.
 *
 * @public
 */
export function annotationFixFor(
  problem: AssessmentProblem,
  config: AnnotationFixConfig,
): AnnotationFix | null {
  switch (problem.annotation) {
    case ANNOTATION_FINANCIAL_EXPOSURE:
    case ANNOTATION_PEAK_FINANCIAL_EXPOSURE:
      return moneyFix(problem, config);
    case ANNOTATION_FEATURE_DEMAND:
      return featureDemandFix(problem, config);
    case ANNOTATION_SERVICE_CLASS:
      return choiceFix(problem, SERVICE_CLASS_MEANINGS, 'the service class');
    case ANNOTATION_OPERATING_MODEL:
      return choiceFix(
        problem,
        OPERATING_MODEL_TITLES as Record<OperatingModelName, string>,
        'the model the service runs under today',
      );
    case ANNOTATION_PRE_APPROVED_CHANGES:
      return choiceFix(
        problem,
        BOOLEAN_MEANINGS,
        'whether the team has pre-approved changes',
        yesNoSynonyms('true', 'false'),
      );
    case ANNOTATION_FAILURE_DESIGN:
      return choiceFix(
        problem,
        PRACTICE_ANSWER_MEANINGS,
        'whether the service is designed for failure (bulkheads, caches, circuit breakers)',
        PRACTICE_SYNONYMS,
      );
    case ANNOTATION_SERVICE_TELEMETRY:
      return choiceFix(
        problem,
        PRACTICE_ANSWER_MEANINGS,
        'whether the service has its own logging, monitoring and alerts',
        PRACTICE_SYNONYMS,
      );
    case ANNOTATION_DOMAIN:
      return domainFix(problem);
    default:
      return null;
  }
}
