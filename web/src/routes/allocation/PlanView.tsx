// One plan's figures: the guaranteed minimum, coverage per neighbourhood (chart + table), the
// constraints that bind and what more stock would raise the minimum most, and the solver's
// own explanation.
import { nameIn } from "../../app/names.ts";
import type { ReactNode } from "react";
import type { Plan } from "../../api/allocation.ts";
import type { Item, Location } from "../../api/types.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { Panel } from "../../app/ui.tsx";
import { CoverageChart, type CoverageBar } from "./CoverageChart.tsx";
import { percent } from "./format.ts";

const shortName = (name: string) => name.split(/[,(]/)[0]!.trim();

const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase() + text.slice(1);

export function PlanView({
  plan,
  locations,
  items,
  aside,
}: {
  plan: Plan;
  locations: Location[];
  items: Item[];
  aside?: ReactNode;
}) {
  const { t, number, uom, language, amount } = useI18n();
  const placeName = (code: string) => ((n) => (n ? nameIn(n, language) : code))(locations.find((l) => l.code === code));
  const item = (code: string) => items.find((i) => i.code === code);
  const itemName = (code: string) => shortName(((n) => (n ? nameIn(n, language) : code))(item(code)));
  const neighbourhoods = [...new Set(plan.lines.map((l) => l.neighbourhood))].sort();
  const columns = [...new Set(plan.lines.map((l) => l.item))].sort();
  const bars: CoverageBar[] = neighbourhoods.map((n) => {
    const lines = plan.lines.filter((l) => l.neighbourhood === n);
    return {
      key: n,
      label: placeName(n),
      lowest: Math.min(...lines.map((l) => l.coverage)),
      average: lines.reduce((s, l) => s + l.coverage, 0) / Math.max(1, lines.length),
    };
  });
  const raisers = plan.shadow.filter((s) => s.gainPerUnit > 1e-12);
  const binding = (b: Plan["binding"][number]) =>
    b.kind === "stock" && b.item
      ? t("plan.binding.stock", { item: itemName(b.item) })
      : b.kind === "weight"
        ? t("plan.binding.weight")
        : b.kind === "volume"
          ? t("plan.binding.volume")
          : b.constraint;

  return (
    <div className="plan-body">
      <section className="kpis" aria-label={t("plan.summary")}>
        <div className="kpi">
          <span className="kpi-label">{t("plan.minimum")}</span>
          <span className="kpi-value" data-testid="plan-minimum">
            {percent(language, plan.minCoverage)}
          </span>
          <span className="kpi-note">{t("plan.minimumNote")}</span>
        </div>
        <div className="kpi">
          <span className="kpi-label">{t("plan.topPriority")}</span>
          <span className="kpi-value">{percent(language, plan.fairShare)}</span>
          <span className="kpi-note">{t("plan.topPriorityNote")}</span>
        </div>
        <div className="kpi">
          <span className="kpi-label">{t("plan.statusLabel")}</span>
          <span className="kpi-value">
            <span className={`status-pill plan-${plan.status}`}>
              {t(plan.status === "approved" ? "plan.status.approved" : "plan.status.draft")}
            </span>
          </span>
          <span className="kpi-note">
            {plan.transport
              ? t("plan.transportNote", { trucks: plan.transport.trucks, trips: plan.transport.tripsPerTruck })
              : ""}
          </span>
        </div>
      </section>
      <div className="plan-grid">
        <Panel id="coverage-title" title={t("plan.coverage")}>
          <CoverageChart bars={bars} minimum={plan.minCoverage} title={t("plan.coverage")} />
        </Panel>
        <div className="plan-side">
          <Panel id="binding-title" title={t("plan.bindingTitle")}>
            {plan.binding.length === 0 ? (
              <p className="muted">{t("plan.bindingNone")}</p>
            ) : (
              <ul className="reasons">
                {plan.binding.map((b, i) => (
                  <li key={i} data-testid="binding">
                    {binding(b)}
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel id="raise-title" title={t("plan.raiseTitle")}>
            {raisers.length === 0 ? (
              <p data-testid="raise">
                {t("plan.raiseNone", {
                  limits: plan.binding.map((b) => lowerFirst(binding(b))).join(", ") || t("plan.binding.transport"),
                })}
              </p>
            ) : (
              <ol className="reasons" data-testid="raise">
                {raisers.slice(0, 3).map((s) => (
                  <li key={s.item}>
                    {t("plan.raiseItem", {
                      quantity: number(Math.ceil(0.01 / s.gainPerUnit)),
                      uom: uom(item(s.item)?.uom ?? ""),
                      item: itemName(s.item),
                    })}
                  </li>
                ))}
              </ol>
            )}
          </Panel>
          {aside}
        </div>
      </div>
      <Panel id="lines-title" title={t("plan.lines")} className="panel-flush">
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="lines-title">
          <table className="table" data-testid="plan-table">
            <caption className="visually-hidden">{t("plan.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("needs.neighbourhood")}</th>
                <th scope="col" className="num">
                  {t("plan.lowest")}
                </th>
                {columns.map((c) => (
                  <th key={c} scope="col" className="num">
                    {itemName(c)}
                    <span className="th-unit">{uom(item(c)?.uom ?? "")}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {bars.map((b) => (
                <tr key={b.key}>
                  <th scope="row">
                    <span className="cell-title">{b.label}</span>
                  </th>
                  <td className="num">
                    <strong>{percent(language, b.lowest)}</strong>
                  </td>
                  {columns.map((c) => {
                    const line = plan.lines.find((l) => l.neighbourhood === b.key && l.item === c);
                    return (
                      <td key={c} className="num">
                        {line ? (
                          <>
                            <span className="cell-title">
                              {amount(line.quantity, item(c)?.uom ?? "")} / {amount(line.needed, item(c)?.uom ?? "")}
                            </span>
                            <span className="cell-sub">{percent(language, line.coverage)}</span>
                          </>
                        ) : (
                          "—"
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
      <details className="panel explanation">
        <summary>{t("plan.explanation")}</summary>
        <ul lang="en">
          {plan.explanation.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
