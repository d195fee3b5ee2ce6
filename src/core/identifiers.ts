// Transport-unit identities: UIC 12-digit wagon numbers, 1520 mm 8-digit
// freight wagon numbers, ISO 6346 container numbers and free-text vehicle
// plates. Rules and worked examples: shared standards note "identifiers.md".
// Pure: no I/O, no clock, no randomness. A failed check digit is reported, not
// thrown; the caller decides whether to block or to ask for confirmation.

export type UnitScheme = "uic12" | "rail1520" | "iso6346" | "plate";
/** The schemes that carry a check digit. */
export type CheckedScheme = Exclude<UnitScheme, "plate">;

export type UnitNumberCheck =
  | { status: "valid"; scheme: CheckedScheme; number: string }
  | {
      status: "bad-check-digit";
      scheme: CheckedScheme;
      number: string;
      /** The check digit the payload calls for. */
      expected: string;
      /** The check digit as written. */
      found: string;
      message: string;
    }
  | { status: "malformed"; scheme: UnitScheme; number: string; message: string }
  | { status: "unchecked"; scheme: "plate"; number: string };

/** Whitespace (incl. no-break space), ASCII and Unicode hyphens/dashes, minus sign, dots. */
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212]/gu;

/** Strips spaces, hyphens and dots and upper-cases letters: "csqu 305438 3" → "CSQU3054383". */
export function normaliseUnitNumber(raw: string): string {
  return raw.replace(SEPARATORS, "").toUpperCase();
}

const CONTAINER = /^[A-Z]{3}[UJZ]\d{7}$/;

/** 12 digits → uic12, 8 digits → rail1520, 3 letters + U/J/Z + 7 digits → iso6346, else plate. */
export function detectScheme(raw: string): UnitScheme {
  const number = normaliseUnitNumber(raw);
  if (/^\d{12}$/.test(number)) return "uic12";
  if (/^\d{8}$/.test(number)) return "rail1520";
  if (CONTAINER.test(number)) return "iso6346";
  return "plate";
}

/**
 * Luhn with weights 2-1-2-1… starting with 2 on the first (leftmost) digit;
 * products of 10 or more count as the sum of their two digits. Returns
 * (10 − S mod 10) mod 10. Throws RangeError unless given one or more digits.
 */
export function luhnCheckDigit(payloadDigits: string): number {
  if (!/^\d+$/.test(payloadDigits)) {
    throw new RangeError(`luhnCheckDigit expects digits only, got ${JSON.stringify(payloadDigits)}`);
  }
  let sum = 0;
  for (let i = 0; i < payloadDigits.length; i++) {
    const product = (payloadDigits.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    sum += product >= 10 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/** ISO 6346 letter values: A = 10 upwards, skipping multiples of 11 (A10 B12 … L23 … V34 … Z38). */
const LETTER_VALUES: ReadonlyMap<string, number> = (() => {
  const values = new Map<string, number>();
  let value = 10;
  for (const letter of "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
    if (value % 11 === 0) value++;
    values.set(letter, value++);
  }
  return values;
})();

/**
 * The ISO 6346 remainder (0–10) of the first 10 characters: Σ value(cᵢ)·2ⁱ mod 11.
 * Throws RangeError unless given exactly 10 characters from A–Z and 0–9.
 */
export function iso6346Remainder(first10: string): number {
  if (!/^[A-Z0-9]{10}$/.test(first10)) {
    throw new RangeError(`iso6346Remainder expects 10 characters A-Z/0-9, got ${JSON.stringify(first10)}`);
  }
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = first10.charAt(i);
    const value = c >= "0" && c <= "9" ? c.charCodeAt(0) - 48 : (LETTER_VALUES.get(c) ?? 0);
    sum += value * 2 ** i;
  }
  return sum % 11;
}

/** The ISO 6346 check digit: the remainder mod 11, with a remainder of 10 written as 0. */
export function iso6346CheckDigit(first10: string): number {
  return iso6346Remainder(first10) % 10;
}

const KINDS_1520: Readonly<Record<string, string>> = {
  "2": "covered",
  "3": "special",
  "4": "flatcar",
  "5": "own",
  "6": "gondola",
  "7": "tank",
  "8": "refrigerated",
  "9": "special",
};

/** Wagon kind from digit 1 of an 8-digit 1520 mm number; undefined if not 8 digits or no freight kind (0, 1). */
export function railWagonKind1520(number: string): string | undefined {
  const n = normaliseUnitNumber(number);
  return /^\d{8}$/.test(n) ? KINDS_1520[n.charAt(0)] : undefined;
}

/** Plates: collapse whitespace, upper-case (NFC first so composed and decomposed letters agree). */
function normalisePlate(raw: string): string {
  return raw.normalize("NFC").replace(/\s+/gu, " ").trim().toUpperCase();
}

/** Cyrillic and Greek capitals drawn like a Latin one (plates use just these: Russia's 12 letters are А В Е К М Н О Р С Т У Х). */
const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  ...Object.fromEntries([..."АВЕКМНОРСТУХЅІЈ"].map((c, i) => [c, "ABEKMHOPCTYXSIJ"[i]!])),
  ...Object.fromEntries([..."ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"].map((c, i) => [c, "ABEZHIKMNOPTYX"[i]!])),
};

/**
 * What a plate looks like, for telling whether two plates are the same vehicle: compatibility
 * forms folded (full-width "Ａ１" is "A1"), upper-cased, look-alike Cyrillic and Greek letters
 * read as the Latin ones, and spaces and hyphens dropped. "А 123 ВС-77" (Cyrillic) and
 * "A123BC77" have one skeleton. Not a display form: the plate is kept as it was registered.
 */
export function plateSkeleton(plate: string): string {
  return [...plate.normalize("NFKC").toUpperCase()]
    .map((c) => LATIN_LOOKALIKES[c] ?? c)
    .join("")
    .replace(SEPARATORS, "");
}

/** Display form: "21 81 2471 217-3", "24073082", "CSQU 305438 3"; unchanged (normalised) if the shape does not fit. */
export function formatUnitNumber(number: string, scheme: UnitScheme): string {
  if (scheme === "plate") return normalisePlate(number);
  const n = normaliseUnitNumber(number);
  if (scheme === "uic12" && /^\d{12}$/.test(n)) {
    return `${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 8)} ${n.slice(8, 11)}-${n.slice(11)}`;
  }
  if (scheme === "iso6346" && /^[A-Z]{4}\d{7}$/.test(n)) return `${n.slice(0, 4)} ${n.slice(4, 10)} ${n.slice(10)}`;
  return n;
}

const CONFIRM = "if it reads exactly so, confirm it as read.";
const PLATE_MAX = 20;
const PLATE_CHARS = /^[\p{L}\p{M}\p{Nd} -]+$/u;

const malformed = (scheme: UnitScheme, number: string, message: string): UnitNumberCheck => ({
  status: "malformed",
  scheme,
  number,
  message,
});

/** Distinct offending characters, quoted for a message: "O", "I". */
const listChars = (text: string, allowed: RegExp): string =>
  [...new Set([...text].filter((c) => !allowed.test(c)))].map((c) => `"${c}"`).join(", ");

function checkWagon(raw: string, scheme: "uic12" | "rail1520"): UnitNumberCheck {
  const number = normaliseUnitNumber(raw);
  const length = scheme === "uic12" ? 12 : 8;
  const shape = `${scheme === "uic12" ? "a UIC wagon number" : "a 1520 mm freight wagon number"} has ${length} digits`;
  const lead = `Wagon number ${JSON.stringify(raw.trim())} does not look right: ${shape}`;
  if (!/^\d*$/.test(number)) {
    const bad = listChars(number, /\d/);
    const hint = /[OI]/.test(number) ? " (O and I are often misread 0 and 1)" : "";
    return malformed(scheme, number, `${lead} and nothing else, but it contains ${bad}${hint}.`);
  }
  if (number.length !== length) return malformed(scheme, number, `${lead}; got ${number.length}.`);
  const payload = number.slice(0, -1);
  const found = number.slice(-1);
  const expected = String(luhnCheckDigit(payload));
  if (found === expected) return { status: "valid", scheme, number };
  const shown = formatUnitNumber(number, scheme);
  const digits = scheme === "uic12" ? shown.slice(0, -2) : payload;
  const message =
    `Wagon number ${shown} fails its check digit: with digits ${digits} the check digit should be ${expected}, ` +
    `not ${found}. Check the number on the wagon; ${CONFIRM}`;
  return { status: "bad-check-digit", scheme, number, expected, found, message };
}

function checkContainer(raw: string): UnitNumberCheck {
  const scheme = "iso6346";
  const number = normaliseUnitNumber(raw);
  const lead = `Container number ${JSON.stringify(raw.trim())} does not look right: `;
  if (number.length !== 11) {
    const shape =
      "an ISO 6346 container number has 11 characters (4 letters, 6 digits and a check digit, e.g. CSQU 305438 3)";
    return malformed(scheme, number, `${lead}${shape}; got ${number.length}.`);
  }
  const letters = number.slice(0, 4);
  if (!/^[A-Z]{4}$/.test(letters)) {
    const hint = /[^\x00-\x7F]/.test(letters)
      ? " (Cyrillic look-alikes such as С, А, К must be retyped as Latin letters)"
      : "";
    return malformed(
      scheme,
      number,
      `${lead}it must start with 4 Latin letters (owner code and category letter), got ${letters}${hint}.`,
    );
  }
  const category = number.charAt(3);
  if (!"UJZ".includes(category)) {
    const message = `${lead}the 4th letter is the equipment category and must be U (freight container), J (detachable equipment) or Z (trailer or chassis); got ${category}.`;
    return malformed(scheme, number, message);
  }
  const tail = number.slice(4);
  if (!/^\d{7}$/.test(tail)) {
    return malformed(
      scheme,
      number,
      `${lead}the 4 letters must be followed by 6 serial digits and a check digit, got ${tail}.`,
    );
  }
  const remainder = iso6346Remainder(number.slice(0, 10));
  const expected = String(remainder % 10);
  const found = number.charAt(10);
  if (found === expected) return { status: "valid", scheme, number };
  const ambiguity =
    remainder === 10
      ? " (The calculation leaves remainder 10, which ISO 6346 writes as 0; owners are advised not to issue such numbers, so a 0 check digit here is slightly ambiguous.)"
      : "";
  const message =
    `Container number ${formatUnitNumber(number, scheme)} fails its check digit: with ${number.slice(0, 4)} ${number.slice(4, 10)} ` +
    `the check digit should be ${expected}, not ${found}.${ambiguity} Check the number on the container; ${CONFIRM}`;
  return { status: "bad-check-digit", scheme, number, expected, found, message };
}

function checkPlate(raw: string): UnitNumberCheck {
  const number = normalisePlate(raw);
  const length = [...number].length;
  if (length === 0)
    return malformed("plate", number, "No plate number given: a vehicle plate needs at least 1 character.");
  if (length > PLATE_MAX) {
    return malformed(
      "plate",
      number,
      `Plate ${JSON.stringify(number)} is too long: a vehicle plate has at most ${PLATE_MAX} characters; got ${length}.`,
    );
  }
  if (!PLATE_CHARS.test(number)) {
    const bad = listChars(number, /[\p{L}\p{M}\p{Nd} -]/u);
    return malformed(
      "plate",
      number,
      `Plate ${JSON.stringify(number)} may contain only letters, digits, spaces and hyphens, but it contains ${bad}.`,
    );
  }
  return { status: "unchecked", scheme: "plate", number };
}

/**
 * Checks a transport-unit number against its scheme (detected from its shape
 * when not given). An explicit scheme makes a wrong shape "malformed"; without
 * one, anything that is not a wagon or container number is treated as a plate.
 */
export function checkUnitNumber(raw: string, scheme?: UnitScheme): UnitNumberCheck {
  const s = scheme ?? detectScheme(raw);
  switch (s) {
    case "uic12":
    case "rail1520":
      return checkWagon(raw, s);
    case "iso6346":
      return checkContainer(raw);
    case "plate":
      return checkPlate(raw);
  }
}
