// The allocation plan: run the planner, see coverage per neighbourhood (chart and table), what
// binds and what more stock would raise the minimum most, then approve — which ships the goods.
import { useState } from "react";
import { useApprovePlan, usePlans } from "../../api/allocation.ts";
import { ApiError } from "../../api/client.ts";
import { useItems, useLocations } from "../../api/catalogue.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { Link, opPath } from "../../app/router.tsx";
import { Loading, PageHeader, QueryError } from "../../app/ui.tsx";
import type { PageProps } from "../../app/page-props.ts";
import { canPlan } from "../../app/permissions.ts";
import { AllocationTabs } from "./AllocationTabs.tsx";
import { RunPlanner } from "./RunPlanner.tsx";
import { PlanView } from "./PlanView.tsx";
import { ApproveDialog } from "./ApproveDialog.tsx";
import "./allocation.css";

export default function PlanPage({ op, role, timeZone }: PageProps) {
  const { t, dateTime } = useI18n();
  const plans = usePlans(op);
  const locations = useLocations(op);
  const items = useItems(op);
  const approve = useApprovePlan(op);
  const [selected, setSelected] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const plan = plans.data?.find((p) => p.id === selected) ?? plans.data?.[0];
  const planner = canPlan(role);
  const approveError = approve.error instanceof ApiError ? approve.error : null;
  const runner =
    planner && plans.isSuccess ? (
      <RunPlanner
        op={op}
        previous={plans.data[0]?.transport ?? null}
        onPlanned={(p) => {
          setSelected(p.id);
          approve.reset();
        }}
      />
    ) : null;
  const shipments = plan
    ? new Set(plan.lines.filter((l) => Number(l.quantity) > 0).map((l) => l.neighbourhood)).size
    : 0;

  return (
    <>
      <PageHeader title={t("plan.title")} intro={t("plan.intro")} />
      <AllocationTabs op={op} current="plan" />
      {planner && plans.isSuccess && !plan && runner}
      {plans.isPending && <Loading />}
      {plans.isError && <QueryError error={plans.error} retry={() => plans.refetch()} />}
      {plans.data && plans.data.length === 0 && (
        <p className="panel panel-body muted">
          {t("plan.none")} <Link to={opPath(op, "needs")}>{t("allocation.step.needs")}</Link>
        </p>
      )}
      {plan && (
        <section className="plan" aria-labelledby="plan-heading" data-testid="plan">
          <header className="plan-head">
            <div>
              <h2 id="plan-heading">{t("plan.heading", { when: dateTime(plan.createdAt, timeZone) })}</h2>
              <p className="muted small">
                {plan.approvedAt
                  ? t("plan.approvedAt", { when: dateTime(plan.approvedAt, timeZone) })
                  : t("plan.draftNote")}
              </p>
            </div>
            <div className="plan-head-tools">
              {plans.data!.length > 1 && (
                <div className="field">
                  <label htmlFor="plan-select">{t("plan.choose")}</label>
                  <select
                    id="plan-select"
                    value={plan.id}
                    onChange={(e) => {
                      setSelected(e.target.value);
                      approve.reset();
                    }}
                  >
                    {plans.data!.map((p) => (
                      <option key={p.id} value={p.id}>
                        {dateTime(p.createdAt, timeZone)} ·{" "}
                        {t(p.status === "approved" ? "plan.status.approved" : "plan.status.draft")}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              {planner && plan.status !== "approved" && (
                <button type="button" className="button button-primary" onClick={() => setConfirming(true)}>
                  {t("plan.approve")}
                </button>
              )}
            </div>
          </header>
          {approve.isSuccess && approve.data.plan.id === plan.id && (
            <p className="notice notice-success" role="status" data-testid="approve-outcome">
              {t("plan.approved", { count: approve.data.events.filter((e) => e.status === "created").length })}{" "}
              <Link to={opPath(op, "distribution")}>{t("allocation.step.distribution")} →</Link>
            </p>
          )}
          {approveError && (
            <p className="notice notice-error" role="alert">
              {t("plan.approveFailed")} <span lang="en">{approveError.detail}</span>
            </p>
          )}
          <PlanView plan={plan} locations={locations.data ?? []} items={items.data ?? []} aside={runner} />
          <ApproveDialog
            open={confirming}
            shipments={shipments}
            busy={approve.isPending}
            onCancel={() => setConfirming(false)}
            onConfirm={() => approve.mutate(plan.id, { onSettled: () => setConfirming(false) })}
          />
        </section>
      )}
    </>
  );
}
