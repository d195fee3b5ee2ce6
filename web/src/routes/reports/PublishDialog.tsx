// Publishing asks first, in a modal <dialog>: it lists the open discrepancies that touch
// the figures (the server's check), and publishing anyway takes a note and a tick that
// they were read; the acknowledgement names exactly the ones shown. The server checks
// again as it publishes: when the list changed meanwhile, its 409 brings the new list here.
import { useEffect, useRef, useState } from "react";
import {
  openDiscrepanciesOf,
  useCheckPublication,
  usePublish,
  type PublishRequest,
  type TouchingDiscrepancy,
} from "../../api/reports.ts";
import { ApiError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { Loading } from "../../app/ui.tsx";
import "./publish-dialog.css";

export function PublishDialog({
  op,
  request,
  onClose,
  onPublished,
}: {
  op: string;
  request: PublishRequest | null;
  onClose: () => void;
  onPublished: (acknowledged: number) => void;
}) {
  const { t, maybe } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const check = useCheckPublication(op, request);
  const publish = usePublish(op);
  const [shown, setShown] = useState<TouchingDiscrepancy[] | null>(null);
  const [changed, setChanged] = useState(false);
  const [note, setNote] = useState("");
  const [read, setRead] = useState(false);
  const [tried, setTried] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (request && !dialog.open) dialog.showModal();
    if (!request && dialog.open) dialog.close();
    if (!request) {
      setShown(null);
      setChanged(false);
      setNote("");
      setRead(false);
      setTried(false);
      publish.reset();
    }
  }, [request]);
  useEffect(() => {
    if (check.data) setShown(check.data.discrepancies);
  }, [check.data]);

  const list = shown ?? [];
  const touched = list.length > 0;
  const noteMissing = touched && note.trim() === "";
  const unread = touched && !read;
  const what =
    request?.kind === "statement"
      ? t("figures.publishWhatStatement", { date: request.date, lang: request.lang.toUpperCase() })
      : t("figures.publishWhatSnapshot");

  const confirm = () => {
    if (!request) return;
    setTried(true);
    if (noteMissing || unread) return;
    const body = touched
      ? { ...request, acknowledge: { discrepancies: list.map((d) => d.id), note: note.trim() } }
      : request;
    publish.mutate(body, {
      onSuccess: (created) => onPublished(created.acknowledgement?.discrepancies.length ?? 0),
      onError: (error) => {
        const now = openDiscrepanciesOf(error);
        if (!now) return;
        setShown(now);
        setChanged(true);
        setRead(false);
        setTried(false);
      },
    });
  };
  const failure =
    publish.error && !openDiscrepanciesOf(publish.error)
      ? publish.error instanceof ApiError
        ? publish.error.detail
        : String(publish.error)
      : null;

  return (
    <dialog
      ref={ref}
      className="publish-dialog"
      aria-labelledby="publish-title"
      aria-describedby="publish-summary"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="publish-title">{t("figures.publishTitle", { what })}</h2>
      {request &&
        !shown &&
        (check.isPending ? (
          <>
            <p id="publish-summary">{t("figures.checking")}</p>
            <Loading />
          </>
        ) : null)}
      {check.isError && (
        <p id="publish-summary" role="alert" className="error">
          {check.error instanceof ApiError ? check.error.detail : String(check.error)}
        </p>
      )}
      {shown && (
        <>
          <p id="publish-summary">
            {touched ? t("figures.publishTouched", { count: list.length }) : t("figures.publishClean")}
          </p>
          {changed && (
            <p role="alert" className="publish-changed">
              {t("figures.changed")}
            </p>
          )}
          {touched && (
            <ul
              className="publish-discrepancies"
              data-testid="publish-discrepancies"
              tabIndex={0}
              aria-label={t("figures.touchingList")}
            >
              {list.map((d) => (
                <li key={d.id}>
                  <strong>{maybe(`discrepancies.kind.${d.kind}`, d.kind)}</strong>
                  <p>{d.explanation}</p>
                  <p className="publish-touches">
                    {t("figures.touches")}: {d.figures.map((f) => f.label).join("; ")}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {touched && (
            <div className="publish-acknowledge">
              <label htmlFor="publish-note">{t("figures.note")}</label>
              <textarea
                id="publish-note"
                rows={3}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                aria-invalid={tried && noteMissing ? true : undefined}
                aria-describedby={tried && noteMissing ? "publish-note-error" : undefined}
              />
              {tried && noteMissing && (
                <p id="publish-note-error" className="field-error">
                  {t("figures.noteRequired")}
                </p>
              )}
              <label className="publish-read">
                <input
                  type="checkbox"
                  checked={read}
                  onChange={(e) => setRead(e.target.checked)}
                  aria-invalid={tried && unread ? true : undefined}
                  aria-describedby={tried && unread ? "publish-read-error" : undefined}
                />
                {t("figures.acknowledge", { count: list.length })}
              </label>
              {tried && unread && (
                <p id="publish-read-error" className="field-error">
                  {t("figures.acknowledgeRequired")}
                </p>
              )}
            </div>
          )}
        </>
      )}
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t("figures.cancel")}
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={confirm}
          disabled={!shown || publish.isPending}
        >
          {touched ? t("figures.publishAnyway") : t("figures.publish")}
        </button>
      </div>
    </dialog>
  );
}
