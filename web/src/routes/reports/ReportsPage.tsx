// Reports: the press statement for a day in both languages with every figure traced to
// its query, downloads of the situation report and the open-standard exports, and
// publishing to the public transparency view.
import { useState } from "react";
import { useLatestDay } from "../../api/latest-day.ts";
import { dayIn } from "../../../../src/core/calendar.ts";
import { downloads, usePublications, type PublishRequest, type ReportLanguage } from "../../api/reports.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { Loading, PageHeader, Panel } from "../../app/ui.tsx";
import type { PageProps } from "../../app/page-props.ts";
import { can } from "../../../../src/core/roles.ts";
import { PressPreview } from "./PressPreview.tsx";
import { PublishDialog } from "./PublishDialog.tsx";
import { ClaimsPanel } from "./ClaimsPanel.tsx";

/** YYYY-MM-DD of an instant in a time zone. */
const daysBefore = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** The page opens on the latest day that has events (by event time, not by when they were
 * recorded); until that is known it shows no date at all, rather than today's for a moment. */
export default function ReportsPage(props: PageProps) {
  const { t } = useI18n();
  const latest = useLatestDay(props.op);
  if (latest.isPending) {
    return (
      <>
        <PageHeader title={t("reports.title")} intro={t("reports.intro")} />
        <Loading />
      </>
    );
  }
  // Reports speak of days up to today in the operation's time zone; the server refuses days to come.
  const today = dayIn(props.timeZone, Date.now());
  const latestDay = latest.data?.day;
  const lastDay = latestDay && latestDay < today ? latestDay : today;
  return <ReportsOfDay {...props} lastDay={lastDay} today={today} />;
}

function ReportsOfDay({ op, role, timeZone, lastDay, today }: PageProps & { lastDay: string; today: string }) {
  const { t, dateTime, language } = useI18n();
  const [chosen, setChosen] = useState<string | null>(null);
  const date = chosen ?? lastDay;
  const [from, setFrom] = useState<string | null>(null);
  const periodFrom = from ?? daysBefore(date, 29);
  const publications = usePublications(op);
  const mayPublish = can(role, { kind: "publish" });
  const [publishing, setPublishing] = useState<PublishRequest | null>(null);
  const [done, setDone] = useState<number | null>(null);
  // The public page of an operation exists once something of it is published (and not withdrawn).
  const anyPublic = (publications.data ?? []).some((p) => !p.withdrawnAt);
  const ask = (request: PublishRequest) => {
    setDone(null);
    setPublishing(request);
  };

  return (
    <>
      <PageHeader title={t("reports.title")} intro={t("reports.intro")} />
      <div className="reports-stack">
        <Panel id="press" title={t("reports.press")}>
          <div className="filters">
            <div className="field">
              <label htmlFor="press-date">{t("reports.date")}</label>
              <input id="press-date" type="date" value={date} max={today} onChange={(e) => setChosen(e.target.value)} />
            </div>
          </div>
          <div className="press-columns">
            {(["en", "ru"] as ReportLanguage[]).map((lang) => (
              <PressPreview key={lang} op={op} date={date} lang={lang} />
            ))}
          </div>
        </Panel>

        <ClaimsPanel op={op} role={role} today={today} />

        <Panel id="downloads" title={t("reports.downloads")}>
          <div className="filters">
            <div className="field">
              <label htmlFor="sitrep-from">{t("reports.from")}</label>
              <input
                id="sitrep-from"
                type="date"
                value={periodFrom}
                max={date}
                onChange={(e) => setFrom(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="sitrep-to">{t("reports.to")}</label>
              <input id="sitrep-to" type="date" value={date} max={today} onChange={(e) => setChosen(e.target.value)} />
            </div>
          </div>
          <ul className="download-list">
            {(["en", "ru"] as ReportLanguage[]).map((lang) => (
              <li key={lang}>
                <a href={downloads.sitrep(op, periodFrom, date, lang, "pdf")} download>
                  {t("reports.sitrepPdf", { lang: lang.toUpperCase() })}
                </a>
                {" · "}
                <a href={downloads.sitrep(op, periodFrom, date, lang, "html")} target="_blank" rel="noreferrer">
                  HTML
                </a>
              </li>
            ))}
            <li>
              <a href={downloads.epcis(op)} download>
                {t("reports.epcis")}
              </a>
            </li>
            {["stock", "distributions"].map((table) => (
              <li key={table}>
                <a href={downloads.table(op, table, false)} download>
                  {t("reports.csv", { table })}
                </a>
                {" · "}
                <a href={downloads.table(op, table, true)} download>
                  HXL
                </a>
              </li>
            ))}
          </ul>
        </Panel>

        <Panel
          id="publish"
          title={t("reports.publications")}
          footer={
            anyPublic ? (
              <a href={downloads.publicPage(op, language)} target="_blank" rel="noreferrer">
                {t("figures.publicView")}
              </a>
            ) : (
              <span className="muted" data-testid="public-view-none">
                {t("figures.publicViewNone")}
              </span>
            )
          }
        >
          {mayPublish && (
            <div className="publish-actions">
              <button
                type="button"
                className="button button-primary"
                onClick={() => ask({ kind: "statement", date, lang: "ru" })}
              >
                {t("reports.publishStatement", { lang: "RU" })}
              </button>
              <button type="button" className="button" onClick={() => ask({ kind: "statement", date, lang: "en" })}>
                {t("reports.publishStatement", { lang: "EN" })}
              </button>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => ask({ kind: "snapshot", lang: language === "ru" ? "ru" : "en" })}
              >
                {t("reports.publishSnapshot")}
              </button>
            </div>
          )}
          <PublishDialog
            op={op}
            request={publishing}
            onClose={() => setPublishing(null)}
            onPublished={(n) => {
              setPublishing(null);
              setDone(n);
            }}
          />
          {done !== null && (
            <p role="status" className="publish-done">
              {t("figures.published")}
              {done > 0 ? ` (${t("figures.acknowledged", { count: done })})` : ""}
            </p>
          )}
          {publications.data && publications.data.length === 0 && <p>{t("reports.nothingPublished")}</p>}
          {publications.data && publications.data.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("reports.published")}</th>
                  <th scope="col">{t("reports.publication")}</th>
                  <th scope="col">{t("reports.ledgerAt")}</th>
                </tr>
              </thead>
              <tbody>
                {publications.data.map((p) => (
                  <tr key={p.id} className={p.withdrawnAt ? "withdrawn" : undefined}>
                    <td>{dateTime(p.publishedAt, timeZone)}</td>
                    <td lang={p.language}>
                      {p.title}
                      {p.withdrawnAt ? ` (${t("reports.withdrawn")})` : ""}
                      {p.acknowledgement && (
                        <span className="cell-sub" lang={language}>
                          {t("figures.acknowledged", { count: p.acknowledgement.discrepancies.length })}
                        </span>
                      )}
                    </td>
                    <td>
                      <code title={p.ledgerHash}>
                        #{p.ledgerSeq} · {p.ledgerHash.slice(0, 12)}…
                      </code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      </div>
    </>
  );
}
