// One discrepancy: what kind, about what, the server's explanation, the evidence (event ids,
// the unit), its status history, and — for roles that may — explain, resolve or reopen.
import { useState } from "react";
import type { Discrepancy } from "../../api/discrepancies.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import type { MessageKey } from "../../i18n/en.ts";
import { Link } from "../../app/router.tsx";
import { StatusChangeForm } from "./StatusChangeForm.tsx";
import { Subject, shortId, unitPath } from "./subject.tsx";

type Target = "explained" | "resolved" | "open";

export function DiscrepancyCard({
  op,
  discrepancy: d,
  canAct,
  timeZone,
}: {
  op: string;
  discrepancy: Discrepancy;
  canAct: boolean;
  timeZone: string;
}) {
  const { t, dateTime, maybe } = useI18n();
  const [target, setTarget] = useState<Target | null>(null);
  const history = d.history ?? [];
  const actions: Target[] =
    d.status === "open"
      ? ["explained", "resolved"]
      : d.status === "explained"
        ? ["resolved", "open"]
        : d.status === "resolved"
          ? ["open"]
          : [];
  const unit = d.subject.startsWith("unit:") ? d.subject.slice(5) : null;
  const headingId = `d-${d.id}`;
  return (
    <article
      className={`discrepancy discrepancy-${d.status}`}
      aria-labelledby={headingId}
      data-testid="discrepancy"
      data-status={d.status}
      data-kind={d.kind}
    >
      <header className="discrepancy-head">
        <span className={`status-badge status-${d.status}`}>{t(`discrepancies.status.${d.status}` as MessageKey)}</span>
        <h2 id={headingId} className="discrepancy-kind">
          {maybe(`discrepancies.kind.${d.kind}`, d.kind)}
        </h2>
        <span className="discrepancy-subject">
          <Subject op={op} subject={d.subject} />
        </span>
        <span className="discrepancy-found">
          {t("discrepancies.found", { when: dateTime(d.firstFoundAt, timeZone) })}
        </span>
      </header>
      <p className="discrepancy-explanation" lang="en">
        {d.explanation}
      </p>
      <details className="discrepancy-details">
        <summary>{t("discrepancies.evidenceAndHistory", { count: d.evidence.length })}</summary>
        <div className="discrepancy-detail-grid">
          <section>
            <h3>{t("discrepancies.evidence")}</h3>
            {unit && (
              <p>
                <Link to={unitPath(op, unit)}>{t("discrepancies.openUnit", { unit })}</Link>
              </p>
            )}
            <ul className="evidence">
              {d.evidence.map((e) => (
                <li key={e}>
                  <span className="visually-hidden">{t("discrepancies.event")} </span>
                  <code className="code" title={e}>
                    {shortId(e)}
                  </code>
                </li>
              ))}
            </ul>
          </section>
          <section>
            <h3>{t("discrepancies.history")}</h3>
            <ol className="history">
              {history.map((h, i) => (
                <li key={i}>
                  <span className={`status-dot status-${h.status}`} aria-hidden="true" />
                  <div>
                    <p>
                      <strong>{t(`discrepancies.status.${h.status}` as MessageKey)}</strong> ·{" "}
                      <time dateTime={h.at}>{dateTime(h.at, timeZone)}</time> · {h.by ?? t("discrepancies.bySystem")}
                    </p>
                    <p className="history-note">{h.note}</p>
                  </div>
                </li>
              ))}
            </ol>
          </section>
        </div>
      </details>
      {canAct &&
        actions.length > 0 &&
        (target ? (
          <StatusChangeForm op={op} discrepancy={d} target={target} onDone={() => setTarget(null)} />
        ) : (
          <div className="discrepancy-actions">
            {actions.map((a) => (
              <button
                key={a}
                type="button"
                className={`button ${a === "resolved" ? "button-primary" : ""}`}
                onClick={() => setTarget(a)}
                aria-describedby={headingId}
              >
                {t(`discrepancies.action.${a}`)}
              </button>
            ))}
          </div>
        ))}
    </article>
  );
}
