// Needs per neighbourhood and item, as a matrix an officer reads at a glance; planners enter
// one need or import a sheet (CSV/XLSX). Counts of households and people only — no names.
import { useMemo } from "react";
import { nameIn } from "../../app/names.ts";
import { useNeeds } from "../../api/allocation.ts";
import { useItems, useLocations } from "../../api/catalogue.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { Loading, PageHeader, Panel, QueryError } from "../../app/ui.tsx";
import type { PageProps } from "../../app/page-props.ts";
import { canPlan } from "../../app/permissions.ts";
import { AllocationTabs } from "./AllocationTabs.tsx";
import { NeedForm } from "./NeedForm.tsx";
import { NeedsImport } from "./NeedsImport.tsx";
import "./allocation.css";

export default function NeedsPage({ op, role }: PageProps) {
  const { t, number, uom, language } = useI18n();
  const day = (iso: string) =>
    new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
  const needs = useNeeds(op);
  const locations = useLocations(op);
  const items = useItems(op);
  const placeName = (code: string) =>
    ((n) => (n ? nameIn(n, language) : code))(locations.data?.find((l) => l.code === code));
  const item = (code: string) => items.data?.find((i) => i.code === code);
  const matrix = useMemo(() => {
    const rows = new Map<
      string,
      { households: number; people: number; sources: Set<string>; cells: Map<string, string> }
    >();
    for (const n of needs.data ?? []) {
      const row = rows.get(n.neighbourhood) ?? {
        households: 0,
        people: 0,
        sources: new Set<string>(),
        cells: new Map<string, string>(),
      };
      // Households and people are per neighbourhood; each item's row repeats them, so take the largest.
      row.households = Math.max(row.households, n.households ?? 0);
      row.people = Math.max(row.people, n.people ?? 0);
      row.sources.add(`${n.source}, ${day(n.assessedOn)}`);
      row.cells.set(n.item, n.quantity);
      rows.set(n.neighbourhood, row);
    }
    const columns = [...new Set((needs.data ?? []).map((n) => n.item))].sort();
    return { rows: [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)), columns };
  }, [needs.data, language]);
  const totals = matrix.rows.reduce(
    (sum, [, r]) => ({ households: sum.households + r.households, people: sum.people + r.people }),
    { households: 0, people: 0 },
  );
  const planner = canPlan(role);

  return (
    <>
      <PageHeader title={t("needs.title")} intro={t("needs.intro")} />
      <AllocationTabs op={op} current="needs" />
      {needs.isPending && <Loading />}
      {needs.isError && <QueryError error={needs.error} retry={() => needs.refetch()} />}
      {needs.data && (
        <>
          <section className="kpis" aria-label={t("needs.summary")}>
            <div className="kpi">
              <span className="kpi-label">{t("needs.neighbourhoods")}</span>
              <span className="kpi-value">{number(matrix.rows.length)}</span>
              <span className="kpi-note">{t("needs.needsCount", { count: needs.data.length })}</span>
            </div>
            <div className="kpi">
              <span className="kpi-label">{t("needs.households")}</span>
              <span className="kpi-value">{number(totals.households)}</span>
              <span className="kpi-note">{t("needs.countsOnly")}</span>
            </div>
            <div className="kpi">
              <span className="kpi-label">{t("needs.people")}</span>
              <span className="kpi-value">{number(totals.people)}</span>
              <span className="kpi-note">{t("needs.countsOnly")}</span>
            </div>
          </section>
          <Panel id="needs-table-title" title={t("needs.byNeighbourhood")} className="panel-flush">
            {matrix.rows.length === 0 ? (
              <p className="muted">{t("needs.none")}</p>
            ) : (
              <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="needs-table-title">
                <table className="table" data-testid="needs-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("needs.neighbourhood")}</th>
                      {matrix.columns.map((c) => (
                        <th key={c} scope="col" className="num">
                          {((n) => (n ? nameIn(n, language) : c))(item(c)).split(/[,(]/)[0]!.trim()}
                          <span className="th-unit">{uom(item(c)?.uom ?? "")}</span>
                        </th>
                      ))}
                      <th scope="col" className="num">
                        {t("needs.households")}
                      </th>
                      <th scope="col" className="num">
                        {t("needs.people")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {matrix.rows.map(([code, row]) => (
                      <tr key={code}>
                        <th scope="row">
                          <span className="cell-title">{placeName(code)}</span>
                          <span className="cell-sub">{[...row.sources].join("; ")}</span>
                        </th>
                        {matrix.columns.map((c) => (
                          <td key={c} className="num">
                            {row.cells.has(c) ? number(row.cells.get(c)!) : "—"}
                          </td>
                        ))}
                        <td className="num">{number(row.households)}</td>
                        <td className="num">{number(row.people)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Panel>
        </>
      )}
      {planner ? (
        <div className="two-up">
          <NeedForm op={op} />
          <NeedsImport op={op} />
        </div>
      ) : (
        <p className="notice notice-info">{t("needs.readOnly")}</p>
      )}
    </>
  );
}
