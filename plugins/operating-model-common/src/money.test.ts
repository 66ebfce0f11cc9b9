import { formatMoney, parseMoney } from './money';

describe('parseMoney', () => {
  it.each([
    [200000, 200000],
    [0, 0],
    [6000.5, 6000.5],
    ['200000', 200000],
    ['200K', 200000],
    ['200k', 200000],
    ['1.5M', 1500000],
    ['1.5m', 1500000],
    ['0.5M', 500000],
    ['1.15M', 1150000],
    ['250,000', 250000],
    ['1,250,000.50', 1250000.5],
    ['  810K  ', 810000],
    ['7000', 7000],
    ['7000.01', 7000.01],
    ['0', 0],
  ])('reads %p as %p', (raw, expected) => {
    expect(parseMoney(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['huge', '"huge" is not an amount per hour; expected'],
    ['', '"" is not an amount per hour (it is empty)'],
    ['   ', '"   " is not an amount per hour (it is empty)'],
    ['-5', '"-5" is not an amount per hour (it is negative)'],
    ['-200K', '"-200K" is not an amount per hour (it is negative)'],
    [-1, '-1 is not an amount per hour (it is negative)'],
    [
      '1,50,000',
      '"1,50,000" is not an amount per hour (commas must separate groups of three digits)',
    ],
    ['12abc', '"12abc" is not an amount per hour; expected'],
    ['£200K', '"£200K" is not an amount per hour (leave out the currency'],
    ['$200K', '"$200K" is not an amount per hour (leave out the currency'],
    ['200K€', '"200K€" is not an amount per hour (leave out the currency'],
    [
      'GBP 200K',
      '"GBP 200K" is not an amount per hour (leave out the currency',
    ],
    ['NaN', '"NaN" is not an amount per hour; expected'],
    ['Infinity', '"Infinity" is not an amount per hour; expected'],
    [NaN, 'NaN is not an amount per hour (it is not a finite number)'],
    [
      Infinity,
      'Infinity is not an amount per hour (it is not a finite number)',
    ],
    ['1.2.3', '"1.2.3" is not an amount per hour; expected'],
    ['K', '"K" is not an amount per hour; expected'],
    ['1e6', '"1e6" is not an amount per hour; expected'],
    ['200KK', '"200KK" is not an amount per hour; expected'],
    [true, 'true is not an amount per hour; expected'],
    [null, 'null is not an amount per hour; expected'],
    [undefined, 'Nothing is not an amount per hour; expected'],
    [{ amount: 5 }, '{"amount":5} is not an amount per hour; expected'],
  ])('rejects %p', (raw, start) => {
    const result = parseMoney(raw);
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.message;
    expect(message.startsWith(start)).toBe(true);
    expect(message).toMatch(
      /expected a non-negative number such as 200000, 200K, 1\.5M or 250,000$/,
    );
  });
});

describe('formatMoney', () => {
  it.each([
    [200000, 'GBP', '£200K'],
    [1500000, 'GBP', '£1.5M'],
    [6000, 'GBP', '£6K'],
    [810000, 'GBP', '£810K'],
    [7000, 'USD', '$7K'],
    [250000, 'EUR', '€250K'],
    [350, 'GBP', '£350'],
    [0, 'GBP', '£0'],
    [1250, 'GBP', '£1.25K'],
    [999999, 'GBP', '£1M'],
    [2500000000, 'GBP', '£2.5B'],
    [200000, 'CHF', 'CHF 200K'],
    [200000, 'gbp', '£200K'],
    [-5000, 'GBP', '-£5K'],
  ])('writes %p %s as %s', (value, currency, expected) => {
    expect(formatMoney(value, currency)).toBe(expected);
  });
});

describe('parseMoney on absurd sizes', () => {
  it('rejects an amount too large to be a number', () => {
    const result = parseMoney('9'.repeat(400));
    expect(result.ok).toBe(false);
  });
});
