import { RootConfigService } from '@backstage/backend-plugin-api';

/** The config key of this source, under which the backend also reads its schedule. */
export const CONFIG_KEY = 'operatingModel.sources.pagerduty';

/** PagerDuty's REST API, when no `baseUrl` is configured. */
export const DEFAULT_BASE_URL = 'https://api.pagerduty.com';

/** How far back the first sync of a service goes, when `initialWindowDays` is not set. */
export const DEFAULT_INITIAL_WINDOW_DAYS = 365;

/** Ten years: enough for any incident history, and bounded so a typo cannot ask for millennia. */
const MAX_INITIAL_WINDOW_DAYS = 3650;

/** The settings of the PagerDuty source. */
export interface PagerDutySettings {
  baseUrl: string;
  token: string;
  initialWindowDays: number;
}

/**
 * Reads `operatingModel.sources.pagerduty`. Gives `{ off }`, with the reason, when the source
 * is not configured or has no token, so a backend without PagerDuty credentials starts; throws
 * naming the key when a value is there but unreadable.
 */
export function readPagerDutyConfig(
  config: RootConfigService,
): PagerDutySettings | { off: string } {
  const source = config.getOptionalConfig(CONFIG_KEY);
  if (!source) {
    return {
      off: `PagerDuty incidents are off: ${CONFIG_KEY} is not configured`,
    };
  }
  const token = source.getOptionalString('token')?.trim();
  if (!token) {
    return {
      off: `PagerDuty incidents are off: ${CONFIG_KEY}.token is not set`,
    };
  }

  const baseUrl = (
    source.getOptionalString('baseUrl') ?? DEFAULT_BASE_URL
  ).replace(/\/+$/, '');
  let protocol: string | undefined;
  try {
    protocol = new URL(baseUrl).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new Error(
      `${CONFIG_KEY}.baseUrl: expected an http or https address such as ${DEFAULT_BASE_URL}; got ${JSON.stringify(
        baseUrl,
      )}`,
    );
  }

  const initialWindowDays =
    source.getOptionalNumber('initialWindowDays') ??
    DEFAULT_INITIAL_WINDOW_DAYS;
  if (
    !Number.isInteger(initialWindowDays) ||
    initialWindowDays < 1 ||
    initialWindowDays > MAX_INITIAL_WINDOW_DAYS
  ) {
    throw new Error(
      `${CONFIG_KEY}.initialWindowDays: expected a whole number of days from 1 to ${MAX_INITIAL_WINDOW_DAYS}; got ${initialWindowDays}`,
    );
  }
  return { baseUrl, token, initialWindowDays };
}
