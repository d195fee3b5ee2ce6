// Transport units on the map: how many were last seen at each place, as a badge above
// the place, and the same counts as a list for readers who do not see the map.
import { nameIn } from "../../app/names.ts";
import type { Location } from "../../api/types.ts";
import type { UnitRow } from "../../api/units.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import type { MessageKey } from "../../i18n/en.ts";
import type { ConsignmentProgress } from "../../api/progress.ts";
import { notYetLoaded, unitNounOfMode } from "../../../../src/core/not-loaded.ts";
import "./unit-badges.css";

/** Units per last known location code; units with no known location are left out. */
export function unitCounts(units: readonly UnitRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const u of units) if (u.lastLocation) counts.set(u.lastLocation, (counts.get(u.lastLocation) ?? 0) + 1);
  return counts;
}

export function UnitBadge({ x, y, count }: { x: number; y: number; count: number }) {
  const text = String(count);
  const w = Math.max(22, 10 + text.length * 8);
  return (
    <g className="unit-badge" transform={`translate(${x} ${y})`} data-count={count}>
      <rect x={-w / 2} y={-10} width={w} height={20} rx={10} />
      <text x={0} y={0} textAnchor="middle" dominantBaseline="central">
        {text}
      </text>
    </g>
  );
}

/**
 * `units`: every unit on the board; `consignments`: their planned counts (the progress figures).
 * What is not yet loaded is counted by the dashboard's rule and said per consignment, with
 * units of no consignment apart by what they are, never as one mixed total.
 */
export function UnitsAtPlaces({
  counts,
  locations,
  units,
  consignments,
}: {
  counts: Map<string, number>;
  locations: Location[];
  units: readonly UnitRow[];
  consignments: readonly ConsignmentProgress[];
}) {
  const { t, number, language } = useI18n();
  const name = (code: string) =>
    ((n) => (n ? nameIn(n, language) : code))(locations.find((l) => l.code === code))
      .split(/[,(]/)[0]!
      .trim();
  const placed = [...counts].sort((a, b) => b[1] - a[1]);
  const waiting = notYetLoaded(units, consignments);
  const modeOf = new Map(consignments.map((c) => [c.code, c.mode]));
  const lines = [
    ...waiting.consignments
      .filter((c) => c.count > 0)
      .map((c) =>
        t(`notLoaded.consignment.${unitNounOfMode(modeOf.get(c.code) ?? "")}`, {
          consignment: c.code,
          count: c.count,
          planned: c.planned,
        }),
      ),
    ...waiting.unassigned.map((u) => t(`notLoaded.unassigned.${u.class}` as MessageKey, { count: u.count })),
  ];
  return (
    <div className="units-at-places">
      <h3 className="units-at-title">{t("map.unitsTitle")}</h3>
      <p className="muted small">{t("map.units")}</p>
      <ul data-testid="map-unit-counts">
        {placed.map(([code, count]) => (
          <li key={code}>
            <span className="unit-count">{number(count)}</span>
            {name(code)}
          </li>
        ))}
      </ul>
      {lines.length > 0 && (
        <>
          <h3 className="units-at-title">{t("notLoaded.title")}</h3>
          <ul className="muted small" data-testid="map-not-loaded">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
