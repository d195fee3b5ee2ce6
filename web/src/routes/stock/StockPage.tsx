// Balances by location and item, filtered on the client; filters live in the URL so a
// filtered view can be linked to (the dashboard links to its hub's stock).
import { nameIn } from "../../app/names.ts";
import { useMemo } from "react";
import { useItems, useLocations } from "../../api/catalogue.ts";
import { useStock } from "../../api/stock.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import type { MessageKey } from "../../i18n/en.ts";
import { useUrlFilters } from "../../app/router.tsx";
import { Loading, PageHeader, QueryError } from "../../app/ui.tsx";
import type { PageProps } from "../../app/page-props.ts";

const VIRTUAL = new Set(["donor", "transit", "loss", "recipients"]);

export default function StockPage({ op }: PageProps) {
  const { t, number, uom, language } = useI18n();
  const filters = useUrlFilters();
  const setFilter = filters.set;
  const location = filters.get("location");
  const item = filters.get("item");
  const kind = filters.get("kind");
  const virtual = filters.get("virtual") === "1";

  const stock = useStock(op);
  const locations = useLocations(op);
  const items = useItems(op);
  const byCode = useMemo(() => new Map((locations.data ?? []).map((l) => [l.code, l])), [locations.data]);
  const itemName = (code: string) =>
    ((n) => (n ? nameIn(n, language) : code))(items.data?.find((i) => i.code === code));
  const kindOf = (code: string) => byCode.get(code)?.kind ?? (code.startsWith("unit:") ? "transport-unit" : "");
  const rows = (stock.data ?? []).filter(
    (b) =>
      (!location || b.location === location) &&
      (!item || b.item === item) &&
      (!kind || kindOf(b.location) === kind) &&
      (virtual || location || !VIRTUAL.has(kindOf(b.location))),
  );
  const locationsWithStock = [...new Set((stock.data ?? []).map((b) => b.location))].sort();
  const kinds = [...new Set(locationsWithStock.map(kindOf).filter(Boolean))].sort();

  return (
    <>
      <PageHeader title={t("stock.title")} intro={t("stock.intro")} />
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t("stock.title")}>
        <div className="field">
          <label htmlFor="filter-location">{t("stock.filterLocation")}</label>
          <select id="filter-location" value={location} onChange={(e) => setFilter("location", e.target.value)}>
            <option value="">{t("stock.all")}</option>
            {locationsWithStock.map((code) => (
              <option key={code} value={code}>
                {((n) => (n ? nameIn(n, language) : code))(byCode.get(code))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-item">{t("stock.filterItem")}</label>
          <select id="filter-item" value={item} onChange={(e) => setFilter("item", e.target.value)}>
            <option value="">{t("stock.all")}</option>
            {(items.data ?? []).map((i) => (
              <option key={i.code} value={i.code}>
                {nameIn(i, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-kind">{t("stock.filterKind")}</label>
          <select id="filter-kind" value={kind} onChange={(e) => setFilter("kind", e.target.value)}>
            <option value="">{t("stock.all")}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-check">
          <input
            id="filter-virtual"
            type="checkbox"
            checked={virtual}
            onChange={(e) => setFilter("virtual", e.target.checked ? "1" : "")}
          />
          <label htmlFor="filter-virtual">{t("stock.includeVirtual")}</label>
        </div>
      </form>
      {stock.isPending && <Loading />}
      {stock.isError && <QueryError error={stock.error} retry={() => stock.refetch()} />}
      {stock.data && (
        <div className="panel">
          <p className="panel-meta" role="status">
            {t("stock.rows", { count: rows.length })}
          </p>
          {rows.length === 0 ? (
            <p className="muted panel-body">{t("stock.none")}</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t("stock.title")}>
              <table className="table" data-testid="stock-table">
                <thead>
                  <tr>
                    <th scope="col">{t("stock.location")}</th>
                    <th scope="col">{t("stock.item")}</th>
                    <th scope="col" className="num col-qty">
                      {t("stock.quantity")}
                    </th>
                    <th scope="col" className="col-unit">
                      {t("stock.unit")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((b) => (
                    <tr key={`${b.location}|${b.item}`}>
                      <td>
                        <span className="cell-title">
                          {((n) => (n ? nameIn(n, language) : b.location))(byCode.get(b.location))}
                        </span>
                        <span className="cell-sub">
                          {kindOf(b.location) ? t(`kind.${kindOf(b.location)}` as MessageKey) : b.location}
                        </span>
                      </td>
                      <td>
                        <span className="cell-title">{itemName(b.item)}</span>
                        <span className="cell-sub code">{b.item}</span>
                      </td>
                      <td className={`num col-qty ${b.quantity.startsWith("-") ? "negative" : ""}`}>
                        {number(b.quantity)}
                        <span className="uom-inline"> {uom(b.uom)}</span>
                      </td>
                      <td className="col-unit">{uom(b.uom)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </>
  );
}
