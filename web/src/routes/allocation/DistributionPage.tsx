// Distribution: record what was handed over in a neighbourhood, follow coverage from need to
// distributed, and see equipment handed over to a custodian (an asset, not consumed).
import { nameIn } from "../../app/names.ts";
import { planCounts, useAssets, useCoverage, usePlans } from "../../api/allocation.ts";
import { PlansNote } from "../../app/PlansNote.tsx";
import { useItems, useLocations } from "../../api/catalogue.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { Loading, PageHeader, Panel, QueryError } from "../../app/ui.tsx";
import type { PageProps } from "../../app/page-props.ts";
import { canRecordDistributions } from "../../app/permissions.ts";
import { AllocationTabs } from "./AllocationTabs.tsx";
import { DistributionForm } from "./DistributionForm.tsx";
import { percent } from "./format.ts";
import type { CoverageFigures } from "../../api/allocation.ts";
import "./allocation.css";

const shortName = (name: string) => name.split(/[,(]/)[0]!.trim();

export default function DistributionPage({ op, role, timeZone }: PageProps) {
  const { t, number, uom, language } = useI18n();
  const coverage = useCoverage(op);
  const plans = usePlans(op);
  const assets = useAssets(op);
  const locations = useLocations(op);
  const items = useItems(op);
  const placeName = (code: string) =>
    ((n) => (n ? nameIn(n, language) : code))(locations.data?.find((l) => l.code === code));
  const item = (code: string) => items.data?.find((i) => i.code === code);
  const rows = coverage.data?.rows ?? [];
  const neighbourhoods = [...new Set(rows.map((r) => r.neighbourhood))].sort();
  const columns = [...new Set(rows.map((r) => r.item))].sort();

  return (
    <>
      <PageHeader title={t("distribution.title")} intro={t("distribution.intro")} />
      <AllocationTabs op={op} current="distribution" />
      <div className="distribution-grid">
        {canRecordDistributions(role) ? (
          <DistributionForm op={op} timeZone={timeZone} />
        ) : (
          <p className="notice notice-info">{t("distribution.readOnly")}</p>
        )}
        <Panel id="assets-title" title={t("distribution.assets")}>
          {assets.isPending && <Loading />}
          {assets.isError && <QueryError error={assets.error} retry={() => assets.refetch()} />}
          {assets.data &&
            (assets.data.length === 0 ? (
              <p className="muted">{t("distribution.noAssets")}</p>
            ) : (
              <ul className="assets" data-testid="assets">
                {assets.data.map((a) => (
                  <li key={`${a.item}|${a.location}`} className="asset">
                    <span className="asset-icon" aria-hidden="true" />
                    <div>
                      <p className="cell-title">
                        {((n) => (n ? nameIn(n, language) : a.name))(item(a.item))}{" "}
                        <span className="muted">× {number(a.quantity)}</span>
                      </p>
                      <p className="small">
                        <span className="muted">{t("distribution.custodian")}:</span> {placeName(a.location)}
                        {a.custodian && (
                          <>
                            {" "}
                            <span className="code">{a.custodian}</span>
                          </>
                        )}
                      </p>
                      <p className="small muted">{t("distribution.assetNote")}</p>
                    </div>
                  </li>
                ))}
              </ul>
            ))}
        </Panel>
      </div>
      <Panel id="coverage-table-title" title={t("distribution.coverage")} className="panel-flush">
        {coverage.isPending && <Loading />}
        {coverage.isError && <QueryError error={coverage.error} retry={() => coverage.refetch()} />}
        {coverage.data &&
          (rows.length === 0 ? (
            <p className="muted">{t("needs.none")}</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="coverage-table-title">
              <table className="table coverage-matrix" data-testid="coverage-table">
                <caption className="visually-hidden">{t("distribution.matrixCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("needs.neighbourhood")}</th>
                    {columns.map((c) => (
                      <th key={c} scope="col" className="num">
                        {shortName(((n) => (n ? nameIn(n, language) : c))(item(c)))}
                        <span className="th-unit">{uom(item(c)?.uom ?? "")}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {neighbourhoods.map((n) => (
                    <tr key={n}>
                      <th scope="row">
                        <span className="cell-title">{placeName(n)}</span>
                      </th>
                      {columns.map((c) => {
                        const r = rows.find((x) => x.neighbourhood === n && x.item === c);
                        return (
                          <td key={c} className="num">
                            {r ? <CoverageCell figures={r} /> : "—"}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t("distribution.total")}</th>
                    {columns.map((c) => {
                      const r = coverage.data.totals.find((x) => x.item === c);
                      return (
                        <td key={c} className="num">
                          {r ? <CoverageCell figures={r} /> : "—"}
                        </td>
                      );
                    })}
                  </tr>
                </tfoot>
              </table>
            </div>
          ))}
        <p className="panel-note small muted">{t("distribution.cellLegend")}</p>
        {plans.data && (
          <div className="panel-note">
            <PlansNote plans={planCounts(plans.data)} />
          </div>
        )}
      </Panel>
    </>
  );
}

/** One item in one neighbourhood: distributed of needed, a meter, and what is shipped and allocated. */
function CoverageCell({ figures: f }: { figures: CoverageFigures }) {
  const { t, number, language } = useI18n();
  const done = Number(f.needed) > 0 ? Math.min(1, Number(f.distributed) / Number(f.needed)) : 0;
  return (
    <>
      <span className="cell-title">
        {number(f.distributed)} / {number(f.needed)}
      </span>
      <span className="meter" role="img" aria-label={t("distribution.meter", { share: percent(language, done) })}>
        <span style={{ width: `${done * 100}%` }} />
      </span>
      <span className="cell-sub">
        {t("distribution.cellDetail", { shipped: number(f.dispatched), allocated: number(f.allocated) })}
      </span>
    </>
  );
}
