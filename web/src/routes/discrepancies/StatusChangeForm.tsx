// Explain, resolve or reopen a discrepancy with a note. The note is required: the client
// says so in the user's language before sending; the server's refusal is shown as it wrote it.
import { useId, useState, type FormEvent } from "react";
import { ApiError } from "../../api/client.ts";
import { useChangeDiscrepancyStatus, type Discrepancy } from "../../api/discrepancies.ts";
import { useI18n } from "../../i18n/i18n.tsx";

type Target = "explained" | "resolved" | "open";

export function StatusChangeForm({
  op,
  discrepancy,
  target,
  onDone,
}: {
  op: string;
  discrepancy: Discrepancy;
  target: Target;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const change = useChangeDiscrepancyStatus(op);
  const [note, setNote] = useState("");
  const [missing, setMissing] = useState(false);
  const id = useId();
  const serverError =
    change.error instanceof ApiError
      ? change.error
      : change.error
        ? new ApiError(0, "", String(change.error), [])
        : null;
  const noteErrors = [...(missing ? [t("discrepancies.noteRequired")] : []), ...(serverError?.forField("/note") ?? [])];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim() === "") {
      setMissing(true);
      return;
    }
    setMissing(false);
    change.mutate({ id: discrepancy.id, status: target, note: note.trim() }, { onSuccess: onDone });
  };

  return (
    <form className="status-form" onSubmit={submit} noValidate aria-label={t(`discrepancies.action.${target}`)}>
      {serverError && serverError.forField("/note").length === 0 && (
        <p className="notice notice-error" role="alert">
          {t("discrepancies.refused")} <span lang="en">{serverError.detail}</span>
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-note`}>{t(`discrepancies.noteFor.${target}`)}</label>
        <textarea
          id={`${id}-note`}
          rows={3}
          value={note}
          autoFocus
          onChange={(e) => {
            setNote(e.target.value);
            if (e.target.value.trim()) setMissing(false);
          }}
          aria-invalid={noteErrors.length > 0 || undefined}
          aria-describedby={noteErrors.length > 0 ? `${id}-note-error` : `${id}-note-hint`}
          required
        />
        {noteErrors.length > 0 ? (
          <div role="alert">
            <ul className="field-errors" id={`${id}-note-error`}>
              {noteErrors.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="hint" id={`${id}-note-hint`}>
            {t("discrepancies.noteHint")}
          </p>
        )}
      </div>
      <div className="status-form-actions">
        <button type="button" className="button button-quiet" onClick={onDone}>
          {t("common.cancel")}
        </button>
        <button
          type="submit"
          className={`button ${target === "resolved" ? "button-primary" : ""}`}
          disabled={change.isPending}
        >
          {change.isPending ? t("common.saving") : t(`discrepancies.confirm.${target}`)}
        </button>
      </div>
    </form>
  );
}
