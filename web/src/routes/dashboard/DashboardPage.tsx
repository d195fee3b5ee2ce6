// The operation's dashboard. The consignment's progress comes first (on a phone too: it is
// first in the page, not moved there by CSS), then the key figures, the hub's stock against
// assessed needs, coverage, and the recent events ordered by when they happened.
import { useDeferredValue } from "react";
import { useStock } from "../../api/stock.ts";
import { useRecentEvents } from "../../api/events.ts";
import { useOperation } from "../../api/operations.ts";
import { useNeeds } from "../../api/allocation.ts";
import { useLocations } from "../../api/catalogue.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { Link, opPath } from "../../app/router.tsx";
import { Loading, PageHeader, Panel, QueryError } from "../../app/ui.tsx";
import type { PageProps } from "../../app/page-props.ts";
import { canRecordArrivals } from "../../app/permissions.ts";
import { nameIn, short, useNames } from "../../app/names.ts";
import { StockBarChart } from "./StockBarChart.tsx";
import { RecentEvents } from "./RecentEvents.tsx";
import { ProgressPanel } from "./ProgressPanel.tsx";
import { useProgress } from "../../api/progress.ts";
import { CoveragePanel } from "./CoverageChart.tsx";
import { useLatestDay } from "../../api/latest-day.ts";
import { useOpenDiscrepancies } from "../../api/open-discrepancies.ts";
import { LiveBadge } from "../../app/LiveBadge.tsx";

export function DashboardPage({ op, role, timeZone }: PageProps) {
  const { t, number, dateTime, maybe, language } = useI18n();
  // The headline figures first: the other panels ask once progress is in (the embedded
  // database answers one query at a time, so order decides what appears first).
  const progress = useProgress(op);
  const secondary = !progress.isPending;
  const operation = useOperation(op);
  const locations = useLocations(op, secondary);
  const names = useNames(op, secondary);
  const stock = useStock(op, secondary);
  const needs = useNeeds(op, secondary);
  const recent = useRecentEvents(op, 7, secondary);
  const today = useLatestDay(op, secondary);
  const discrepancies = useOpenDiscrepancies(op, secondary);
  // The first paint carries the headline; charts and lists follow in a second, interruptible
  // render (React paints in between), so they never hold the figures back.
  const settled = useDeferredValue(true, false);
  const hubs = (locations.data ?? []).filter((l) => l.kind === "hub-warehouse");
  const lastEvent = recent.data?.[0];
  const hubItems = new Set(
    (stock.data ?? [])
      .filter((b) => hubs.some((h) => h.code === b.location) && Number(b.quantity) !== 0)
      .map((b) => b.item),
  );
  // The chart's scale only (a share drawn as a bar): a float sum is precise enough here.
  const needOf = (item: string) => {
    const rows = (needs.data ?? []).filter((n) => n.item === item);
    return rows.length === 0 ? null : String(rows.reduce((sum, n) => sum + Number(n.quantity), 0));
  };

  // The three commonest kinds, then the rest as "other", so the parts add up to the total.
  const dayBreakdown = (byType: { type: string; count: number }[]) => {
    const parts = byType.slice(0, 3).map((e) => `${maybe(`event.${e.type}`, e.type)} ${number(e.count)}`);
    const rest = byType.slice(3).reduce((n, e) => n + e.count, 0);
    return [...parts, ...(rest > 0 ? [`${t("today.otherTypes")} ${number(rest)}`] : [])].join(" · ");
  };

  return (
    <>
      <PageHeader
        title={t("dashboard.title")}
        intro={operation.data ? nameIn(operation.data, language) : undefined}
        actions={
          <>
            <LiveBadge />
            {canRecordArrivals(role) && (
              <Link className="button button-primary" to={opPath(op, "record")}>
                {t("dashboard.record")}
              </Link>
            )}
          </>
        }
      />
      <div className="dashboard-progress">
        <ProgressPanel
          op={op}
          {...(operation.data && {
            asOf: {
              seq: operation.data.lastSeq,
              ...(lastEvent && { time: dateTime(lastEvent.event.eventTime, timeZone) }),
            },
          })}
        />
      </div>
      <section className="kpis" aria-label={t("dashboard.ledger")}>
        <div className="kpi">
          <span className="kpi-label">{t("dashboard.ledger")}</span>
          <span className="kpi-value">
            {operation.data ? t("dashboard.ledgerHead", { seq: operation.data.lastSeq }) : "—"}
          </span>
          <span className="kpi-note">{lastEvent ? dateTime(lastEvent.event.eventTime, timeZone) : ""}</span>
        </div>
        <div className="kpi">
          <span className="kpi-label">{t("dashboard.hubStock")}</span>
          <span className="kpi-value">{stock.data ? t("dashboard.itemsInStock", { count: hubItems.size }) : "—"}</span>
          <span className="kpi-note">{hubs.map((h) => short(nameIn(h, language))).join(", ")}</span>
        </div>
        <div className="kpi" data-testid="kpi-today">
          <span className="kpi-label">
            {today.data ? t("today.label", { day: dayLabel(today.data.day, language) }) : t("today.title")}
          </span>
          <span className="kpi-value">
            {today.data ? t("today.events", { count: today.data.total }) : today.isSuccess ? t("today.none") : "—"}
          </span>
          <span className="kpi-note">{today.data ? dayBreakdown(today.data.byType) : ""}</span>
        </div>
        <div
          className={`kpi ${discrepancies.data && discrepancies.data.length > 0 ? "kpi-attention" : ""}`}
          data-testid="kpi-discrepancies"
        >
          <span className="kpi-label">{t("dashboard.discrepancies")}</span>
          <span className="kpi-value">
            {discrepancies.data ? t("dashboard.openDiscrepancies", { count: discrepancies.data.length }) : "—"}
          </span>
          <span className="kpi-note">
            <Link to={opPath(op, "discrepancies")}>{t("dashboard.viewDiscrepancies")} →</Link>
          </span>
        </div>
      </section>
      <div className="dashboard-grid">
        <div className="dashboard-main">
          {(locations.isPending || stock.isPending || !settled) && <Loading />}
          {stock.isError && <QueryError error={stock.error} retry={() => stock.refetch()} />}
          {locations.isSuccess && hubs.length === 0 && (
            <Panel id="hub-none" title={t("dashboard.hubStock")}>
              <p className="muted">{t("dashboard.noHub")}</p>
            </Panel>
          )}
          {settled &&
            stock.data &&
            hubs.map((hub) => {
              const hubName = short(nameIn(hub, language));
              const bars = stock.data
                .filter((b) => b.location === hub.code && Number(b.quantity) !== 0)
                .map((b) => ({
                  item: b.item,
                  label: short(names.item(b.item)),
                  quantity: b.quantity,
                  uom: b.uom,
                  need: needOf(b.item),
                }));
              return (
                <Panel
                  key={hub.code}
                  id={`hub-${hub.code}`}
                  title={t("figures.hubChart", { hub: hubName })}
                  footer={
                    <Link to={`${opPath(op, "stock")}?location=${encodeURIComponent(hub.code)}`}>
                      {t("dashboard.viewAllStock")} →
                    </Link>
                  }
                >
                  {bars.length === 0 ? (
                    <p className="muted">{t("dashboard.noStock")}</p>
                  ) : (
                    <>
                      <StockBarChart bars={bars} title={t("figures.hubChart", { hub: hubName })} />
                      <table className="visually-hidden" data-testid={`hub-stock-${hub.code}`}>
                        <caption className="visually-hidden">{t("dashboard.hubStockAt", { hub: hubName })}</caption>
                        <thead>
                          <tr>
                            <th scope="col">{t("stock.item")}</th>
                            <th scope="col" className="num">
                              {t("stock.quantity")}
                            </th>
                          </tr>
                        </thead>
                        <tbody>
                          {bars.map((b) => (
                            <tr key={b.item}>
                              <th scope="row">
                                <span className="code">{b.item}</span> {b.label}
                              </th>
                              <td className="num">
                                {number(b.quantity)} <UomLabel code={b.uom} />
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </>
                  )}
                </Panel>
              );
            })}
          {settled && <CoveragePanel op={op} enabled={secondary} />}
        </div>
        <Panel id="recent-title" title={t("dashboard.recent")} className="dashboard-side">
          {(recent.isPending || !settled) && <Loading />}
          {recent.isError && <QueryError error={recent.error} retry={() => recent.refetch()} />}
          {settled && recent.data && <RecentEvents events={recent.data} names={names} timeZone={timeZone} />}
        </Panel>
      </div>
    </>
  );
}

/** A calendar day (YYYY-MM-DD) in the reader's language, e.g. "19 Dec 2020". */
function dayLabel(day: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

function UomLabel({ code }: { code: string }) {
  const { uom } = useI18n();
  return <span className="uom">{uom(code)}</span>;
}
