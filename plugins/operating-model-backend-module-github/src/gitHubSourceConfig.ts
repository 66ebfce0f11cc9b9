import { RootConfigService } from '@backstage/backend-plugin-api';

/** `operatingModel.sources.github`, read and checked. */
export interface GitHubSourceConfig {
  host: string;
  productionEnvironments: string[];
  initialWindowDays: number;
}

const KEY = 'operatingModel.sources.github';
const MAX_WINDOW_DAYS = 3650;

/**
 * Reads `operatingModel.sources.github`; undefined when it is absent (the source is then off).
 * Fails with a message naming the key when a value is out of range.
 */
export function readGitHubSourceConfig(
  config: RootConfigService,
): GitHubSourceConfig | undefined {
  const source = config.getOptionalConfig(KEY);
  if (!source) return undefined;
  const host = (source.getOptionalString('host') ?? 'github.com').trim();
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(host)) {
    throw new Error(
      `${KEY}.host: expected a host name such as github.com or github.example.com; got ${JSON.stringify(
        host,
      )}`,
    );
  }
  const environments = source.getOptionalStringArray(
    'productionEnvironments',
  ) ?? ['production'];
  const productionEnvironments = [...new Set(environments.map(e => e.trim()))];
  if (
    productionEnvironments.length === 0 ||
    productionEnvironments.some(e => e === '')
  ) {
    throw new Error(
      `${KEY}.productionEnvironments: expected one or more environment names, such as [production]`,
    );
  }
  const initialWindowDays =
    source.getOptionalNumber('initialWindowDays') ?? 365;
  if (
    !Number.isInteger(initialWindowDays) ||
    initialWindowDays < 1 ||
    initialWindowDays > MAX_WINDOW_DAYS
  ) {
    throw new Error(
      `${KEY}.initialWindowDays: expected a whole number of days from 1 to ${MAX_WINDOW_DAYS}; got ${initialWindowDays}`,
    );
  }
  return { host, productionEnvironments, initialWindowDays };
}
