import type { OperatingModelConfig } from './config';

/**
 * The built-in deployment frequencies, as deployments per 30 days; config may add others.
 *
 * @public
 */
export const DEFAULT_DEPLOYMENT_FREQUENCIES: Readonly<Record<string, number>> =
  {
    monthly: 1,
    fortnightly: 30 / 14,
    weekly: 30 / 7,
    daily: 30,
  };

function ownValue<T>(record: Record<string, T>, key: string): T | undefined {
  // Plain lookups would find `constructor` and friends on any object.
  return Object.prototype.hasOwnProperty.call(record, key)
    ? record[key]
    : undefined;
}

/**
 * Turns `Very High` or `very_high` into the band key `very-high`.
 *
 * @public
 */
export function normaliseFeatureDemand(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/**
 * The names of the frequencies, slowest first.
 *
 * @public
 */
export function frequenciesSlowestFirst(
  frequencies: Record<string, number>,
): string[] {
  return Object.keys(frequencies).sort(
    (a, b) => frequencies[a] - frequencies[b],
  );
}

/**
 * How many deployments per 30 days a frequency stands for, or null for an unknown name.
 *
 * @public
 */
export function deploymentsPer30Days(
  frequency: string,
  frequencies: Record<string, number>,
): number | null {
  return ownValue(frequencies, frequency) ?? null;
}

/**
 * Rule 4: the deployment target is the frequency tied to the service's feature demand band, or null
 * for an unknown band.
 *
 * @public
 */
export function deploymentTargetFor(
  demand: string,
  config: Pick<OperatingModelConfig, 'featureDemandBands'>,
): string | null {
  return (
    ownValue(config.featureDemandBands, normaliseFeatureDemand(demand)) ?? null
  );
}
