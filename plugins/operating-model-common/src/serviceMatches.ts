/**
 * Why a service matched what someone typed into a service picker, best first.
 *
 * @public
 */
export type ServiceMatchReason =
  | 'name'
  | 'name-start'
  | 'word-start'
  | 'name-contains'
  | 'owner'
  | 'owner-start'
  | 'owner-contains'
  | 'ref';

/**
 * What a picker shows of a service and matches against.
 *
 * @public
 */
export interface PickableService {
  entityRef: string;
  title: string;
  ownerTitle: string | null;
}

/**
 * A service that matched, and why.
 *
 * @public
 */
export interface ServiceMatch<T> {
  item: T;
  reason: ServiceMatchReason | null;
}

const ORDER: ServiceMatchReason[] = [
  'name',
  'name-start',
  'word-start',
  'name-contains',
  'owner',
  'owner-start',
  'owner-contains',
  'ref',
];

const fold = (text: string) => text.trim().toLocaleLowerCase('en-US');

function nameOf(entityRef: string): string {
  return entityRef.slice(entityRef.lastIndexOf('/') + 1);
}

function reasonFor(
  service: PickableService,
  query: string,
): ServiceMatchReason | null {
  const title = fold(service.title);
  const name = fold(nameOf(service.entityRef));
  const owner = service.ownerTitle === null ? '' : fold(service.ownerTitle);
  if (title === query || name === query) return 'name';
  if (title.startsWith(query) || name.startsWith(query)) return 'name-start';
  if (title.split(/[^\p{L}\p{N}]+/u).some(word => word.startsWith(query)))
    return 'word-start';
  if (title.includes(query)) return 'name-contains';
  if (owner && owner === query) return 'owner';
  if (owner.startsWith(query) && owner) return 'owner-start';
  if (owner.includes(query) && owner) return 'owner-contains';
  if (fold(service.entityRef).includes(query)) return 'ref';
  return null;
}

/**
 * The services matching a picker's text, best first: the service named exactly so, then names
 * that start with the text, names with a word that does, names that contain it, then services
 * whose owning team is named so, starts or contains it, and last those whose entity ref contains
 * it. Ties keep the order they were given in. With no text, every service, in that order.
 *
 * @public
 */
export function rankServiceMatches<T>(
  items: T[],
  text: string,
  pickable: (item: T) => PickableService,
): Array<ServiceMatch<T>> {
  const query = fold(text);
  if (!query) return items.map(item => ({ item, reason: null }));
  const matches: Array<ServiceMatch<T> & { rank: number; at: number }> = [];
  items.forEach((item, at) => {
    const reason = reasonFor(pickable(item), query);
    if (reason) matches.push({ item, reason, rank: ORDER.indexOf(reason), at });
  });
  matches.sort((a, b) => a.rank - b.rank || a.at - b.at);
  return matches.map(({ item, reason }) => ({ item, reason }));
}
