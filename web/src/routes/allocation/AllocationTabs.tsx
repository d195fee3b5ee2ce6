// Needs → plan → distribution: the officer's workflow as three linked steps, so each page
// shows where it sits and leads to the next.
import { Link, opPath } from "../../app/router.tsx";
import { useI18n } from "../../i18n/i18n.tsx";

const STEPS = [
  { segment: "needs", label: "allocation.step.needs" },
  { segment: "plan", label: "allocation.step.plan" },
  { segment: "distribution", label: "allocation.step.distribution" },
] as const;

export function AllocationTabs({ op, current }: { op: string; current: (typeof STEPS)[number]["segment"] }) {
  const { t } = useI18n();
  return (
    <nav className="steps" aria-label={t("allocation.steps")}>
      <ol>
        {STEPS.map((step, i) => (
          <li key={step.segment}>
            <Link to={opPath(op, step.segment)} aria-current={current === step.segment ? "step" : undefined}>
              <span className="step-n" aria-hidden="true">
                {i + 1}
              </span>
              <span>{t(step.label)}</span>
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
