// The unit board: every rail car and truck as a row, filtered by state and kind and
// searched by number (filters live in the URL). Rows are virtualised, so 10,000 units
// scroll smoothly. /op/:op/units/:number opens one unit's page.
import { nameIn } from "../../app/names.ts";
import { useEffect, useMemo, useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { UNIT_STATUSES, useUnits, type UnitRow } from "../../api/units.ts";
import { useItems, useLocations } from "../../api/catalogue.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import type { MessageKey } from "../../i18n/en.ts";
import { Link, opPath, usePath, useUrlFilters } from "../../app/router.tsx";
import { Loading, PageHeader, QueryError } from "../../app/ui.tsx";
import { useWidth } from "../../app/use-width.ts";
import type { PageProps } from "../../app/page-props.ts";
import { LiveBadge } from "../../app/LiveBadge.tsx";
import { UNIT_KINDS } from "../../../../src/core/units.ts";
import UnitPage from "./UnitPage.tsx";
import "./units.css";

export default function UnitsPage(props: PageProps) {
  const path = usePath();
  const number = path.split("?")[0]!.split("/").filter(Boolean).map(decodeURIComponent)[3];
  return number ? <UnitPage {...props} number={number} /> : <UnitBoard {...props} />;
}

function UnitBoard({ op, timeZone }: PageProps) {
  const { t } = useI18n();
  const filters = useUrlFilters();
  const setFilter = filters.set;
  const state = filters.get("state");
  const kind = filters.get("kind");
  const query = filters.get("q");
  const units = useUnits(op);
  const needle = query.replace(/[\s-]/g, "").toUpperCase();
  const rows = useMemo(
    () => (units.data ?? []).filter((u) => (!state || u.status === state) && (!kind || u.kind === kind) && (!needle || u.unit.replace(/[\s-]/g, "").toUpperCase().includes(needle))),
    [units.data, state, kind, needle],
  );

  return (
    <>
      <PageHeader title={t("units.title")} intro={t("units.intro")} actions={<LiveBadge />} />
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()} aria-label={t("units.title")}>
        <div className="field">
          <label htmlFor="unit-search">{t("units.search")}</label>
          <input id="unit-search" type="search" inputMode="search" autoComplete="off" value={query} onChange={(e) => setFilter("q", e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="unit-state">{t("units.filterState")}</label>
          <select id="unit-state" value={state} onChange={(e) => setFilter("state", e.target.value)}>
            <option value="">{t("units.all")}</option>
            {UNIT_STATUSES.map((s) => <option key={s} value={s}>{t(`units.status.${s}` as MessageKey)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="unit-kind">{t("units.filterKind")}</label>
          <select id="unit-kind" value={kind} onChange={(e) => setFilter("kind", e.target.value)}>
            <option value="">{t("units.all")}</option>
            {UNIT_KINDS.map((k) => <option key={k} value={k}>{t(`units.kind.${k}` as MessageKey)}</option>)}
          </select>
        </div>
      </form>
      {units.isPending && <Loading />}
      {units.isError && <QueryError error={units.error} retry={() => units.refetch()} />}
      {units.data && (
        <div className="panel">
          <p className="panel-meta" role="status" data-testid="units-count">{t("units.shown", { count: rows.length })}</p>
          {rows.length === 0 ? <p className="muted panel-body">{t("units.none")}</p> : <VirtualBoard op={op} rows={rows} timeZone={timeZone} />}
        </div>
      )}
    </>
  );
}

function VirtualBoard({ op, rows, timeZone }: { op: string; rows: UnitRow[]; timeZone: string }) {
  const { t, number, uom, dateTime, language } = useI18n();
  const locations = useLocations(op);
  const items = useItems(op);
  const [sizer, width] = useWidth<HTMLDivElement>(1000);
  const narrow = width < 720;
  const scroller = useRef<HTMLDivElement>(null);
  const rowHeight = narrow ? 92 : 60;
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 12 });
  // Phones show each unit as a taller card: re-measure when the layout switches.
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  const place = (code: string | null) => (code ? ((n) => (n ? nameIn(n, language) : code))(locations.data?.find((l) => l.code === code)).split(/[,(]/)[0]!.trim() : "—");
  const itemName = (code: string) => ((n) => (n ? nameIn(n, language) : code))(items.data?.find((i) => i.code === code)).split(/[,(]/)[0]!.trim();
  const height = Math.min(rows.length * rowHeight, narrow ? 620 : 640);

  return (
    <div ref={sizer} className={`board ${narrow ? "board-narrow" : ""}`} role="table" aria-label={t("units.title")} aria-rowcount={rows.length + 1} data-testid="unit-board">
      <div role="rowgroup" className="board-head">
        <div role="row" className="board-row" aria-rowindex={1}>
          <span role="columnheader">{t("units.number")}</span>
          <span role="columnheader">{t("units.consignment")}</span>
          <span role="columnheader">{t("units.cargo")}</span>
          <span role="columnheader">{t("units.state")}</span>
          <span role="columnheader">{t("units.lastSeen")}</span>
        </div>
      </div>
      <div ref={scroller} className="board-scroll" style={{ height }} tabIndex={0} role="rowgroup" aria-label={t("units.shown", { count: rows.length })}>
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((v) => {
            const u = rows[v.index]!;
            return (
              <div key={u.unit} role="row" aria-rowindex={v.index + 2} className="board-row" style={{ position: "absolute", top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${v.start}px)` }}>
                <span role="cell" className="board-unit">
                  <Link to={opPath(op, `units/${encodeURIComponent(u.unit)}`)} className="unit-number">{u.unit}</Link>
                  <span className="cell-sub">{u.kind ? t(`units.kind.${u.kind}` as MessageKey) : "—"}</span>
                </span>
                <span role="cell" className="board-consignment">
                  {u.consignment ? t("units.partOf", { consignment: u.consignment, part: u.part ?? "—" }) : "—"}
                </span>
                <span role="cell" className="board-cargo">
                  {u.cargo.length === 0 ? <span className="muted">{t("units.noCargo")}</span> : u.cargo.map((c) => `${itemName(c.item)} ${number(c.quantity)} ${uom(c.uom)}`).join(" · ")}
                </span>
                <span role="cell"><span className={`status status-${u.status}`}>{t(`units.status.${u.status}` as MessageKey)}</span></span>
                <span role="cell" className="board-last">
                  <span className="cell-title">{place(u.lastLocation)}</span>
                  <span className="cell-sub">{u.lastEventTime ? dateTime(u.lastEventTime, timeZone) : ""}</span>
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
