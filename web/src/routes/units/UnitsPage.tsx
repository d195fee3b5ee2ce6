// The unit board: every rail car and truck as a row, filtered by state and kind and
// searched by number (filters live in the URL and are applied by the server). Rows are
// virtualised and fetched a page at a time as the list scrolls, so 10,000 units scroll
// smoothly without loading them all. /op/:op/units/:number opens one unit's page.
import { nameIn } from "../../app/names.ts";
import { useEffect, useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { UNIT_STATUSES, useUnitBoard, type UnitRow } from "../../api/units.ts";
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
  // The furthest row the virtual list shows: the next page is sized to reach it.
  const wanted = useRef(0);
  const board = useUnitBoard(op, { status: state, kind, q: query.trim() }, wanted);
  const total = board.data?.pages[0]?.total ?? 0;

  return (
    <>
      <PageHeader title={t("units.title")} intro={t("units.intro")} actions={<LiveBadge />} />
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()} aria-label={t("units.title")}>
        <div className="field">
          <label htmlFor="unit-search">{t("units.search")}</label>
          <input
            id="unit-search"
            type="search"
            inputMode="search"
            autoComplete="off"
            value={query}
            onChange={(e) => setFilter("q", e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="unit-state">{t("units.filterState")}</label>
          <select id="unit-state" value={state} onChange={(e) => setFilter("state", e.target.value)}>
            <option value="">{t("units.all")}</option>
            {UNIT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`units.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="unit-kind">{t("units.filterKind")}</label>
          <select id="unit-kind" value={kind} onChange={(e) => setFilter("kind", e.target.value)}>
            <option value="">{t("units.all")}</option>
            {UNIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`units.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {board.isPending && <Loading />}
      {board.isError && <QueryError error={board.error} retry={() => board.refetch()} />}
      {board.data && (
        <div className="panel">
          <p className="panel-meta" role="status" data-testid="units-count">
            {t("units.shown", { count: total })}
          </p>
          {total === 0 ? (
            <p className="muted panel-body">{t("units.none")}</p>
          ) : (
            <VirtualBoard
              op={op}
              total={total}
              rows={board.data.pages.flatMap((p) => p.units)}
              timeZone={timeZone}
              wanted={wanted}
              more={board.hasNextPage && !board.isFetchingNextPage ? () => void board.fetchNextPage() : undefined}
            />
          )}
          {board.isFetchingNextPage && (
            <p className="visually-hidden" role="status">
              {t("units.loadingMore")}
            </p>
          )}
        </div>
      )}
    </>
  );
}

/**
 * `rows` are the units fetched so far of `total`; `more` fetches the next page (absent while
 * one is on its way or none is left); `wanted` is told the furthest row in view.
 */
function VirtualBoard({
  op,
  total,
  rows,
  timeZone,
  more,
  wanted,
}: {
  op: string;
  total: number;
  rows: UnitRow[];
  timeZone: string;
  more?: () => void;
  wanted: { current: number };
}) {
  const { t, number, uom, dateTime, language } = useI18n();
  const locations = useLocations(op);
  const items = useItems(op);
  const [sizer, width] = useWidth<HTMLDivElement>(1000);
  const narrow = width < 720;
  const scroller = useRef<HTMLDivElement>(null);
  // A phone's card: number and state, consignment and last place with its time (and zone), cargo.
  const rowHeight = narrow ? 108 : 60;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  // Phones show each unit as a taller card: re-measure when the layout switches.
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  // Rows in view (or just below) that are not fetched yet: ask for the next page, and again until they are.
  const lastInView = virtualizer.getVirtualItems().at(-1)?.index ?? 0;
  useEffect(() => {
    wanted.current = lastInView;
    if (more && lastInView >= rows.length) more();
  }, [more, lastInView, rows.length, wanted]);
  const named = (entry: Parameters<typeof nameIn>[0] | undefined, code: string) =>
    (entry ? nameIn(entry, language) : code).split(/[,(]/)[0]!.trim();
  const place = (code: string | null) =>
    code
      ? named(
          locations.data?.find((l) => l.code === code),
          code,
        )
      : "—";
  const itemName = (code: string) =>
    named(
      items.data?.find((i) => i.code === code),
      code,
    );
  const height = Math.min(total * rowHeight, narrow ? 620 : 640);

  return (
    <div
      ref={sizer}
      className={`board ${narrow ? "board-narrow" : ""}`}
      role="table"
      aria-label={t("units.title")}
      aria-rowcount={total + 1}
      data-testid="unit-board"
    >
      <div role="rowgroup" className="board-head">
        <div role="row" className="board-row" aria-rowindex={1}>
          <span role="columnheader">{t("units.number")}</span>
          <span role="columnheader">{t("units.consignment")}</span>
          <span role="columnheader">{t("units.cargo")}</span>
          <span role="columnheader">{t("units.state")}</span>
          <span role="columnheader">{t("units.lastSeen")}</span>
        </div>
      </div>
      <div
        ref={scroller}
        className="board-scroll"
        style={{ height }}
        tabIndex={0}
        role="rowgroup"
        aria-label={t("units.shown", { count: total })}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((v) => {
            const u = rows[v.index];
            const at = {
              position: "absolute",
              top: 0,
              left: 0,
              right: 0,
              height: rowHeight,
              transform: `translateY(${v.start}px)`,
            } as const;
            if (!u) {
              return (
                <div
                  key={`loading-${v.index}`}
                  role="row"
                  aria-rowindex={v.index + 2}
                  className="board-row board-row-loading"
                  style={at}
                >
                  <span role="cell" className="muted">
                    {t("units.loadingRow")}
                  </span>
                </div>
              );
            }
            return (
              <div key={u.unit} role="row" aria-rowindex={v.index + 2} className="board-row" style={at}>
                <span role="cell" className="board-unit">
                  <Link to={opPath(op, `units/${encodeURIComponent(u.unit)}`)} className="unit-number">
                    {u.unit}
                  </Link>
                  <span className="cell-sub">{u.kind ? t(`units.kind.${u.kind}` as MessageKey) : "—"}</span>
                </span>
                <span role="cell" className="board-consignment">
                  {u.consignment ? t("units.partOf", { consignment: u.consignment, part: u.part ?? "—" }) : "—"}
                </span>
                <span role="cell" className="board-cargo">
                  {u.cargo.length === 0 ? (
                    <span className="muted">{t("units.noCargo")}</span>
                  ) : (
                    u.cargo.map((c) => `${itemName(c.item)} ${number(c.quantity)} ${uom(c.uom)}`).join(" · ")
                  )}
                </span>
                <span role="cell">
                  <span className={`status status-${u.status}`}>{t(`units.status.${u.status}` as MessageKey)}</span>
                </span>
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
