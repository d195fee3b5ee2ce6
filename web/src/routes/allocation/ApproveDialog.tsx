// Approving a plan ships goods (one GoodsShipped per neighbourhood), so it asks first, in a
// modal <dialog> (focus stays inside; Escape cancels).
import { useEffect, useRef } from "react";
import { useI18n } from "../../i18n/i18n.tsx";

export function ApproveDialog({
  open,
  shipments,
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  shipments: number;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="approve-title"
      aria-describedby="approve-text"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="approve-title">{t("plan.approveTitle")}</h2>
      <p id="approve-text">{t("plan.approveText", { count: shipments })}</p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} autoFocus>
          {t("common.cancel")}
        </button>
        <button type="button" className="button button-primary" onClick={onConfirm} disabled={busy}>
          {busy ? t("common.saving") : t("plan.approveConfirm")}
        </button>
      </div>
    </dialog>
  );
}
