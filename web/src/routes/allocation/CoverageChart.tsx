// Coverage per neighbourhood as horizontal SVG bars (0–100 %), drawn at the container's real
// width, with the plan's guaranteed minimum as a reference line. The chart is one image with
// a spoken summary; the same figures are in the table beside it.
import { useWidth } from "../../app/use-width.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { percent } from "./format.ts";

export interface CoverageBar {
  key: string;
  label: string;
  /** Lowest coverage of any item in the neighbourhood, 0..1. */
  lowest: number;
  /** Coverage of everything asked for, by quantity share averaged over items, 0..1. */
  average: number;
}

export function CoverageChart({ bars, minimum, title }: { bars: CoverageBar[]; minimum: number; title: string }) {
  const { t, language } = useI18n();
  const [ref, width] = useWidth<HTMLElement>(640);
  const stacked = width < 520;
  const labelW = stacked ? 0 : Math.min(200, Math.round(width * 0.28));
  const valueW = stacked ? 0 : 120;
  const row = stacked ? 52 : 40;
  const top = 22;
  const plot = Math.max(80, width - labelW - valueW - (stacked ? 0 : 16));
  const height = top + bars.length * row + 4;
  const x = (share: number) => labelW + Math.min(1, Math.max(0, share)) * plot;
  const summary = t("plan.chartSummary", {
    title,
    bars: bars.map((b) => `${b.label} ${percent(language, b.lowest)}`).join(", "),
    minimum: percent(language, minimum),
  });
  return (
    <figure className="chart coverage-chart" ref={ref} data-testid="coverage-chart">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={top - 4} y2={height} className="chart-grid" />
            <text
              x={x(tick)}
              y={12}
              textAnchor={tick === 0 ? "start" : tick === 1 ? "end" : "middle"}
              className="chart-tick"
            >
              {percent(language, tick, 0)}
            </text>
          </g>
        ))}
        {bars.map((b, i) => {
          const y = top + i * row;
          const barY = stacked ? y + 24 : y + 9;
          const barH = stacked ? 16 : row - 18;
          return (
            <g key={b.key}>
              {stacked ? (
                <>
                  <text x={0} y={y + 16} className="chart-label">
                    {b.label}
                  </text>
                  <text x={width} y={y + 16} textAnchor="end" className="chart-value">
                    {percent(language, b.lowest)}
                  </text>
                </>
              ) : (
                <>
                  <text
                    x={labelW - 12}
                    y={y + row / 2}
                    dominantBaseline="middle"
                    textAnchor="end"
                    className="chart-label"
                  >
                    {b.label}
                  </text>
                  <text x={labelW + plot + 12} y={y + row / 2} dominantBaseline="middle" className="chart-value">
                    {percent(language, b.lowest)}
                  </text>
                </>
              )}
              <rect x={labelW} y={barY} width={plot} height={barH} rx={3} className="chart-track" />
              <rect
                x={labelW}
                y={barY}
                width={Math.max(2, x(b.average) - labelW)}
                height={barH}
                rx={3}
                className="chart-bar-soft"
              />
              <rect
                x={labelW}
                y={barY}
                width={Math.max(2, x(b.lowest) - labelW)}
                height={barH}
                rx={3}
                className="chart-bar"
              />
            </g>
          );
        })}
        <line x1={x(minimum)} x2={x(minimum)} y1={top - 4} y2={height} className="chart-minimum" />
      </svg>
      <figcaption className="chart-legend">
        <span>
          <span className="swatch swatch-bar" aria-hidden="true" />
          {t("plan.legendLowest")}
        </span>
        <span>
          <span className="swatch swatch-soft" aria-hidden="true" />
          {t("plan.legendAverage")}
        </span>
        <span>
          <span className="swatch swatch-min" aria-hidden="true" />
          {t("plan.legendMinimum", { minimum: percent(language, minimum) })}
        </span>
      </figcaption>
    </figure>
  );
}
