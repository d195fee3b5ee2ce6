// Distribution: record what was handed over in a neighbourhood, follow coverage from need to
// distributed, and see equipment handed over to a custodian (an asset, not consumed).
import { useAssets, useCoverage } from "../../api/allocation.ts";
import { useItems, useLocations } from "../../api/catalogue.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { Loading, PageHeader, Panel, QueryError } from "../../app/ui.tsx";
import type { PageProps } from "../../app/pages.ts";
import { canRecordDistributions } from "../../app/permissions.ts";
import { AllocationTabs } from "./AllocationTabs.tsx";
import { DistributionForm } from "./DistributionForm.tsx";
import { percent } from "./format.ts";
import "./allocation.css";

const shortName = (name: string) => name.split(/[,(]/)[0]!.trim();

export default function DistributionPage({ op, role, timeZone }: PageProps) {
  const { t, number, uom, language } = useI18n();
  const coverage = useCoverage(op);
  const assets = useAssets(op);
  const locations = useLocations(op);
  const items = useItems(op);
  const placeName = (code: string) => locations.data?.find((l) => l.code === code)?.name ?? code;
  const item = (code: string) => items.data?.find((i) => i.code === code);
  const rows = [...(coverage.data?.rows ?? [])].sort((a, b) => a.neighbourhood.localeCompare(b.neighbourhood) || a.item.localeCompare(b.item));
  const share = (part: string, whole: string) => (Number(whole) > 0 ? Number(part) / Number(whole) : 0);

  return (
    <>
      <PageHeader title={t("distribution.title")} intro={t("distribution.intro")} />
      <AllocationTabs op={op} current="distribution" />
      <div className="distribution-grid">
        {canRecordDistributions(role) ? <DistributionForm op={op} timeZone={timeZone} /> : <p className="notice notice-info">{t("distribution.readOnly")}</p>}
        <Panel id="assets-title" title={t("distribution.assets")}>
          {assets.isPending && <Loading />}
          {assets.isError && <QueryError error={assets.error} retry={() => assets.refetch()} />}
          {assets.data && (assets.data.length === 0 ? <p className="muted">{t("distribution.noAssets")}</p> : (
            <ul className="assets" data-testid="assets">
              {assets.data.map((a) => (
                <li key={`${a.item}|${a.location}`} className="asset">
                  <span className="asset-icon" aria-hidden="true" />
                  <div>
                    <p className="cell-title">{a.name} <span className="muted">× {number(a.quantity)}</span></p>
                    <p className="small"><span className="muted">{t("distribution.custodian")}:</span> {placeName(a.location)}{a.custodian && <> <span className="code">{a.custodian}</span></>}</p>
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
        {coverage.data && (rows.length === 0 ? <p className="muted">{t("needs.none")}</p> : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="coverage-table-title">
            <table className="table" data-testid="coverage-table">
              <thead>
                <tr>
                  <th scope="col">{t("needs.neighbourhood")}</th>
                  <th scope="col">{t("needs.item")}</th>
                  <th scope="col" className="num">{t("distribution.needed")}</th>
                  <th scope="col" className="num">{t("distribution.allocated")}</th>
                  <th scope="col" className="num">{t("distribution.dispatched")}</th>
                  <th scope="col" className="num">{t("distribution.distributed")}</th>
                  <th scope="col" className="num">{t("distribution.gap")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => {
                  const first = i === 0 || rows[i - 1]!.neighbourhood !== r.neighbourhood;
                  const done = share(r.distributed, r.needed);
                  return (
                    <tr key={`${r.neighbourhood}|${r.item}`} className={first ? "group-start" : ""}>
                      <th scope="row">{first ? <span className="cell-title">{placeName(r.neighbourhood)}</span> : <span className="visually-hidden">{placeName(r.neighbourhood)}</span>}</th>
                      <td>{shortName(item(r.item)?.name ?? r.item)} <span className="muted small">{uom(item(r.item)?.uom ?? "")}</span></td>
                      <td className="num">{number(r.needed)}</td>
                      <td className="num">{number(r.allocated)}</td>
                      <td className="num">{number(r.dispatched)}</td>
                      <td className="num">
                        {number(r.distributed)}
                        <span className="meter" aria-hidden="true"><span style={{ width: `${Math.min(100, done * 100)}%` }} /></span>
                        <span className="cell-sub">{percent(language, done)}</span>
                      </td>
                      <td className={`num ${Number(r.gap) > 0 ? "gap" : ""}`}>{number(r.gap)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
      </Panel>
    </>
  );
}
