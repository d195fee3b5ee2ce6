// Where consignment progress ("9 of 54 cars arrived") will show. The figures must come
// from the server's progress API; until the server offers it this says so and shows no numbers.
import { useCapabilities } from "../../api/capabilities.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { Panel } from "../../app/ui.tsx";

export function ProgressPanel() {
  const { t } = useI18n();
  const capabilities = useCapabilities();
  const offered = capabilities.data?.has(/\/progress\b/) ?? false;
  return (
    <Panel id="progress-title" title={t("dashboard.progress")} className="panel-progress">
      <div className="empty-state" data-testid="progress-state">
        <svg viewBox="0 0 120 24" className="empty-track" aria-hidden="true" focusable="false">
          <rect x="0" y="8" width="120" height="8" rx="4" />
        </svg>
        <p className="muted">{offered ? t("dashboard.progressDetected") : t("dashboard.progressUnavailable")}</p>
      </div>
    </Panel>
  );
}
