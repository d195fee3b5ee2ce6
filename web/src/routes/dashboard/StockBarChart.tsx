// Stock by item as horizontal SVG bars, drawn at the container's real width so text
// stays readable from a phone to a wall screen. Items are measured in different units
// (m³, tonnes, pieces), so bars compare only items that share a unit: each unit group
// has its own scale, and every bar carries its exact figure.
import { useI18n } from "../../i18n/i18n.tsx";
import { useWidth } from "../../app/use-width.ts";

export interface Bar {
  item: string;
  label: string;
  quantity: string;
  uom: string;
}

const GROUP_GAP = 12;

export function StockBarChart({ bars, title }: { bars: Bar[]; title: string }) {
  const { number, uom } = useI18n();
  const [ref, width] = useWidth<HTMLElement>(640);
  const stacked = width < 520; // phones: label and figure above the bar
  const labelW = stacked ? 0 : Math.min(220, Math.round(width * 0.3));
  const valueW = stacked ? 0 : 110;
  const row = stacked ? 46 : 34;
  const plot = width - labelW - valueW - (stacked ? 0 : 12);
  const groups = new Map<string, Bar[]>();
  for (const bar of [...bars].sort((a, b) => a.uom.localeCompare(b.uom) || Number(b.quantity) - Number(a.quantity))) {
    groups.set(bar.uom, [...(groups.get(bar.uom) ?? []), bar]);
  }
  let y = 0;
  const rows: { bar: Bar; y: number; w: number }[] = [];
  for (const group of groups.values()) {
    const max = Math.max(...group.map((b) => Number(b.quantity)), 0);
    for (const bar of group) {
      rows.push({ bar, y, w: max > 0 ? Math.max(3, (Number(bar.quantity) / max) * plot) : 0 });
      y += row;
    }
    y += GROUP_GAP;
  }
  const height = Math.max(row, y - GROUP_GAP);
  return (
    <figure className="chart" ref={ref}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="stock-chart-title">
        <title id="stock-chart-title">{title}</title>
        {rows.map(({ bar, y, w }) => {
          const figure = `${number(bar.quantity)} ${uom(bar.uom)}`;
          return stacked ? (
            <g key={bar.item} transform={`translate(0 ${y})`}>
              <text x={0} y={15} className="chart-label">{bar.label}</text>
              <text x={width} y={15} textAnchor="end" className="chart-value">{figure}</text>
              <rect x={0} y={23} width={plot} height={14} rx={3} className="chart-track" />
              <rect x={0} y={23} width={w} height={14} rx={3} className="chart-bar" />
            </g>
          ) : (
            <g key={bar.item} transform={`translate(0 ${y})`}>
              <text x={labelW - 12} y={row / 2} dominantBaseline="middle" textAnchor="end" className="chart-label">{bar.label}</text>
              <rect x={labelW} y={8} width={plot} height={row - 16} rx={3} className="chart-track" />
              <rect x={labelW} y={8} width={w} height={row - 16} rx={3} className="chart-bar" />
              <text x={labelW + plot + 10} y={row / 2} dominantBaseline="middle" className="chart-value">{figure}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
