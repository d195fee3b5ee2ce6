// What waits on the phone, what needs a decision, the sync in progress, and a button to sync now.
import { countByState } from "../../../../src/core/field/outbox.ts";
import { useField } from "../state.tsx";
import { useT } from "../i18n.tsx";

export function SyncBar() {
  const { t, time, clock } = useT();
  const field = useField();
  const counts = countByState(field.entries);
  const waiting = counts.waiting + counts.sent;
  const decide = counts.refused + counts.conflict;
  const ended = field.meta.session?.ended;
  return (
    <section className="syncbar" aria-label={t("task.outbox")}>
      <div className="sync-row">
        <div role="status" aria-live="polite" className="sync-status">
          <a href="#/outbox">
            {field.syncing
              ? t("sync.busy", { done: field.syncing.done, total: field.syncing.total })
              : waiting > 0
                ? t("sync.waiting", { count: waiting })
                : t("sync.allSent")}
          </a>
          {decide > 0 && (
            <>
              {" "}
              ·{" "}
              <a href="#/outbox" className="attention">
                {t("sync.decide", { count: decide })}
              </a>
            </>
          )}
        </div>
        <button
          type="button"
          className="button button-primary"
          disabled={!field.online || !!field.syncing || !!ended}
          onClick={() => void field.sync("user")}
        >
          {t("sync.now")}
        </button>
      </div>
      {field.syncing && (
        <progress max={Math.max(field.syncing.total, 1)} value={field.syncing.done} aria-label={t("sync.now")} />
      )}
      {ended && (
        <p className="notice" role="alert">
          {t("sync.signedOut", { reason: ended })}
        </p>
      )}
      {!ended && field.syncError === "offline" && field.online && waiting > 0 && (
        <p className="small muted">{t("sync.failed")}</p>
      )}
      {!ended && field.syncError === "busy" && waiting > 0 && (
        <p className="small muted" data-testid="sync-retry">
          {t("sync.retry", {
            time: clock(
              (field.retryAt ?? Date.now()) + (field.meta.clockOffsetMs ?? 0),
              field.held?.operation.timeZone,
            ),
          })}
        </p>
      )}
      {field.meta.lastContact && (
        <p className="small muted">
          {t("sync.last", { time: time(field.meta.lastContact, field.held?.operation.timeZone) })}
        </p>
      )}
    </section>
  );
}
