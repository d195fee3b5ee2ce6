// The claims checker on the Reports page: paste any text (a draft press release, a
// partner's sitrep, a news item), check it, and see each claim highlighted where it
// stands, with its verdict, the ledger's figure and the query behind it.
import { Fragment, useState, type ReactNode } from "react";
import type { Role } from "../../../../src/core/roles.ts";
import { useCheckClaims, useRecordClaim, type CheckedClaim, type ClaimsCheck } from "../../api/claims.ts";
import { ApiError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { Panel } from "../../app/ui.tsx";
import { pieces, spanTree, type SpanNode } from "./spans.ts";
import "./claims.css";

const RECORDERS: readonly Role[] = ["admin", "logistician", "press-officer"];
const anchor = (id: string) => `claim-${id}`;
const VERDICT = {
  supported: "claims.verdict.supported",
  contradicted: "claims.verdict.contradicted",
  "not-checkable": "claims.verdict.not-checkable",
} as const;

/** `today` is the operation's day: a text is checked as of a day up to it, never a day to come. */
export function ClaimsPanel({ op, role, today }: { op: string; role: Role; today: string }) {
  const { t, language } = useI18n();
  const [text, setText] = useState("");
  const [date, setDate] = useState("");
  const check = useCheckClaims(op);
  const problem = check.error instanceof ApiError ? check.error.detail : check.error ? String(check.error) : null;
  const submit = () => check.mutate({ text, lang: language, ...(date && { date }) });
  return (
    <Panel id="claims" title={t("claims.title")}>
      <p className="muted">{t("claims.intro")}</p>
      <form
        className="claims-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="field">
          <label htmlFor="claims-text">{t("claims.text")}</label>
          <textarea
            id="claims-text"
            rows={8}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t("claims.placeholder")}
          />
        </div>
        <div className="filters">
          <div className="field">
            <label htmlFor="claims-date">{t("claims.date")}</label>
            <input
              id="claims-date"
              type="date"
              value={date}
              max={today}
              onChange={(e) => setDate(e.target.value)}
              aria-describedby="claims-date-help"
            />
            <small id="claims-date-help" className="muted">
              {t("claims.dateHelp")}
            </small>
          </div>
          <button type="submit" className="button button-primary" disabled={check.isPending || text.trim() === ""}>
            {check.isPending ? t("claims.checking") : t("claims.check")}
          </button>
        </div>
      </form>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {check.data && <ClaimsResult op={op} role={role} text={check.variables?.text ?? text} result={check.data} />}
    </Panel>
  );
}

function ClaimsResult({ op, role, text, result }: { op: string; role: Role; text: string; result: ClaimsCheck }) {
  const { t } = useI18n();
  const byId = new Map(result.claims.map((c) => [c.claim.id, c]));
  const tree = spanTree(
    text.length,
    result.claims.map((c) => ({ id: c.claim.id, ...c.claim.span })),
  );
  const render = (node: SpanNode): ReactNode =>
    pieces(node).map((p, i) => {
      if ("text" in p) return <Fragment key={i}>{text.slice(p.text[0], p.text[1])}</Fragment>;
      const c = byId.get(p.node.claim!)!;
      return (
        <mark
          key={i}
          className={`claim-mark claim-${c.verdict}`}
          data-claim={c.claim.id}
          title={`${t(VERDICT[c.verdict])}: ${c.reading}`}
        >
          {render(p.node)}
          <sup>
            <a href={`#${anchor(c.claim.id)}`} aria-label={`${t(VERDICT[c.verdict])}: ${c.claim.quote}`}>
              {c.claim.id.slice(1)}
            </a>
          </sup>
        </mark>
      );
    });
  return (
    <section className="claims-result" aria-label={t("claims.result")}>
      <p className="claims-summary" role="status">
        {result.claims.length === 0
          ? t("claims.none")
          : t("claims.summary", {
              supported: result.counts.supported,
              contradicted: result.counts.contradicted,
              notCheckable: result.counts.notCheckable,
            })}{" "}
        {result.asOf
          ? t("claims.asOfTime", { date: result.date, time: result.asOf, seq: result.ledger.seq })
          : t("claims.asOf", { date: result.date, seq: result.ledger.seq })}
      </p>
      <div className="claims-text">{render(tree)}</div>
      <ol className="claims-list">
        {result.claims.map((c) => (
          <ClaimRow key={c.claim.id} op={op} role={role} claim={c} />
        ))}
      </ol>
    </section>
  );
}

function ClaimRow({ op, role, claim: c }: { op: string; role: Role; claim: CheckedClaim }) {
  const { t, number, uom } = useI18n();
  const record = useRecordClaim(op);
  const mayRecord = RECORDERS.includes(role) && c.record !== undefined;
  const failed = record.error instanceof ApiError ? record.error.detail : record.error ? String(record.error) : null;
  return (
    <li id={anchor(c.claim.id)} className={`claim-row row-${c.verdict}`}>
      <p>
        <span className={`verdict verdict-${c.verdict}`}>{t(VERDICT[c.verdict])}</span> <q>{c.claim.quote}</q>
      </p>
      <p>{c.explanation}</p>
      {c.figure && (
        <p className="claim-figure">
          {t("claims.ledger")}:{" "}
          <strong>
            {number(c.figure.value)} {uom(c.figure.unit)}
          </strong>{" "}
          — {c.figure.label}
        </p>
      )}
      {c.discrepancies.length > 0 && (
        <details>
          <summary>{t("claims.discrepancies", { count: c.discrepancies.length })}</summary>
          <ul>
            {c.discrepancies.map((d) => (
              <li key={d.id}>{d.explanation}</li>
            ))}
          </ul>
        </details>
      )}
      {[c.figure, ...c.figures]
        .filter((f) => f !== undefined)
        .map((f) => (
          <details key={f!.id}>
            <summary>{t("claims.query", { label: f!.label })}</summary>
            <p>{f!.query.description}</p>
            <pre>{f!.query.sql}</pre>
          </details>
        ))}
      {mayRecord && (
        <p>
          <button
            type="button"
            className="button"
            disabled={record.isPending || record.isSuccess}
            onClick={() =>
              record.mutate({ ...c.record!, source: t("claims.source", { quote: c.claim.quote.slice(0, 120) }) })
            }
          >
            {record.isSuccess ? t("claims.recorded") : t("claims.record")}
          </button>
        </p>
      )}
      {failed && (
        <p role="alert" className="error">
          {failed}
        </p>
      )}
    </li>
  );
}
