// Coverage of needs per neighbourhood as horizontal SVG bars (0–100 %): distributed solid,
// allocated but not yet distributed lighter. A table with the same figures follows for screen readers.
import { nameIn } from "../../app/names.ts";
import { coverageByNeighbourhood } from "../../api/neighbourhood-coverage.ts";
import { planCounts, useCoverage, usePlans } from "../../api/allocation.ts";
import { PlansNote } from "../../app/PlansNote.tsx";
import { useLocations } from "../../api/catalogue.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useWidth } from "../../app/use-width.ts";
import { Loading, Panel, QueryError } from "../../app/ui.tsx";

export function CoveragePanel({ op, enabled = true }: { op: string; enabled?: boolean }) {
  const { t, language } = useI18n();
  const coverage = useCoverage(op, enabled);
  const plans = usePlans(op, enabled);
  const locations = useLocations(op, enabled);
  const name = (code: string) =>
    ((n) => (n ? nameIn(n, language) : code))(locations.data?.find((l) => l.code === code))
      .split(/[,(]/)[0]!
      .trim();
  const rows = coverageByNeighbourhood(coverage.data?.rows ?? []).map((r) => ({ ...r, label: name(r.neighbourhood) }));
  return (
    <Panel id="coverage-title" title={t("coverage.title")}>
      {coverage.isPending && <Loading />}
      {coverage.isError && <QueryError error={coverage.error} retry={() => coverage.refetch()} />}
      {coverage.data && rows.length === 0 && <p className="muted">{t("coverage.none")}</p>}
      {rows.length > 0 && <CoverageChart rows={rows} />}
      {rows.length > 0 && plans.data && <PlansNote plans={planCounts(plans.data)} />}
    </Panel>
  );
}

interface Row {
  neighbourhood: string;
  label: string;
  items: number;
  allocated: number;
  distributed: number;
}

function CoverageChart({ rows }: { rows: Row[] }) {
  const { t, language } = useI18n();
  const [ref, width] = useWidth<HTMLElement>(640);
  const percent = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 });
  const stacked = width < 520;
  const labelW = stacked ? 0 : Math.min(200, Math.round(width * 0.3));
  const valueW = stacked ? 0 : 64;
  const row = stacked ? 40 : 30;
  const plot = width - labelW - valueW - (stacked ? 0 : 12);
  const height = rows.length * row;
  const summary = rows.map((r) => `${r.label} ${percent.format(r.distributed)}`).join(", ");
  return (
    <figure className="chart coverage-chart" ref={ref}>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t("coverage.chartLabel", { summary })}
      >
        {rows.map((r, i) => {
          const y = i * row;
          const x0 = labelW;
          const barY = stacked ? 22 : 7;
          const barH = stacked ? 12 : row - 14;
          return (
            <g key={r.neighbourhood} transform={`translate(0 ${y})`}>
              {stacked ? (
                <>
                  <text x={0} y={14} className="chart-label">
                    {r.label}
                  </text>
                  <text x={width} y={14} textAnchor="end" className="chart-value">
                    {percent.format(r.distributed)}
                  </text>
                </>
              ) : (
                <>
                  <text x={labelW - 12} y={row / 2} dominantBaseline="middle" textAnchor="end" className="chart-label">
                    {r.label}
                  </text>
                  <text x={labelW + plot + 10} y={row / 2} dominantBaseline="middle" className="chart-value">
                    {percent.format(r.distributed)}
                  </text>
                </>
              )}
              <rect x={x0} y={barY} width={plot} height={barH} rx={3} className="chart-track" />
              <rect x={x0} y={barY} width={r.allocated * plot} height={barH} rx={3} className="coverage-allocated" />
              <rect x={x0} y={barY} width={r.distributed * plot} height={barH} rx={3} className="chart-bar" />
            </g>
          );
        })}
      </svg>
      <figcaption className="coverage-key">
        <span>
          <span className="swatch coverage-distributed-swatch" aria-hidden="true" />
          {t("coverage.distributed")}
        </span>
        <span>
          <span className="swatch coverage-allocated-swatch" aria-hidden="true" />
          {t("coverage.allocated")}
        </span>
      </figcaption>
      <div className="visually-hidden">
        <table data-testid="coverage-table">
          <caption>{t("coverage.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("coverage.neighbourhood")}</th>
              <th scope="col">{t("coverage.allocated")}</th>
              <th scope="col">{t("coverage.distributed")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.neighbourhood}>
                <th scope="row">{r.label}</th>
                <td>{percent.format(r.allocated)}</td>
                <td>{percent.format(r.distributed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
