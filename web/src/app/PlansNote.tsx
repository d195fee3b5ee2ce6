// The note beside every "allocated" figure: it counts approved plans only, and drafts are
// named with their number so that "allocated 0" beside a draft plan does not puzzle a reader.
import { useI18n } from "../i18n/i18n.tsx";

/** What "allocated" counts: approved plans only; drafts are named so a reader does not wonder. */
export function PlansNote({ plans }: { plans: { approved: number; draft: number } }) {
  const { t, number } = useI18n();
  return (
    <p className="small muted" data-testid="plans-note">
      {t("allocated.plans", { approved: number(plans.approved), draft: number(plans.draft) })}
    </p>
  );
}
