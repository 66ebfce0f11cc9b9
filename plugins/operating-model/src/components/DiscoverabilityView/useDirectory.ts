import { useApi } from '@backstage/core-plugin-api';
import { Directory } from '@operating-model/backstage-plugin-operating-model-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { operatingModelApiRef } from '../../api';

/** How often an open view asks again, so "on call now" stays true while someone keeps it open. */
export const DIRECTORY_REFRESH_MS = 60_000;

export interface DirectoryState {
  directory: Directory | undefined;
  /** The first load failed: nothing to show. */
  error: Error | undefined;
  /** A later refresh failed: the last answer is still shown. */
  refreshError: Error | undefined;
  loading: boolean;
}

/** Loads the directory, then refreshes it every minute without blanking what is on screen. */
export function useDirectory(
  refreshMs: number = DIRECTORY_REFRESH_MS,
): DirectoryState {
  const api = useApi(operatingModelApiRef);
  const [state, setState] = useState<DirectoryState>({
    directory: undefined,
    error: undefined,
    refreshError: undefined,
    loading: true,
  });
  const mounted = useRef(true);

  const load = useCallback(async () => {
    try {
      const directory = await api.getDirectory();
      if (mounted.current) {
        setState({
          directory,
          error: undefined,
          refreshError: undefined,
          loading: false,
        });
      }
    } catch (e) {
      const error = e as Error;
      if (mounted.current) {
        setState(previous =>
          previous.directory
            ? { ...previous, refreshError: error }
            : {
                directory: undefined,
                error,
                refreshError: undefined,
                loading: false,
              },
        );
      }
    }
  }, [api]);

  useEffect(() => {
    mounted.current = true;
    load();
    const timer = refreshMs > 0 ? setInterval(load, refreshMs) : undefined;
    return () => {
      mounted.current = false;
      if (timer) clearInterval(timer);
    };
  }, [load, refreshMs]);

  return state;
}
