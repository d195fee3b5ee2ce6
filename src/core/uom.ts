// Units of measure as a reader sees them: UN/CEFACT Rec 20 codes (H87, MTQ, TNE) are for
// machines and exchange files; text shows a symbol in the reader's language (шт., м³, т),
// and a quantity with the precision that makes sense for its unit.

export type UomLang = "en" | "ru";

const SYMBOLS: Record<UomLang, Record<string, string>> = {
  en: {
    MTQ: "m³",
    MTK: "m²",
    MTR: "m",
    TNE: "t",
    KGM: "kg",
    LTR: "l",
    H87: "pcs",
    C62: "pcs",
    NAR: "pcs",
    PR: "pairs",
    NPR: "pairs",
    SET: "sets",
  },
  ru: {
    MTQ: "м³",
    MTK: "м²",
    MTR: "м",
    TNE: "т",
    KGM: "кг",
    LTR: "л",
    H87: "шт.",
    C62: "шт.",
    NAR: "шт.",
    PR: "пар",
    NPR: "пар",
    SET: "компл.",
  },
};

/** Every Rec 20 code with a symbol here: a text in either language should never show one of these. */
export const KNOWN_UOM_CODES: readonly string[] = Object.keys(SYMBOLS.en);

/** The symbol of a unit of measure in a language; an unknown code is shown as it is (it has no better name). */
export function uomSymbol(code: string, lang: UomLang): string {
  return SYMBOLS[lang][code] ?? code;
}

/**
 * How many decimals a quantity in this unit is worth showing where it is a plan or a
 * rounded figure (never in the ledger's own exact figures): 12.054 t reads 12.1 t.
 */
export function sensibleDecimals(code: string): number {
  switch (code) {
    case "TNE":
    case "MTQ":
      return 1;
    case "KGM":
    case "LTR":
    case "MTK":
    case "MTR":
    case "H87":
    case "C62":
    case "NAR":
    case "PR":
    case "NPR":
    case "SET":
      return 0;
    default:
      return 2;
  }
}
