// The discrepancy inbox: open ones first, filtered by kind and status (kept in the URL so a
// filtered view can be linked to). Viewers read; logisticians and admins explain and resolve.
import { useMemo } from "react";
import {
  DISCREPANCY_STATUSES,
  useDiscrepancies,
  type Discrepancy,
  type DiscrepancyStatus,
} from "../../api/discrepancies.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import type { MessageKey } from "../../i18n/en.ts";
import { useUrlFilters } from "../../app/router.tsx";
import { Loading, PageHeader, QueryError } from "../../app/ui.tsx";
import type { PageProps } from "../../app/page-props.ts";
import { canSettleDiscrepancies } from "../../app/permissions.ts";
import { DiscrepancyCard } from "./DiscrepancyCard.tsx";
import "./discrepancies.css";

const ORDER: Record<DiscrepancyStatus, number> = { open: 0, explained: 1, resolved: 2, superseded: 3 };
const byUrgency = (a: Discrepancy, b: Discrepancy) =>
  ORDER[a.status] - ORDER[b.status] || b.lastFoundAt.localeCompare(a.lastFoundAt) || a.subject.localeCompare(b.subject);

export default function DiscrepanciesPage({ op, role, timeZone }: PageProps) {
  const { t, maybe, language } = useI18n();
  const filters = useUrlFilters();
  const setFilter = filters.set;
  const status = filters.get("status");
  const kind = filters.get("kind");
  const discrepancies = useDiscrepancies(op, language);
  const all = useMemo(() => [...(discrepancies.data ?? [])].sort(byUrgency), [discrepancies.data]);
  const counts = new Map<string, number>();
  for (const d of all) counts.set(d.status, (counts.get(d.status) ?? 0) + 1);
  const kinds = [...new Set(all.map((d) => d.kind))].sort();
  const shown = all.filter((d) => (!status || d.status === status) && (!kind || d.kind === kind));
  const canAct = canSettleDiscrepancies(role);

  return (
    <>
      <PageHeader title={t("discrepancies.title")} intro={t("discrepancies.intro")} />
      {!canAct && <p className="notice notice-info">{t("discrepancies.readOnly")}</p>}
      <form className="inbox-filters" onSubmit={(e) => e.preventDefault()} aria-label={t("discrepancies.filters")}>
        <fieldset className="segmented status-filter">
          <legend>{t("discrepancies.filterStatus")}</legend>
          {["", ...DISCREPANCY_STATUSES].map((value) => (
            <label key={value || "all"} className={status === value ? "checked" : ""}>
              <input
                type="radio"
                name="status"
                value={value}
                checked={status === value}
                onChange={() => setFilter("status", value)}
              />
              <span>{value ? t(`discrepancies.status.${value}` as MessageKey) : t("discrepancies.allStatuses")}</span>
              <span className="count-pill">{value ? (counts.get(value) ?? 0) : all.length}</span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="filter-kind">{t("discrepancies.filterKind")}</label>
          <select id="filter-kind" value={kind} onChange={(e) => setFilter("kind", e.target.value)}>
            <option value="">{t("discrepancies.allKinds")}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {maybe(`discrepancies.kind.${k}`, k)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {discrepancies.isPending && <Loading />}
      {discrepancies.isError && <QueryError error={discrepancies.error} retry={() => discrepancies.refetch()} />}
      {discrepancies.data && (
        <>
          <p className="inbox-count" role="status">
            {t("discrepancies.shown", { count: shown.length })}
          </p>
          {shown.length === 0 ? (
            <p className="panel panel-body muted">
              {all.length === 0 ? t("discrepancies.none") : t("discrepancies.noneMatch")}
            </p>
          ) : (
            <div className="inbox">
              {shown.map((d) => (
                <DiscrepancyCard key={d.id} op={op} discrepancy={d} canAct={canAct} timeZone={timeZone} />
              ))}
            </div>
          )}
        </>
      )}
    </>
  );
}
