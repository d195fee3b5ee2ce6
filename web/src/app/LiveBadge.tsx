// Shows whether the page is following the ledger live (server-sent events).
import { useLive } from "../api/live.ts";
import { useI18n } from "../i18n/i18n.tsx";

export function LiveBadge() {
  const { t } = useI18n();
  const { status } = useLive();
  return (
    <span className={`live-badge live-${status}`} data-testid="live-badge" title={t(`live.${status}Hint`)}>
      <span className="live-dot" aria-hidden="true" />
      {t(`live.${status}`)}
    </span>
  );
}
