// The operation drawn from its locations' coordinates: an overview of the whole route
// (origin → railhead → hub) over coarse sea outlines, and an inset of the hub and its
// neighbourhoods. Transport units are counted at their last known location (a badge per place).
import type { Location } from "../../api/types.ts";
import { useLocations } from "../../api/catalogue.ts";
import { useAllUnits } from "../../api/units.ts";
import { useProgress } from "../../api/progress.ts";
import { UnitBadge, UnitsAtPlaces, unitCounts } from "./UnitBadges.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { nameIn } from "../../app/names.ts";
import type { MessageKey } from "../../i18n/en.ts";
import { Loading, PageHeader, Panel, QueryError } from "../../app/ui.tsx";
import type { PageProps } from "../../app/page-props.ts";
import { fit, type Point, type Projection } from "./projection.ts";
import region from "./region.geo.json";

interface Placed extends Point {
  location: Location;
}

const RAIL_FROM = ["origin-depot", "rail-station"];
const RAIL_TO = ["railhead", "rail-station"];
const HUBS = ["hub-warehouse", "warehouse"];
const LOCAL = ["neighbourhood", "distribution-point"];

export default function MapPage({ op }: PageProps) {
  const { t, language } = useI18n();
  const locations = useLocations(op);
  const units = useAllUnits(op);
  const progress = useProgress(op);
  const counts = unitCounts(units.data ?? []);
  const placed: Placed[] = (locations.data ?? [])
    .filter((l) => l.latitude !== null && l.longitude !== null)
    // Places are labelled in the reader's language.
    .map((l) => ({ location: { ...l, name: nameIn(l, language) }, lat: Number(l.latitude), lon: Number(l.longitude) }));
  const of = (kinds: string[]) => placed.filter((p) => kinds.includes(p.location.kind));
  const origins = of(RAIL_FROM);
  const railheads = of(RAIL_TO);
  const hubs = of(HUBS);
  const local = of(LOCAL);
  const overviewPoints = placed.filter((p) => !LOCAL.includes(p.location.kind) && p.location.kind !== "city");
  const cityPoints = [...hubs, ...local];

  return (
    <>
      <PageHeader title={t("map.title")} intro={t("map.intro")} />
      {locations.isPending && <Loading />}
      {locations.isError && <QueryError error={locations.error} retry={() => locations.refetch()} />}
      {locations.isSuccess && placed.length === 0 && <p className="notice">{t("map.noCoordinates")}</p>}
      {placed.length > 0 && (
        <div className="map-grid">
          <Panel id="map-overview" title={t("map.overview")}>
            <MapView
              id="overview"
              points={overviewPoints.length > 0 ? overviewPoints : placed}
              width={560}
              height={620}
              minSpan={6}
              seas
              counts={counts}
              legs={[
                ...origins.flatMap((o) => railheads.map((r) => ({ from: o, to: r, kind: "rail" as const }))),
                ...railheads.flatMap((r) => hubs.map((h) => ({ from: r, to: h, kind: "road" as const }))),
              ]}
            />
          </Panel>
          {cityPoints.length > 0 && (
            <Panel id="map-city" title={t("map.city")}>
              <MapView
                id="city"
                points={cityPoints}
                width={560}
                height={420}
                minSpan={0.03}
                counts={counts}
                legs={hubs.flatMap((h) => local.map((n) => ({ from: h, to: n, kind: "distribution" as const })))}
              />
            </Panel>
          )}
          <Panel id="map-legend" title={t("map.legend")} className="map-legend">
            <ul className="legend">
              <li>
                <svg viewBox="0 0 40 10" aria-hidden="true">
                  <line x1="0" y1="5" x2="40" y2="5" className="leg leg-rail" />
                </svg>
                {t("map.rail")}
              </li>
              <li>
                <svg viewBox="0 0 40 10" aria-hidden="true">
                  <line x1="0" y1="5" x2="40" y2="5" className="leg leg-road" />
                </svg>
                {t("map.road")}
              </li>
              <li>
                <svg viewBox="0 0 40 10" aria-hidden="true">
                  <line x1="0" y1="5" x2="40" y2="5" className="leg leg-distribution" />
                </svg>
                {t("map.distribution")}
              </li>
              {["origin-depot", "railhead", "hub-warehouse", "neighbourhood"].map((k) => (
                <li key={k}>
                  <svg viewBox="0 0 40 10" aria-hidden="true">
                    <circle cx="20" cy="5" r="4.5" className={`place place-${k}`} />
                  </svg>
                  {t(`kind.${k}` as MessageKey)}
                </li>
              ))}
              <li>
                <svg viewBox="0 0 40 10" aria-hidden="true">
                  <UnitBadge x={20} y={5} count={17} />
                </svg>
                {t("map.unitBadge")}
              </li>
            </ul>
            <UnitsAtPlaces
              counts={counts}
              locations={locations.data ?? []}
              units={units.data ?? []}
              consignments={progress.data ?? []}
            />
          </Panel>
        </div>
      )}
    </>
  );
}

interface Leg {
  from: Placed;
  to: Placed;
  kind: "rail" | "road" | "distribution";
}

function MapView({
  id,
  points,
  width,
  height,
  minSpan,
  legs,
  counts,
  seas = false,
}: {
  id: string;
  points: Placed[];
  width: number;
  height: number;
  minSpan: number;
  legs: Leg[];
  counts: Map<string, number>;
  seas?: boolean;
}) {
  const { t } = useI18n();
  const projection: Projection = fit(points, width, height, 70, minSpan);
  const xy = (p: Point) => projection.project(p);
  const unitsHere = points
    .filter((p) => counts.has(p.location.code))
    .map((p) => t("map.unitsAt", { count: counts.get(p.location.code)!, place: shortName(p.location.name) }));
  const description = [
    t("map.description", { count: points.length, names: points.map((p) => p.location.name).join("; ") }),
    ...unitsHere,
  ].join(". ");
  return (
    <svg className="map" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-desc`}>
      <title id={`${id}-desc`}>{description}</title>
      <defs>
        <clipPath id={`${id}-clip`}>
          <rect width={width} height={height} rx="6" />
        </clipPath>
      </defs>
      <g clipPath={`url(#${id}-clip)`}>
        <rect width={width} height={height} className="map-land" />
        <Graticule projection={projection} step={seas ? 5 : 0.01} />
        {seas &&
          region.features.map((f) => {
            const ring = f.geometry.coordinates[0] ?? [];
            const d =
              ring
                .map(([lon, lat], i) => {
                  const [x, y] = xy({ lon: lon!, lat: lat! });
                  return `${i ? "L" : "M"}${x.toFixed(1)} ${y.toFixed(1)}`;
                })
                .join("") + "Z";
            const [lx, ly] = xy({ lon: f.properties.label[0]!, lat: f.properties.label[1]! });
            return (
              <g key={f.properties.name}>
                <path d={d} className="map-sea" />
                <text x={lx} y={ly} className="map-sea-label" textAnchor="middle">
                  {t(f.properties.name as MessageKey)}
                </text>
              </g>
            );
          })}
        {legs.map((leg, i) => {
          const [x1, y1] = xy(leg.from);
          const [x2, y2] = xy(leg.to);
          return <line key={i} x1={x1} y1={y1} x2={x2} y2={y2} className={`leg leg-${leg.kind}`} />;
        })}
        {placeLabels(
          points.map((p) => ({ p, xy: xy(p) })),
          width,
        ).map(({ p, x, y, lx, ly, anchor }) => (
          <g key={p.location.code} className={`place place-${p.location.kind}`}>
            <circle cx={x} cy={y} r={p.location.kind === "hub-warehouse" ? 8 : 6} />
            <text x={lx} y={ly} textAnchor={anchor} className="place-label">
              {shortName(p.location.name)}
            </text>
          </g>
        ))}
        {points
          .filter((p) => counts.has(p.location.code))
          .map((p) => {
            const [x, y] = xy(p);
            return <UnitBadge key={p.location.code} x={x} y={y - 20} count={counts.get(p.location.code)!} />;
          })}
      </g>
    </svg>
  );
}

function Graticule({ projection, step }: { projection: Projection; step: number }) {
  const lines: string[] = [];
  const [x0, y0] = projection.project({ lon: 0, lat: 0 });
  const [x1, y1] = projection.project({ lon: step, lat: step });
  const dx = x1 - x0;
  const dy = y0 - y1;
  if (dx < 8 || dy < 8) return null;
  for (let x = ((x0 % dx) + dx) % dx; x < projection.width; x += dx)
    lines.push(`M${x.toFixed(1)} 0V${projection.height}`);
  for (let y = ((y0 % dy) + dy) % dy; y < projection.height; y += dy)
    lines.push(`M0 ${y.toFixed(1)}H${projection.width}`);
  return <path d={lines.join("")} className="map-graticule" />;
}

/**
 * Labels beside their points, right of the point on the left half and left of it on
 * the right half; a label that would overlap one already placed moves down a line.
 */
function placeLabels(points: { p: Placed; xy: [number, number] }[], width: number) {
  const placed: {
    p: Placed;
    x: number;
    y: number;
    lx: number;
    ly: number;
    anchor: "start" | "end";
    box: [number, number, number, number];
  }[] = [];
  for (const {
    p,
    xy: [x, y],
  } of [...points].sort((a, b) => a.xy[1] - b.xy[1])) {
    const right = x < width * 0.5;
    const textW = shortName(p.location.name).length * 7.2;
    let ly = y + 4;
    const boxAt = (top: number): [number, number, number, number] =>
      right ? [x + 10, top - 12, x + 12 + textW, top + 4] : [x - 12 - textW, top - 12, x - 10, top + 4];
    const overlaps = (b: [number, number, number, number]) =>
      placed.some(({ box: o }) => b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]);
    for (let tries = 0; tries < 6 && overlaps(boxAt(ly)); tries++) ly += 15;
    placed.push({ p, x, y, lx: x + (right ? 12 : -12), ly, anchor: right ? "start" : "end", box: boxAt(ly) });
  }
  return placed;
}

/** Map labels keep the part before the first comma or parenthesis: "Yerevan freight station". */
const shortName = (name: string) => name.split(/[,(]/)[0]!.trim();
