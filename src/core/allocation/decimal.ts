// Exact decimal arithmetic on BigInt mantissas, enough for the planner's bookkeeping:
// parsing input strings, flooring to an item's precision, and checking stock and
// truck capacity without binary-float error. Value = m / 10^s.
import { AllocationInputError } from "./types.ts";

export interface Dec {
  readonly m: bigint;
  readonly s: number;
}

/** Same limits as the rest of Reliefline: up to 15 integer digits and 6 decimals. */
const DECIMAL = /^\d{1,15}(\.\d{1,6})?$/;

export function parseDec(raw: unknown, field: string): Dec {
  if (typeof raw !== "string") {
    throw new AllocationInputError(
      field,
      `must be a decimal number written as a string, e.g. "300" or "0.5" (got ${JSON.stringify(raw)})`,
    );
  }
  const text = raw.trim();
  if (text.startsWith("-")) throw new AllocationInputError(field, `must not be negative (got ${text})`);
  if (!DECIMAL.test(text)) {
    throw new AllocationInputError(
      field,
      `must be a decimal number with at most 15 digits before and 6 after the point (got ${JSON.stringify(raw)})`,
    );
  }
  const [whole = "0", frac = ""] = text.split(".");
  return { m: BigInt(whole + frac), s: frac.length };
}

export const decFromInt = (n: number | bigint): Dec => ({ m: BigInt(n), s: 0 });
export const isZeroDec = (a: Dec): boolean => a.m === 0n;
export const decToNumber = (a: Dec): number => Number(a.m) / 10 ** a.s;

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const s = Math.max(a.s, b.s);
  return [a.m * pow10(s - a.s), b.m * pow10(s - b.s), s];
}

export const addDec = (a: Dec, b: Dec): Dec => {
  const [x, y, s] = align(a, b);
  return { m: x + y, s };
};
export const mulDec = (a: Dec, b: Dec): Dec => ({ m: a.m * b.m, s: a.s + b.s });
export const cmpDec = (a: Dec, b: Dec): number => {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** floor(value × 10^decimals): the value counted in units of the item's precision. */
export function floorUnits(a: Dec, decimals: number): bigint {
  return a.s <= decimals ? a.m * pow10(decimals - a.s) : a.m / pow10(a.s - decimals);
}

/** A count of 10^-decimals units as an exact Dec. */
export const unitsToDec = (units: bigint, decimals: number): Dec => ({ m: units, s: decimals });

/** Canonical spelling: no exponent, no trailing zeros ("300", "0.5"). */
export function formatUnits(units: bigint, decimals: number): string {
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals).replace(/0+$/, "");
  return (neg ? "-" : "") + (frac ? `${whole}.${frac}` : whole);
}

export const formatDec = (a: Dec): string => formatUnits(a.m, a.s);
