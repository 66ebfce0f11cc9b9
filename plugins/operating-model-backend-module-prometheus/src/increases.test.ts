import { RangeSeries, risesByStep } from './increases';

const series = (...values: Array<[number, number]>): RangeSeries => ({
  metric: {},
  values: values.map(([t, v]) => [t, String(v)]),
});

describe('risesByStep', () => {
  it.each<[string, RangeSeries[], Array<[number, number]>]>([
    [
      'no series: every step rose by 0',
      [],
      [
        [10, 0],
        [20, 0],
      ],
    ],
    [
      'rises go to the step holding the later sample',
      [series([0, 5], [4, 7], [10, 9], [13, 12], [20, 20])],
      [
        [10, 4],
        [20, 11],
      ],
    ],
    [
      'a reset inside a step counts the rise before it and the new value',
      [series([0, 10], [3, 16], [6, 2], [9, 5])],
      [
        [10, 11],
        [20, 0],
      ],
    ],
    [
      'the first sample of a series is only its baseline',
      [series([12, 40], [18, 43])],
      [
        [10, 0],
        [20, 3],
      ],
    ],
    [
      'a missing scrape carries the last value to the next sample',
      [series([0, 1], [25, 1])].concat(series([0, 0], [8, 2], [19, 6])),
      [
        [10, 2],
        [20, 4],
      ],
    ],
    [
      'series add up',
      [series([0, 0], [5, 3]), series([0, 10], [15, 11])],
      [
        [10, 3],
        [20, 1],
      ],
    ],
    [
      'samples after the range are left for the next one',
      [series([0, 0], [20, 2], [21, 9])],
      [
        [10, 0],
        [20, 2],
      ],
    ],
  ])('%s', (_name, input, expected) => {
    expect([...risesByStep(input, 0, 20, 10)]).toEqual(expected);
  });
});
