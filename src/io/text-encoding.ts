// Reading the text of an imported file (CSV) whatever spreadsheet wrote it: UTF-8 with or
// without a byte-order mark, UTF-16 little- or big-endian (with a mark; Excel's "Unicode
// text"), or Windows-1251 (Excel's "CSV" on a Russian Windows). Anything else is refused
// with the encoding we believe we found, and nothing is decoded into U+FFFD: a wrong
// guess would store replacement characters where Cyrillic names were.
//
// Detection is honest rather than clever: a byte-order mark decides; otherwise valid
// UTF-8 is UTF-8 (an 8-bit Cyrillic text is practically never valid UTF-8); otherwise the
// bytes must read as Russian words in Windows-1251 — high bytes in runs, as whole words,
// mostly lower case — or the file is refused, naming what it looks like instead.

export type TextEncodingName = "UTF-8" | "UTF-16LE" | "UTF-16BE" | "Windows-1251";

export class TextEncodingError extends Error {}

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

const strict = (label: string) => new TextDecoder(label, { fatal: true, ignoreBOM: true });

export function decodeText(bytes: Uint8Array, what = "the file"): DecodedText {
  if (starts(bytes, [0xff, 0xfe, 0x00, 0x00]) || starts(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    throw new TextEncodingError(`${what} is UTF-32 text; save it as UTF-8 (or UTF-16) and import it again`);
  }
  if (starts(bytes, [0xef, 0xbb, 0xbf]))
    return { text: decodeWith("utf-8", bytes.subarray(3), what, "UTF-8"), encoding: "UTF-8" };
  if (starts(bytes, [0xff, 0xfe]))
    return { text: decodeWith("utf-16le", bytes.subarray(2), what, "UTF-16LE"), encoding: "UTF-16LE" };
  if (starts(bytes, [0xfe, 0xff]))
    return { text: decodeWith("utf-16be", bytes.subarray(2), what, "UTF-16BE"), encoding: "UTF-16BE" };
  const utf16 = utf16WithoutMark(bytes);
  if (utf16)
    throw new TextEncodingError(
      `${what} looks like ${utf16} text without a byte-order mark; save it as UTF-8 and import it again`,
    );
  try {
    return { text: strict("utf-8").decode(bytes), encoding: "UTF-8" };
  } catch {
    // Not UTF-8: Windows-1251 if it reads as Russian text, else refused below.
  }
  const verdict = eightBitVerdict(bytes);
  if (verdict === "Windows-1251")
    return { text: decodeWith("windows-1251", bytes, what, "Windows-1251"), encoding: "Windows-1251" };
  const at = firstInvalidUtf8(bytes);
  throw new TextEncodingError(
    `${what} is not UTF-8 (byte 0x${bytes[at]!.toString(16).padStart(2, "0")} at offset ${at}) and does not read as Windows-1251 Russian text; ` +
      `it looks like ${verdict}. Save it as UTF-8 ("CSV UTF-8" in Excel) and import it again`,
  );
}

function starts(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function decodeWith(label: string, bytes: Uint8Array, what: string, name: TextEncodingName): string {
  try {
    return strict(label).decode(bytes);
  } catch {
    throw new TextEncodingError(
      `${what} starts like ${name} but holds bytes that are not valid ${name}; save it again as UTF-8`,
    );
  }
}

/** "UTF-16LE" or "UTF-16BE" when every other byte of mostly ASCII text is zero. */
function utf16WithoutMark(bytes: Uint8Array): string | undefined {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return "UTF-16LE";
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return "UTF-16BE";
  return undefined;
}

/** Offset of the first byte that does not start or continue a UTF-8 sequence properly. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]!;
    const more =
      lead < 0x80
        ? 0
        : lead >= 0xc2 && lead <= 0xdf
          ? 1
          : lead >= 0xe0 && lead <= 0xef
            ? 2
            : lead >= 0xf0 && lead <= 0xf4
              ? 3
              : -1;
    if (more < 0) return i;
    for (let k = 1; k <= more; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += more + 1;
  }
  return 0; // only overlong forms or surrogates, which the decoder refuses: point at the start
}

const isAsciiLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
/** Letters in Windows-1251: А–я (0xC0–0xFF), Ё (0xA8), ё (0xB8), and the Ukrainian/Belarusian ones. */
const isCp1251Letter = (b: number) =>
  b >= 0xc0 || [0xa8, 0xb8, 0xaa, 0xba, 0xaf, 0xbf, 0xb2, 0xb3, 0xa1, 0xa2, 0xa5, 0xb4].includes(b);
const isCp1251Lower = (b: number) => b >= 0xe0 || [0xb8, 0xba, 0xbf, 0xb3, 0xa2, 0xb4].includes(b);
/** Punctuation a Russian text may hold in Windows-1251: quotes, dashes, №, non-breaking space, ellipsis, bullet. */
const CP1251_PUNCTUATION = new Set([
  0x85, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0xa0, 0xab, 0xbb, 0xb9, 0xb0, 0xb1, 0xa9, 0xae, 0xa7, 0xb7,
]);

/**
 * Whether non-UTF-8 bytes read as Russian in Windows-1251: every high byte a Cyrillic
 * letter or common punctuation; letters in words of their own (a high byte between Latin
 * letters means a Western 8-bit encoding such as Windows-1252, where é and ü sit inside
 * Latin words); and, in longer texts, mostly lower case (KOI8-R puts the lower-case letters
 * where Windows-1251 has the capitals). Returns "Windows-1251", or what it looks like instead.
 */
export function eightBitVerdict(bytes: Uint8Array): "Windows-1251" | string {
  // KOI8-R keeps lower-case Cyrillic in 0xC0–0xDF, where Windows-1251 has the capitals.
  let upperHalf = 0;
  let lowerHalf = 0;
  for (const b of bytes) {
    if (b >= 0xe0) upperHalf++;
    else if (b >= 0xc0) lowerHalf++;
  }
  if (lowerHalf + upperHalf >= 20 && lowerHalf > 2 * upperHalf)
    return "KOI8-R (its lower-case letters sit where Windows-1251 has capitals)";
  let letters = 0;
  let lower = 0;
  let inLatinWords = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    if (isCp1251Letter(b)) {
      letters++;
      if (isCp1251Lower(b)) lower++;
      if (isAsciiLetter(bytes[i - 1] ?? 0) || isAsciiLetter(bytes[i + 1] ?? 0)) inLatinWords++;
    } else if (!CP1251_PUNCTUATION.has(b)) {
      return "an 8-bit encoding other than Windows-1251 (it holds bytes Russian text in Windows-1251 never has)";
    }
  }
  if (letters === 0) return "an 8-bit encoding with no letters Reliefline can recognise";
  if (inLatinWords > letters * 0.2)
    return "a Western European 8-bit encoding such as Windows-1252 or ISO-8859-1 (accented letters inside Latin words)";
  if (letters >= 20 && lower < letters * 0.35)
    return "an 8-bit encoding whose letters read as capitals in Windows-1251";
  return "Windows-1251";
}
