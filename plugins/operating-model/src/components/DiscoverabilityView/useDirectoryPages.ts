import { useApi } from '@backstage/core-plugin-api';
import {
  DirectoryFilters,
  DirectoryGroupBy,
  DirectoryItem,
  DirectoryServicesPage,
} from '@operating-model/backstage-plugin-operating-model-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { operatingModelApiRef } from '../../api';

/** How often an open view asks again, so "on call now" stays true while someone keeps it open. */
export const DIRECTORY_REFRESH_MS = 60_000;
/** While the backend is still working out who is on call (a cold start), it asks again this soon. */
export const DIRECTORY_ON_CALL_PENDING_MS = 3_000;
/** Rows a page holds: the first screen and several scrolls' worth. */
export const DIRECTORY_PAGE_SIZE = 100;

type PageInfo = Omit<DirectoryServicesPage, 'items'>;

export interface DirectoryPages {
  /** The counts and times of the last answer, for the filters in force (or the previous ones until it comes). */
  info: PageInfo | undefined;
  /** The row at a position of the whole list, or undefined while its page is on its way. */
  item: (index: number) => DirectoryItem | undefined;
  /** Asks for the pages holding these rows, where not asked already. */
  want: (from: number, to: number) => void;
  /** Changes each time a page arrives, for the list to measure its rows again. */
  version: number;
  /** The first answer failed: nothing to show. */
  error: Error | undefined;
  /** A later answer failed: the last rows are still shown. */
  refreshError: Error | undefined;
  loading: boolean;
}

interface State {
  key: string;
  info: PageInfo | undefined;
  pages: Map<number, DirectoryItem[]>;
  version: number;
  error: Error | undefined;
  refreshError: Error | undefined;
}

/**
 * The discoverability view's rows, a page at a time from the backend, which searches, filters and
 * groups them: the first page for each change of the filters (the previous rows stay until it
 * comes), the others as the list scrolls to them, and the pages on screen again every minute.
 */
export function useDirectoryPages(
  filters: DirectoryFilters,
  groupBy: DirectoryGroupBy,
  refreshMs: number = DIRECTORY_REFRESH_MS,
): DirectoryPages {
  const api = useApi(operatingModelApiRef);
  const key = JSON.stringify([filters, groupBy]);
  const [state, setState] = useState<State>({
    key: '',
    info: undefined,
    pages: new Map(),
    version: 0,
    error: undefined,
    refreshError: undefined,
  });
  const asked = useRef(new Set<string>());
  const visible = useRef<[number, number]>([0, 0]);
  const current = useRef(key);
  current.current = key;

  const load = useCallback(
    async (forKey: string, page: number) => {
      const [f, g] = JSON.parse(forKey) as [DirectoryFilters, DirectoryGroupBy];
      try {
        const answer = await api.queryDirectory({
          ...f,
          groupBy: g,
          offset: page * DIRECTORY_PAGE_SIZE,
          limit: DIRECTORY_PAGE_SIZE,
        });
        // An answer for filters that have changed since is dropped.
        if (current.current !== forKey) return;
        const { items, ...info } = answer;
        setState(previous => {
          const pages =
            previous.key === forKey
              ? new Map(previous.pages)
              : new Map<number, DirectoryItem[]>();
          pages.set(page, items);
          return {
            key: forKey,
            info,
            pages,
            version: previous.version + 1,
            error: undefined,
            refreshError: undefined,
          };
        });
      } catch (e) {
        asked.current.delete(`${forKey}#${page}`);
        if (current.current !== forKey) return;
        const error = e as Error;
        setState(previous =>
          previous.info
            ? { ...previous, refreshError: error }
            : { ...previous, error },
        );
      }
    },
    [api],
  );

  const ask = useCallback(
    (page: number) => {
      const id = `${current.current}#${page}`;
      if (asked.current.has(id)) return;
      asked.current.add(id);
      load(current.current, page);
    },
    [load],
  );

  useEffect(() => {
    asked.current.clear();
    ask(0);
  }, [key, ask]);

  const pending = state.info !== undefined && state.info.onCallAt === null;
  useEffect(() => {
    const every = pending ? DIRECTORY_ON_CALL_PENDING_MS : refreshMs;
    if (every <= 0) return undefined;
    const timer = setInterval(() => {
      const [from, to] = visible.current;
      const first = Math.floor(from / DIRECTORY_PAGE_SIZE);
      const last = Math.floor(to / DIRECTORY_PAGE_SIZE);
      for (let page = first; page <= last; page++) {
        load(current.current, page);
      }
    }, every);
    return () => clearInterval(timer);
  }, [load, refreshMs, pending]);

  const want = useCallback(
    (from: number, to: number) => {
      visible.current = [from, to];
      const first = Math.floor(from / DIRECTORY_PAGE_SIZE);
      const last = Math.floor(to / DIRECTORY_PAGE_SIZE);
      for (let page = first; page <= last; page++) ask(page);
    },
    [ask],
  );

  const { pages } = state;
  const item = useCallback(
    (index: number) =>
      pages.get(Math.floor(index / DIRECTORY_PAGE_SIZE))?.[
        index % DIRECTORY_PAGE_SIZE
      ],
    [pages],
  );

  return {
    info: state.info,
    item,
    want,
    version: state.version,
    error: state.error,
    refreshError: state.refreshError,
    loading: state.info === undefined && state.error === undefined,
  };
}
