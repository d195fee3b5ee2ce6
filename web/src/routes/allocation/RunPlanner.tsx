// Run the planner (HiGHS on the server) with the trucks available; the figures start from
// the last plan's so a re-run after new stock or needs is one click.
import { useState, type FormEvent } from "react";
import { useCreatePlan, type Plan, type Transport } from "../../api/allocation.ts";
import { ApiError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { FieldErrors, describedBy } from "../record/FieldErrors.tsx";
import { errorsAt } from "./format.ts";

export function RunPlanner({
  op,
  previous,
  onPlanned,
}: {
  op: string;
  previous: Transport | null;
  onPlanned: (plan: Plan) => void;
}) {
  const { t } = useI18n();
  const create = useCreatePlan(op);
  const [draft, setDraft] = useState({
    trucks: String(previous?.trucks ?? 10),
    tripsPerTruck: String(previous?.tripsPerTruck ?? 1),
    capacityKg: previous?.capacityKg ?? "",
    capacityM3: previous?.capacityM3 ?? "",
  });
  const error = create.error instanceof ApiError ? create.error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const decimal = (v: string) => (v.trim() === "" ? undefined : v.trim().replace(",", "."));
    create.mutate(
      {
        transport: {
          trucks: Number(draft.trucks),
          tripsPerTruck: Number(draft.tripsPerTruck),
          capacityKg: decimal(draft.capacityKg),
          capacityM3: decimal(draft.capacityM3),
        },
      },
      { onSuccess: onPlanned },
    );
  };
  const input = (name: keyof typeof draft, label: string, numeric: "numeric" | "decimal") => {
    const errors = errorsAt(error?.errors, `/transport/${name}`);
    return (
      <div className="field">
        <label htmlFor={`plan-${name}`}>{label}</label>
        <input
          id={`plan-${name}`}
          inputMode={numeric}
          value={draft[name]}
          onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
          autoComplete="off"
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={describedBy(`plan-${name}`, errors)}
        />
        <FieldErrors id={`plan-${name}`} messages={errors} />
      </div>
    );
  };

  return (
    <form className="panel form-panel" onSubmit={submit} noValidate aria-labelledby="run-title">
      <h2 id="run-title" className="panel-title">
        {t("plan.run")}
      </h2>
      <div className="panel-body stack">
        <p className="muted small">{t("plan.runIntro")}</p>
        {error && (
          <p className="notice notice-error" role="alert">
            {t("plan.runFailed")} <span lang="en">{error.detail}</span>
          </p>
        )}
        <div className="form-grid">
          {input("trucks", t("plan.trucks"), "numeric")}
          {input("tripsPerTruck", t("plan.trips"), "numeric")}
          {input("capacityKg", t("plan.capacityKg"), "decimal")}
          {input("capacityM3", t("plan.capacityM3"), "decimal")}
        </div>
      </div>
      <div className="panel-footer form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? t("plan.running") : t("plan.runSubmit")}
        </button>
      </div>
    </form>
  );
}
