import { Knex } from 'knex';
import { createPause, runInSlices } from '../lib/slices';
import { OrgSnapshot } from './readOrgSnapshot';

interface SnapshotRow {
  id: string;
  read_at: Date | string;
  body: string;
}

/** The first line of a body written a line per item; a body without it is one JSON object. */
const LINES_HEADER = 'operating-model-snapshot/lines';
/**
 * The rows a snapshot is stored in: `latest` holds the header and the count, `latest#<n>` each
 * part of about a megabyte of whole lines, so no one row's write or read is a long stall.
 */
const PART_CHARS = 1_000_000;
const partId = (n: number) => `latest#${n}`;

type ListKey = 'services' | 'groups' | 'users' | 'domains' | 'resources';
const LISTS: ListKey[] = [
  'services',
  'groups',
  'users',
  'domains',
  'resources',
];

/**
 * The stored body, in parts: a line naming each list, then a line per item, `<list>\t<JSON>`
 * (titles as `[ref, title]`).
 * Written and read an item at a step, so 200,000 entities are never one long stretch of
 * synchronous work as a single `JSON.stringify` or `JSON.parse` of the whole would be.
 */
function* bodySteps(snapshot: OrgSnapshot): Generator<void, string[]> {
  const parts: string[] = [];
  let lines: string[] = [];
  let chars = 0;
  const add = (line: string) => {
    lines.push(line);
    chars += line.length + 1;
    if (chars >= PART_CHARS) {
      parts.push(lines.join('\n'));
      lines = [];
      chars = 0;
    }
  };
  const lists: Array<[string, Iterable<unknown> | undefined]> = [
    ...LISTS.map(
      key => [key, snapshot[key]] as [string, unknown[] | undefined],
    ),
    ['titles', snapshot.titles.entries()],
  ];
  for (const [key, list] of lists) {
    // A list the snapshot does not have (resources, before they were read) stays absent.
    if (list) add(key);
    for (const item of list ?? []) {
      yield;
      add(`${key}\t${JSON.stringify(item)}`);
    }
  }
  if (lines.length > 0) parts.push(lines.join('\n'));
  return parts;
}

/** The snapshot from its stored parts, a line at a step. */
function* readSteps(
  parts: string[],
  readAt: Date,
): Generator<void, OrgSnapshot> {
  const lists = new Map<string, unknown[]>();
  const titles = new Map<string, string>();
  for (const body of parts) {
    let start = 0;
    while (start < body.length) {
      yield;
      const end = body.indexOf('\n', start);
      const line = body.slice(start, end < 0 ? body.length : end);
      start = end < 0 ? body.length : end + 1;
      const tab = line.indexOf('\t');
      const key = tab < 0 ? line : line.slice(0, tab);
      if (key === 'titles') {
        if (tab >= 0)
          titles.set(...(JSON.parse(line.slice(tab + 1)) as [string, string]));
        continue;
      }
      if (!lists.has(key)) lists.set(key, []);
      // A line with the key alone marks a list that is there, even when empty.
      if (tab >= 0) lists.get(key)!.push(JSON.parse(line.slice(tab + 1)));
    }
  }
  const list = <T>(key: string) => lists.get(key) as T[] | undefined;
  return {
    services: list<OrgSnapshot['services'][number]>('services') ?? [],
    groups: list<OrgSnapshot['groups'][number]>('groups') ?? [],
    users: list<OrgSnapshot['users'][number]>('users') ?? [],
    domains: list<OrgSnapshot['domains'][number]>('domains') ?? [],
    resources: list<NonNullable<OrgSnapshot['resources']>[number]>('resources'),
    titles,
    readAt,
  };
}

/** A body stored before bodies were written a line per item: one JSON object. */
function readObject(body: string, readAt: Date): OrgSnapshot {
  const parsed = JSON.parse(body) as Omit<OrgSnapshot, 'titles' | 'readAt'> & {
    titles: Array<[string, string]>;
  };
  return {
    services: parsed.services,
    groups: parsed.groups ?? [],
    users: parsed.users ?? [],
    domains: parsed.domains ?? [],
    resources: parsed.resources,
    titles: new Map(parsed.titles),
    readAt,
  };
}

/** Keeps the last catalog snapshot in the plugin's database. */
export class SnapshotStore {
  constructor(private readonly knex: Knex) {}

  async save(snapshot: OrgSnapshot): Promise<void> {
    const parts = await runInSlices(bodySteps(snapshot));
    const pause = createPause();
    await this.knex.transaction(async trx => {
      await trx<SnapshotRow>('catalog_snapshots')
        .where('id', 'like', 'latest#%')
        .delete();
      for (const [n, body] of parts.entries()) {
        await pause();
        await trx<SnapshotRow>('catalog_snapshots').insert({
          id: partId(n),
          read_at: snapshot.readAt,
          body,
        });
      }
      await trx<SnapshotRow>('catalog_snapshots')
        .insert({
          id: 'latest',
          read_at: snapshot.readAt,
          body: `${LINES_HEADER} ${parts.length}`,
        })
        .onConflict('id')
        .merge();
    });
  }

  async load(): Promise<OrgSnapshot | undefined> {
    const row = await this.knex<SnapshotRow>('catalog_snapshots')
      .where({ id: 'latest' })
      .first();
    if (!row) return undefined;
    const readAt = new Date(row.read_at);
    if (!row.body.startsWith(`${LINES_HEADER} `))
      return readObject(row.body, readAt);
    const count = Number(row.body.slice(LINES_HEADER.length + 1));
    const parts: string[] = [];
    const pause = createPause();
    for (let n = 0; n < count; n++) {
      await pause();
      const part = await this.knex<SnapshotRow>('catalog_snapshots')
        .where({ id: partId(n) })
        .first();
      // Written in one transaction with the header, so a part is only missing if edited by hand.
      if (!part) return undefined;
      parts.push(part.body);
    }
    return runInSlices(readSteps(parts, readAt));
  }
}
