// The hub's stock as horizontal SVG bars on one stated scale: each bar is the stock on
// hand as a share of the total assessed need for that item (0–100 %, ticks on the axis),
// so a bar says how far the stock would go; the exact quantity stands beside it. Items
// measured in different units (m³, tonnes, pieces) can share this scale; an item nobody
// assessed a need for gets no bar, and says so. Drawn at the container's real width.
import { useI18n } from "../../i18n/i18n.tsx";
import { useWidth } from "../../app/use-width.ts";
import { pageFont, textWidth } from "../../lib/text-width.ts";

export interface Bar {
  item: string;
  label: string;
  quantity: string;
  uom: string;
  /** Total assessed need for the item across neighbourhoods; null when nobody assessed one. */
  need: string | null;
}

const TICKS = [0, 0.25, 0.5, 0.75, 1];
/** The narrowest bar worth drawing beside its label and figure. */
const MIN_PLOT = 160;

/** The stock as a share of the need, capped at 1 (a bar never runs off its scale); null without a need. */
export const shareOfNeed = (bar: Pick<Bar, "quantity" | "need">): number | null =>
  bar.need === null || Number(bar.need) <= 0 ? null : Math.min(1, Number(bar.quantity) / Number(bar.need));

export function StockBarChart({ bars, title }: { bars: Bar[]; title: string }) {
  const { t, language, quantity } = useI18n();
  const [ref, width] = useWidth<HTMLElement>(640);
  const percent = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 });
  const sorted = [...bars].sort((a, b) => (shareOfNeed(b) ?? -1) - (shareOfNeed(a) ?? -1));
  const figure = (bar: Bar) => {
    const share = shareOfNeed(bar);
    const amount = quantity(bar.quantity, bar.uom);
    return share === null
      ? `${amount} · ${t("figures.noNeed")}`
      : `${amount} · ${t("figures.ofNeed", { percent: percent.format(Number(bar.quantity) / Number(bar.need)) })}`;
  };
  // Room for the longest label and figure as the browser draws them ("5 960 шт. · 68 %
  // потребности" is longer than its English); where they and a bar cannot share a line, they stack.
  const family = pageFont();
  const longest = Math.ceil(Math.max(0, ...sorted.map((bar) => textWidth(figure(bar), `600 13px ${family}`))));
  const longestLabel = Math.ceil(Math.max(0, ...sorted.map((bar) => textWidth(bar.label, `13px ${family}`))));
  const sideLabelW = Math.max(80, longestLabel + 12);
  const stacked = width < 520 || sideLabelW > width * 0.35 || sideLabelW + longest + 12 + MIN_PLOT > width;
  const labelW = stacked ? 0 : sideLabelW;
  const valueW = stacked ? 0 : longest + 12;
  const row = stacked ? 46 : 34;
  const axis = 22;
  const plot = Math.max(40, width - labelW - valueW - (stacked ? 0 : 12));
  const height = sorted.length * row + axis;
  return (
    <figure className="chart" ref={ref}>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby="stock-chart-title"
      >
        <title id="stock-chart-title">{`${title}. ${sorted.map((b) => `${b.label}: ${figure(b)}`).join("; ")}`}</title>
        {sorted.map((bar, i) => {
          const share = shareOfNeed(bar);
          const w = share === null ? 0 : Math.max(share > 0 ? 3 : 0, share * plot);
          const y = i * row;
          return stacked ? (
            <g key={bar.item} transform={`translate(0 ${y})`}>
              <text x={0} y={15} className="chart-label">
                {bar.label}
              </text>
              <text x={width} y={15} textAnchor="end" className="chart-value">
                {figure(bar)}
              </text>
              <rect x={0} y={23} width={plot} height={14} rx={3} className="chart-track" />
              <rect x={0} y={23} width={w} height={14} rx={3} className="chart-bar" />
            </g>
          ) : (
            <g key={bar.item} transform={`translate(0 ${y})`}>
              <text x={labelW - 12} y={row / 2} dominantBaseline="middle" textAnchor="end" className="chart-label">
                {bar.label}
              </text>
              <rect x={labelW} y={8} width={plot} height={row - 16} rx={3} className="chart-track" />
              <rect x={labelW} y={8} width={w} height={row - 16} rx={3} className="chart-bar" />
              <text x={labelW + plot + 10} y={row / 2} dominantBaseline="middle" className="chart-value">
                {figure(bar)}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${stacked ? 0 : labelW} ${sorted.length * row})`} aria-hidden="true">
          {TICKS.map((v) => (
            <g key={v} transform={`translate(${v * plot} 0)`}>
              <line y1={0} y2={5} className="chart-tick" />
              <text y={17} textAnchor={v === 0 ? "start" : v === 1 ? "end" : "middle"} className="chart-axis">
                {percent.format(v)}
              </text>
            </g>
          ))}
        </g>
      </svg>
      <figcaption className="chart-scale">{t("figures.hubScale")}</figcaption>
    </figure>
  );
}
