import {
  Override,
  RecordedShift,
} from '@operating-model/backstage-plugin-operating-model-common';
import { recordsWithin } from './RotaService';

const day = (d: number) => new Date(Date.UTC(2026, 5, d));
const shift = (person: string, from: number, to: number): RecordedShift => ({
  person,
  start: day(from).toISOString(),
  end: day(to).toISOString(),
});
const override = (id: string, from: number, to: number): Override => ({
  id,
  person: 'user:default/cover',
  covers: null,
  start: day(from).toISOString(),
  end: day(to).toISOString(),
  createdBy: 'user:default/cover',
  createdAt: day(1).toISOString(),
});

/** What the store answered for 1–29 June: the last shift before it, those that start in it. */
const records = {
  from: day(1).getTime(),
  to: day(29).getTime(),
  history: [
    shift('a', -6, 1),
    shift('b', 1, 8),
    shift('c', 8, 15),
    shift('d', 15, 22),
  ],
  overrides: [
    override('o1', 3, 4),
    override('o2', 14, 16),
    override('o3', 27, 29),
  ],
};
const people = (window?: { history: RecordedShift[] }) =>
  window?.history.map(h => h.person);
const ids = (window?: { overrides: Override[] }) =>
  window?.overrides.map(o => o.id);

describe('recordsWithin', () => {
  it.each([
    ['the whole window', 1, 29, ['a', 'b', 'c', 'd'], ['o1', 'o2', 'o3']],
    ['a week from the 10th', 10, 17, ['c', 'd'], ['o2']],
    ['from a shift start', 8, 15, ['b', 'c'], ['o2']],
    ['the end of the window', 22, 29, ['d'], ['o3']],
    // An override ending as the window starts does not overlap it, as in the store's query.
    ['from an override end', 4, 8, ['b'], []],
  ])('answers %s as the store would', (_, from, to, history, overrides) => {
    const within = recordsWithin(records, day(from), day(to));
    expect(people(within)).toEqual(history);
    expect(ids(within)).toEqual(overrides);
  });

  it.each([
    ['starts before', 0, 10],
    ['ends after', 20, 30],
  ])('leaves a window that %s the records to the store', (_, from, to) => {
    expect(recordsWithin(records, day(from), day(to))).toBeUndefined();
  });
});
