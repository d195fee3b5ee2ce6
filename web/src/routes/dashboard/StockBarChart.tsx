// Stock by item as horizontal SVG bars. Items are measured in different units (m³,
// tonnes, pieces), so bars compare only items that share a unit: each unit group has
// its own scale, and every bar carries its exact figure.
import { useI18n } from "../../i18n/i18n.tsx";

export interface Bar {
  item: string;
  label: string;
  quantity: string;
  uom: string;
}

const ROW = 34;
const GROUP_GAP = 14;
const LABEL_W = 150;
const VALUE_W = 110;

export function StockBarChart({ bars, title }: { bars: Bar[]; title: string }) {
  const { number, uom } = useI18n();
  const groups = new Map<string, Bar[]>();
  for (const bar of [...bars].sort((a, b) => a.uom.localeCompare(b.uom) || Number(b.quantity) - Number(a.quantity))) {
    groups.set(bar.uom, [...(groups.get(bar.uom) ?? []), bar]);
  }
  const width = 640;
  const plot = width - LABEL_W - VALUE_W;
  let y = 0;
  const rows: { bar: Bar; y: number; w: number }[] = [];
  for (const group of groups.values()) {
    const max = Math.max(...group.map((b) => Number(b.quantity)), 0);
    for (const bar of group) {
      rows.push({ bar, y, w: max > 0 ? Math.max(2, (Number(bar.quantity) / max) * plot) : 0 });
      y += ROW;
    }
    y += GROUP_GAP;
  }
  const height = Math.max(ROW, y - GROUP_GAP);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="stock-chart-title" preserveAspectRatio="xMinYMin meet">
        <title id="stock-chart-title">{title}</title>
        {rows.map(({ bar, y, w }) => (
          <g key={bar.item} transform={`translate(0 ${y})`}>
            <text x={LABEL_W - 12} y={ROW / 2} dominantBaseline="middle" textAnchor="end" className="chart-label">{bar.label}</text>
            <rect x={LABEL_W} y={7} width={plot} height={ROW - 14} rx={3} className="chart-track" />
            <rect x={LABEL_W} y={7} width={w} height={ROW - 14} rx={3} className="chart-bar" />
            <text x={LABEL_W + plot + 10} y={ROW / 2} dominantBaseline="middle" className="chart-value">
              {number(bar.quantity)} {uom(bar.uom)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
