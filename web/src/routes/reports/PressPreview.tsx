// One language's press statement: the text with its ledger figures marked, and beside it
// every figure with the query that produced it.
import { Fragment } from "react";
import { usePressStatement, type ReportLanguage } from "../../api/reports.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { LANGUAGES } from "../../i18n/i18n.tsx";
import { Loading, QueryError } from "../../app/ui.tsx";
import { highlightFigures } from "./highlight.ts";

export function PressPreview({ op, date, lang }: { op: string; date: string; lang: ReportLanguage }) {
  const { t } = useI18n();
  // The figures belong to the statement: written in its language, whatever the page's.
  // A ratio (the plan's lowest coverage, 0.3444) reads as the percentage the plan page shows (34.4 %).
  const formatIn = (value: string, unit: string) =>
    unit === "ratio"
      ? new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 }).format(Number(value))
      : new Intl.NumberFormat(lang, { maximumFractionDigits: 6 }).format(value as unknown as number);
  const statement = usePressStatement(op, date, lang);
  if (statement.isPending) return <Loading />;
  if (statement.isError) return <QueryError error={statement.error} retry={() => void statement.refetch()} />;
  const { text, figures } = statement.data;
  const anchor = (id: string) => `figure-${lang}-${id.replace(/[^\w-]/g, "-")}`;
  return (
    <article className="press-preview" lang={lang} aria-label={`${t("reports.press")}: ${LANGUAGES[lang]}`}>
      <h3>{LANGUAGES[lang]}</h3>
      <div className="press-text">
        {text.split(/\n{2,}/).map((paragraph, p) => (
          <p key={p}>
            {highlightFigures(paragraph, figures, lang).map((s, i) =>
              s.figure ? (
                <a
                  key={i}
                  className="figure-mark"
                  href={`#${anchor(s.figure)}`}
                  title={figures.find((f) => f.id === s.figure)?.label}
                >
                  {s.text}
                </a>
              ) : (
                <Fragment key={i}>{s.text}</Fragment>
              ),
            )}
          </p>
        ))}
      </div>
      <table className="figures">
        <caption>{t("reports.figures")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reports.figure")}</th>
            <th scope="col" className="num">
              {t("reports.value")}
            </th>
            <th scope="col">{t("reports.query")}</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => (
            <tr key={f.id} id={anchor(f.id)}>
              <th scope="row">{f.label}</th>
              <td className="num">
                {formatIn(f.value, f.unit)} {f.unitLabel}
              </td>
              <td>
                {f.query.description}
                {f.note && <p className="figure-note">{f.note}</p>}
                <details>
                  <summary>{t("reports.showQuery")}</summary>
                  <pre>{f.query.sql}</pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
