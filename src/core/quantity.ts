// Exact quantities. A quantity travels as a decimal string ("300", "0.5") and is
// computed with decimal.js, never with binary floats, so sums and the ledger's
// canonical form never depend on float printing.
import DecimalModule from "decimal.js";

// decimal.js ships ESM whose default export is the class, with typings written for CommonJS
// (read under the web build's bundler resolution, the named class may be undefined).
type DecimalClass = NonNullable<typeof DecimalModule.Decimal>;
const DecimalBase = ((DecimalModule as unknown as { default?: DecimalClass }).default ?? DecimalModule) as DecimalClass;
/** decimal.js configured for quantities: 40 significant digits, never exponent notation. */
export const Decimal = DecimalBase.clone({ precision: 40, toExpNeg: -40, toExpPos: 40 });
export type Decimal = InstanceType<DecimalClass>;

/** Up to 15 integer digits and 6 decimal places: enough for grams of tonnes. */
const QUANTITY = /^\d{1,15}(\.\d{1,6})?$/;
export const MAX_DECIMALS = 6;

export type QuantityCheck = { ok: true; value: string } | { ok: false; reason: string };

/** Parses a non-negative decimal quantity given as a string or a JSON number. */
export function parseQuantity(raw: unknown): QuantityCheck {
  const text = typeof raw === "number" && Number.isFinite(raw) ? String(raw) : raw;
  if (typeof text !== "string")
    return { ok: false, reason: 'must be a decimal number written as a string, e.g. "300" or "0.5"' };
  const trimmed = text.trim();
  if (trimmed.startsWith("-")) return { ok: false, reason: `must not be negative (got ${trimmed})` };
  if (!QUANTITY.test(trimmed)) {
    return {
      ok: false,
      reason: `must be a decimal number with at most 15 digits before and ${MAX_DECIMALS} after the point (got ${JSON.stringify(text)})`,
    };
  }
  return { ok: true, value: canonicalQuantity(trimmed) };
}

/** Already in the one spelling: no sign, no leading or trailing zeros, no exponent. */
const CANONICAL = /^(0|[1-9]\d*)(\.\d*[1-9])?$/;

/** The one spelling of a quantity: no trailing zeros, no exponent ("300.0" → "300"). */
export function canonicalQuantity(value: string | Decimal): string {
  // Most quantities arrive canonical already; decimal.js is only needed to respell the others.
  if (typeof value === "string" && CANONICAL.test(value)) return value;
  return new Decimal(value).toFixed();
}

export const dec = (value: string | number | Decimal): Decimal => new Decimal(value);
export const add = (a: string, b: string): string => new Decimal(a).plus(b).toFixed();
export const sub = (a: string, b: string): string => new Decimal(a).minus(b).toFixed();
export const neg = (a: string): string => new Decimal(a).neg().toFixed();
export const cmp = (a: string, b: string): number => new Decimal(a).cmp(b);
export const isZero = (a: string): boolean => new Decimal(a).isZero();
export const sum = (values: Iterable<string>): string => {
  let total = new Decimal(0);
  for (const v of values) total = total.plus(v);
  return total.toFixed();
};
