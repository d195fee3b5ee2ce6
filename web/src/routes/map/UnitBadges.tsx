// Transport units on the map: how many were last seen at each place, as a badge above
// the place, and the same counts as a list for readers who do not see the map.
import { nameIn } from "../../app/names.ts";
import type { Location } from "../../api/types.ts";
import type { UnitRow } from "../../api/units.ts";
import { useI18n } from "../../i18n/i18n.tsx";
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

export function UnitsAtPlaces({
  counts,
  locations,
  total,
}: {
  counts: Map<string, number>;
  locations: Location[];
  total: number;
}) {
  const { t, number, language } = useI18n();
  const name = (code: string) =>
    ((n) => (n ? nameIn(n, language) : code))(locations.find((l) => l.code === code))
      .split(/[,(]/)[0]!
      .trim();
  const placed = [...counts].sort((a, b) => b[1] - a[1]);
  const unplaced = total - placed.reduce((n, [, c]) => n + c, 0);
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
      {unplaced > 0 && <p className="muted small">{t("map.unitsElsewhere", { count: unplaced })}</p>}
    </div>
  );
}
