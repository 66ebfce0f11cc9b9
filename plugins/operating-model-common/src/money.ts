/**
 * The result of reading an amount of money written by a person.
 *
 * @public
 */
export type MoneyParseResult =
  | { ok: true; value: number }
  | { ok: false; message: string };

const EXPECTED =
  'expected a non-negative number such as 200000, 200K, 1.5M or 250,000';

const MULTIPLIERS: Record<string, number> = { k: 1_000, m: 1_000_000 };

const PLAIN_NUMBER = /^\d+(\.\d+)?$/;
const GROUPED_NUMBER = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
const NUMBER_WITH_SUFFIX = /^([\d.,]*)\s*([kKmM]?)$/;
const CURRENCY_MARK = /^([£$€¥]|[A-Za-z]{3}\s)|[£$€¥]$/;

function quote(raw: unknown): string {
  if (raw === undefined) {
    return 'Nothing';
  }
  if (typeof raw === 'number') {
    return String(raw);
  }
  return JSON.stringify(raw) ?? String(raw);
}

function rejected(raw: unknown, reason?: string): MoneyParseResult {
  const why = reason ? ` (${reason})` : '';
  return {
    ok: false,
    message: `${quote(raw)} is not an amount per hour${why}; ${EXPECTED}`,
  };
}

// Rounding to hundredths keeps values such as 1.15M from carrying float noise.
function roundToHundredths(value: number): number {
  return Math.round(value * 100) / 100;
}

function parseMoneyText(raw: string): MoneyParseResult {
  const text = raw.trim();
  if (text === '') {
    return rejected(raw, 'it is empty');
  }
  if (CURRENCY_MARK.test(text)) {
    return rejected(
      raw,
      'leave out the currency, which is set once in operatingModel.currency',
    );
  }
  if (text.startsWith('-')) {
    const positive = parseMoneyText(text.slice(1));
    return rejected(raw, positive.ok ? 'it is negative' : undefined);
  }
  const match = NUMBER_WITH_SUFFIX.exec(text);
  if (!match || match[1] === '') {
    return rejected(raw);
  }
  const [, digits, suffix] = match;
  if (digits.includes(',') && !GROUPED_NUMBER.test(digits)) {
    return rejected(raw, 'commas must separate groups of three digits');
  }
  if (!digits.includes(',') && !PLAIN_NUMBER.test(digits)) {
    return rejected(raw);
  }
  const multiplier = suffix ? MULTIPLIERS[suffix.toLowerCase()] : 1;
  const value = Number(digits.replace(/,/g, '')) * multiplier;
  if (!Number.isFinite(value)) {
    return rejected(raw, 'it is too large');
  }
  return { ok: true, value: roundToHundredths(value) };
}

/**
 * Reads an amount of money per hour, as a number or as text such as
 * `200000`, `200K`, `1.5M` or `250,000`.
 *
 * @public
 */
export function parseMoney(raw: unknown): MoneyParseResult {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) {
      return rejected(raw, 'it is not a finite number');
    }
    if (raw < 0) {
      return rejected(raw, 'it is negative');
    }
    return { ok: true, value: raw };
  }
  if (typeof raw === 'string') {
    return parseMoneyText(raw);
  }
  return rejected(raw);
}

const CURRENCY_SYMBOLS: Record<string, string> = {
  GBP: '£',
  USD: '$',
  EUR: '€',
};

const COMPACT_UNITS = [
  { size: 1, suffix: '' },
  { size: 1_000, suffix: 'K' },
  { size: 1_000_000, suffix: 'M' },
  { size: 1_000_000_000, suffix: 'B' },
];

function compactAmount(amount: number): string {
  let unit = 0;
  while (
    unit + 1 < COMPACT_UNITS.length &&
    amount >= COMPACT_UNITS[unit + 1].size
  ) {
    unit += 1;
  }
  let scaled = roundToHundredths(amount / COMPACT_UNITS[unit].size);
  // 999,999 rounds to 1000K, which reads better as 1M.
  if (scaled >= 1000 && unit + 1 < COMPACT_UNITS.length) {
    unit += 1;
    scaled = roundToHundredths(amount / COMPACT_UNITS[unit].size);
  }
  return `${scaled}${COMPACT_UNITS[unit].suffix}`;
}

/**
 * Writes an amount compactly with its currency, for example `£200K` or `£1.5M`.
 *
 * @public
 */
export function formatMoney(value: number, currency: string): string {
  if (!Number.isFinite(value)) {
    return String(value);
  }
  const code = currency.toUpperCase();
  const prefix = CURRENCY_SYMBOLS[code] ?? `${code} `;
  const sign = value < 0 ? '-' : '';
  return `${sign}${prefix}${compactAmount(Math.abs(value))}`;
}
