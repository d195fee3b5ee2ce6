// A press statement's text in the language asked for, and its figure table.
import { renderEnglish } from "./render-en.ts";
import { renderRussian } from "./render-ru.ts";
import type { Figure, PressFacts, PressLang } from "./statement.ts";

export function renderPress(facts: PressFacts, lang: PressLang): string {
  switch (lang) {
    case "en":
      return renderEnglish(facts);
    case "ru":
      return renderRussian(facts);
    default: {
      const never: never = lang;
      return never;
    }
  }
}

/** The figures as a plain-text table with each figure's query description, for the CLI and the text format. */
export function renderFigures(figures: readonly Figure[]): string {
  const width = Math.max(...figures.map((f) => f.id.length), 2);
  const lines = figures.map((f) => {
    const head = `${f.id.padEnd(width)}  ${f.value.padStart(6)} ${f.unitLabel.padEnd(8)} ${f.label}`;
    const note = f.note ? `\n${" ".repeat(width + 2)}! ${f.note}` : "";
    return `${head}\n${" ".repeat(width + 2)}from: ${f.query.description}${note}`;
  });
  return `${lines.join("\n")}\n`;
}
