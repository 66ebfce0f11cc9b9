import { runInSlices, runToEnd } from '../lib/slices';
import { GroupFacts, OrgSnapshot, UserFacts } from './readOrgSnapshot';

/** Lookups by ref into one snapshot, built once per snapshot rather than once per request. */
export interface SnapshotIndex {
  groups: Map<string, GroupFacts>;
  users: Map<string, UserFacts>;
  domains: Set<string>;
}

const indexes = new WeakMap<OrgSnapshot, SnapshotIndex>();

function* indexSteps(snapshot: OrgSnapshot): Generator<void, SnapshotIndex> {
  const index: SnapshotIndex = {
    groups: new Map(),
    users: new Map(),
    domains: new Set(),
  };
  for (const group of snapshot.groups) {
    yield;
    index.groups.set(group.entityRef, group);
  }
  for (const user of snapshot.users) {
    yield;
    index.users.set(user.entityRef, user);
  }
  for (const domain of snapshot.domains) {
    yield;
    index.domains.add(domain.entityRef);
  }
  return index;
}

/** The snapshot's index, built now if it has not been. */
export function snapshotIndex(snapshot: OrgSnapshot): SnapshotIndex {
  let index = indexes.get(snapshot);
  if (!index) {
    index = runToEnd(indexSteps(snapshot));
    indexes.set(snapshot, index);
  }
  return index;
}

/** Builds the snapshot's index in slices, before the snapshot is put in use. */
export async function indexInSlices(snapshot: OrgSnapshot): Promise<void> {
  if (indexes.has(snapshot)) return;
  const index = await runInSlices(indexSteps(snapshot));
  if (!indexes.has(snapshot)) indexes.set(snapshot, index);
}
