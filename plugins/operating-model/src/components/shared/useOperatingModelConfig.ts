import { configApiRef, useApi } from '@backstage/core-plugin-api';
import {
  OperatingModelConfig,
  readOperatingModelConfig,
} from '@operating-model/backstage-plugin-operating-model-common';
import { useMemo } from 'react';

/**
 * The checked `operatingModel` config, read in the browser with the same function the backend
 * uses, so the UI's bands and frequencies are the backend's. A bad config is reported, not thrown.
 */
export function useOperatingModelConfig():
  | { config: OperatingModelConfig; error?: undefined }
  | { config?: undefined; error: Error } {
  const configApi = useApi(configApiRef);
  return useMemo(() => {
    try {
      return { config: readOperatingModelConfig(configApi) };
    } catch (error) {
      return { error: error as Error };
    }
  }, [configApi]);
}
