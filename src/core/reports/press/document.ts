// The press statement as a report document (title block, the statement's paragraphs,
// then every figure with what it counts), so the renderers that draw the situation
// report also give the statement as PDF or HTML. Pure: the text and figures arrive
// already written; the ledger head and the time come as arguments.
import type { ReportDocument } from "../document.ts";
import { fill } from "../sitrep/labels.ts";
import { formatter } from "../sitrep/format.ts";
import type { Figure, PressLang } from "./statement.ts";
import type { LocalisedNames } from "../../names.ts";

const LABELS = {
  en: {
    title: "Press release",
    date: "Date",
    operation: "Operation",
    generated: "Generated",
    figures: "Figures in this statement and where they come from",
    figure: "Figure",
    value: "Value",
    source: "Counted by",
    footer: "Generated from the Reliefline ledger of {operation} at event {seq}, head hash {hash}",
    page: "Page {n} of {total}",
  },
  ru: {
    title: "Пресс-релиз",
    date: "Дата",
    operation: "Операция",
    generated: "Сформирован",
    figures: "Цифры этого релиза и их источник",
    figure: "Показатель",
    value: "Значение",
    source: "Как подсчитано",
    footer: "Сформировано по журналу Reliefline операции {operation} на событии № {seq}, хеш вершины {hash}",
    page: "Страница {n} из {total}",
  },
} as const;

export interface PressDocumentInput {
  operation: { code: string; name: string; timeZone: string; names?: LocalisedNames | undefined };
  date: string;
  lang: PressLang;
  text: string;
  figures: readonly Figure[];
  ledger: { seq: number; hash: string };
  generatedAt: string;
}

export function pressDocument(input: PressDocumentInput): ReportDocument {
  const L = LABELS[input.lang];
  const f = formatter(input.lang, input.operation.timeZone);
  // The first paragraph of the text is its own heading line ("Press release, 19 December 2020").
  const [, ...paragraphs] = input.text.trim().split(/\n{2,}/);
  return {
    lang: input.lang,
    title: L.title,
    subtitle: input.operation.names?.[input.lang]?.name ?? input.operation.name,
    meta: [
      { label: L.operation, value: input.operation.code },
      { label: L.date, value: f.day(input.date) },
      { label: L.generated, value: f.dateTime(input.generatedAt) },
    ],
    blocks: [
      ...paragraphs.map((text) => ({ kind: "paragraph" as const, text })),
      { kind: "heading", level: 2, text: L.figures },
      {
        kind: "table",
        columns: [
          { header: L.figure, align: "left" },
          { header: L.value, align: "right" },
          { header: L.source, align: "left" },
        ],
        rows: input.figures.map((fig) => [
          fig.label,
          `${/^-?\d+(\.\d+)?$/.test(fig.value) ? f.number(fig.value) : fig.value} ${fig.unitLabel}`.trim(),
          fig.note ? `${fig.query.description} — ${fig.note}` : fig.query.description,
        ]),
      },
    ],
    footer: fill(L.footer, { operation: input.operation.code, seq: input.ledger.seq, hash: input.ledger.hash }),
    pageLabel: L.page,
    generatedAt: input.generatedAt,
    fileName: `press-${input.operation.code}-${input.date}-${input.lang}`,
  };
}
