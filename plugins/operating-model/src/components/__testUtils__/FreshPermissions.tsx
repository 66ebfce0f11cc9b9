import { ReactNode } from 'react';
import { SWRConfig } from 'swr';

/**
 * Gives the permission answers of one test a cache of their own. `usePermission` keeps answers
 * in SWR's global cache, which would otherwise carry one test's "allow" into the next test's
 * "deny" and make the outcome depend on which tests ran first.
 */
export function FreshPermissions({ children }: { children: ReactNode }) {
  return (
    <SWRConfig value={{ provider: () => new Map() }}>{children}</SWRConfig>
  );
}
