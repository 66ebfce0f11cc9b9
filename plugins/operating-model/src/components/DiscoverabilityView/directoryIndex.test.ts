import {
  DirectoryFilters,
  NO_FILTERS,
  buildDirectoryIndex,
  filterServices,
  groupServices,
} from './directoryIndex';
import { largeDirectory, smallDirectory } from './testDirectory';

const index = buildDirectoryIndex(smallDirectory());
const titles = (filters: Partial<DirectoryFilters>) =>
  filterServices(index, { ...NO_FILTERS, ...filters }).map(s => s.title);

describe('filterServices', () => {
  it.each([
    [
      'nothing',
      {},
      ['Bedroom shop', 'Kitchen planner', 'Legacy ERP', 'Payments', 'Refunds'],
    ],
    [
      'a service name, in any case',
      { query: 'KITCHEN PL' },
      ['Kitchen planner'],
    ],
    [
      'a name that is also the owning team’s',
      { query: 'paym' },
      ['Payments', 'Refunds'],
    ],
    ['a team name', { query: 'payments team' }, ['Payments', 'Refunds']],
    ['a domain name', { query: 'checkout' }, ['Payments', 'Refunds']],
    [
      'a system name',
      { query: 'room shops' },
      ['Bedroom shop', 'Kitchen planner', 'Refunds'],
    ],
    ['the person on call', { query: 'priya' }, ['Payments', 'Refunds']],
    ['a person in the owning team', { query: 'erin' }, ['Kitchen planner']],
    ['a person’s email', { query: 'bob@example' }, ['Bedroom shop']],
    [
      'words that match different things',
      { query: 'alice bedroom' },
      ['Bedroom shop'],
    ],
    ['words that match nothing together', { query: 'priya bedroom' }, []],
    ['the entity name', { query: 'legacy-erp' }, ['Legacy ERP']],
    [
      'a domain',
      { domain: 'domain:default/furnishing' },
      ['Bedroom shop', 'Kitchen planner'],
    ],
    [
      'a team',
      { team: 'group:default/payments-team' },
      ['Payments', 'Refunds'],
    ],
    [
      'a model, declared over recommended',
      { model: 'ops-run-it' as const },
      ['Legacy ERP', 'Refunds'],
    ],
    ['an availability target', { availabilityTarget: 99.9 }, ['Payments']],
    [
      'no availability target',
      { availabilityTarget: 'none' as const },
      ['Legacy ERP'],
    ],
    [
      'out-of-hours level none',
      { outOfHours: 'none' as const },
      ['Kitchen planner'],
    ],
    [
      'out-of-hours level not known',
      { outOfHours: 'unknown' as const },
      ['Legacy ERP'],
    ],
    [
      'has problems (annotations or ownership)',
      { hasProblems: true },
      ['Legacy ERP', 'Refunds'],
    ],
    [
      'a filter and a query together',
      { team: 'group:default/payments-team', query: 'refu' },
      ['Refunds'],
    ],
  ])('by %s', (_, filters, expected) => {
    expect(titles(filters as Partial<DirectoryFilters>).sort()).toEqual(
      [...expected].sort(),
    );
  });
});

describe('groupServices', () => {
  const all = filterServices(index, NO_FILTERS);

  it('lists services without headings when not grouped', () => {
    expect(
      groupServices(index, all, 'none').every(i => i.kind === 'service'),
    ).toBe(true);
  });

  it('puts each team’s services under a heading with the team’s people, the unowned last', () => {
    const items = groupServices(index, all, 'team');
    expect(
      items.map(i => (i.kind === 'service' ? `  ${i.service.title}` : i.title)),
    ).toEqual([
      'Bedroom team',
      '  Bedroom shop',
      'Kitchen team',
      '  Kitchen planner',
      'Payments team',
      '  Payments',
      '  Refunds',
      'Zoe',
      '  Legacy ERP',
    ]);
    const payments = items[4];
    expect(
      payments.kind === 'team' && payments.team?.people.map(p => p.title),
    ).toEqual(['Priya Patel']);
    expect(payments.kind === 'team' && payments.count).toBe(2);
  });

  it('puts each domain’s services under a heading with its teams, those without a domain last', () => {
    const items = groupServices(index, all, 'domain');
    const headings = items.filter(i => i.kind !== 'service');
    expect(headings.map(h => h.title)).toEqual([
      'Checkout',
      'Furnishing',
      'No domain',
    ]);
    const furnishing = headings[1];
    expect(
      furnishing.kind === 'domain' && furnishing.teams.map(t => t.title),
    ).toEqual(['Bedroom team', 'Kitchen team']);
  });
});

describe('at 10,000 services', () => {
  it('indexes once and answers a keystroke well inside a frame budget', () => {
    const large = largeDirectory(10_000);
    let start = performance.now();
    const big = buildDirectoryIndex(large);
    const indexing = performance.now() - start;
    start = performance.now();
    const found = filterServices(big, {
      ...NO_FILTERS,
      query: 'service 01234',
    });
    const searching = performance.now() - start;
    expect(found.map(s => s.title)).toEqual(
      [0, 1, 2, 3, 4].map(s => `Service 01234-${s}`),
    );
    expect(
      filterServices(big, { ...NO_FILTERS, query: 'person 1234-5' }).map(
        s => s.owner,
      ),
    ).toEqual(Array(5).fill('group:default/team-1234'));
    // Generous bounds for a loaded test machine; the benchmark measures the real figures.
    expect(indexing).toBeLessThan(500);
    expect(searching).toBeLessThan(100);
  });
});
