/**
 * The GitHub source's cursor: what it keeps between reads, stored by the backend as a string
 * and moved only with the events of the page that produced it.
 *
 * Its size is bounded: per repository and environment two numbers and at most
 * {@link MAX_PENDING} pending deployments; repositories that leave the catalog are dropped at
 * the end of a run; a run in progress adds one partly read repository and at most
 * {@link MAX_MISSING} repositories GitHub did not answer for.
 */

/** Deployments without a success status that are read again on each run, per environment. */
export const MAX_PENDING = 20;
/** A deployment with no success status this long after it was created is not waited for. */
export const PENDING_DAYS = 7;
/** Repositories GitHub answered 404 or 403 for, remembered across the pages of a run. */
export const MAX_MISSING = 1000;

/** One production environment of one repository. */
export interface EnvironmentState {
  /** The newest deployment id read and settled: the next run reads only newer ones. */
  n: number;
  /** Deployments awaiting a success status: `[id, created_at in epoch seconds]`. */
  p?: Array<[number, number]>;
}

/** A repository and environment read part-way when a page ended. */
export interface PartialRead {
  /** Repository key (lower-case `owner/repo`) and environment. */
  k: string;
  e: string;
  /** Whether its pending deployments were read again already. */
  checked: boolean;
  /** The page of the deployments list to go on from. */
  page: number;
  /** The oldest deployment id read so far in this pass; older ones are still to read. */
  below: number | null;
  /** The newest deployment id seen in this pass. */
  top: number;
}

/** A run that went over more than one page. */
export interface RunState {
  /** When the run began, in epoch milliseconds. */
  at: number;
  /** The last repository key read in full; the run goes on with the keys after it. */
  after?: string;
  part?: PartialRead;
  /** Components whose repository GitHub answered 404 or 403 for, or that no credentials reach. */
  missing?: Array<[string, number | 'credentials']>;
}

/** Everything the cursor holds. */
export interface GitHubCursor {
  v: 1;
  /** By repository key, by environment. */
  r: Record<string, Record<string, EnvironmentState>>;
  run?: RunState;
  /** Between runs: the last run's missing repositories, reported until read again. */
  m?: RunState['missing'];
}

/** Reads a cursor; one that is absent or not of this version starts afresh. */
export function readGitHubCursor(cursor: string | undefined): GitHubCursor {
  if (cursor) {
    try {
      const parsed = JSON.parse(cursor);
      if (
        parsed &&
        parsed.v === 1 &&
        typeof parsed.r === 'object' &&
        parsed.r !== null
      ) {
        return parsed as GitHubCursor;
      }
    } catch {
      // Not a cursor this version wrote: read afresh, which writes nothing twice.
    }
  }
  return { v: 1, r: {} };
}

export function writeGitHubCursor(cursor: GitHubCursor): string {
  return JSON.stringify(cursor);
}

/** Adds a pending deployment, keeping the newest {@link MAX_PENDING}. */
export function addPending(
  state: EnvironmentState,
  id: number,
  createdAtSeconds: number,
) {
  const pending = (state.p ?? []).filter(([pendingId]) => pendingId !== id);
  pending.push([id, createdAtSeconds]);
  pending.sort((a, b) => b[0] - a[0]);
  state.p = pending.slice(0, MAX_PENDING);
}

export function removePending(state: EnvironmentState, id: number) {
  const pending = (state.p ?? []).filter(([pendingId]) => pendingId !== id);
  if (pending.length > 0) state.p = pending;
  else delete state.p;
}
