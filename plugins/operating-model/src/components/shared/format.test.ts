import { formatSeconds } from './format';

describe('formatSeconds', () => {
  it.each([
    [0, '0 s'],
    [45.4, '45 s'],
    [60, '1 min'],
    [605, '10 min 5 s'],
    [3600, '1 h'],
    [6048, '1 h 40 min 48 s'],
    [5918, '1 h 38 min 38 s'],
    [30240, '8 h 24 min'],
    [183600, '2 d 3 h'],
    [-605, '-10 min 5 s'],
    [-0.2, '0 s'],
  ])('%p s is %p', (seconds, written) => {
    expect(formatSeconds(seconds)).toBe(written);
  });
});
