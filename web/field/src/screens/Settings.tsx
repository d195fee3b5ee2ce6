// This phone: its sign-in and how long it lasts, the language, signing out, and the
// operations room.
import { countByState } from "../../../../src/core/field/outbox.ts";
import { ROLES } from "../../../../src/core/roles.ts";
import type { FieldKey } from "../../../src/i18n/en-field.ts";
import { useField } from "../state.tsx";
import { useT } from "../i18n.tsx";
import { LanguagePicker } from "./LanguagePicker.tsx";
import { keepToRevoke, revokeOnServer } from "../sync/revoke.ts";

export default function Settings() {
  const { t, time } = useT();
  const field = useField();
  const session = field.meta.session!;
  const counts = countByState(field.entries);
  // The role in the user's words ("Полевой сотрудник"), not the ledger's code; an unknown one as it is.
  const roleName = (role: string) =>
    (ROLES as readonly string[]).includes(role) ? t(`role.${role}` as FieldKey) : role;
  const waiting = counts.waiting + counts.sent;
  const signOut = async () => {
    // Offline (or no answer), the credential is kept only to revoke it at the next connection.
    const credential = { token: session.token, deviceId: session.deviceId, operation: session.operation };
    if ((await revokeOnServer(credential)) === "later") await keepToRevoke(credential);
    await field.endSession();
  };
  return (
    <>
      <h1 tabIndex={-1}>{t("settings.title")}</h1>
      <p>
        {t("settings.device", { label: session.label })} · {session.email} · {roleName(session.role)}
      </p>
      <p className="muted">{t("signIn.expires", { time: time(session.expiresAt, field.held?.operation.timeZone) })}</p>
      <p className={field.meta.storageKept ? "muted" : "warn"}>
        {t(field.meta.storageKept ? "settings.storageKept" : "settings.storageBestEffort")}
      </p>
      <LanguagePicker />
      {waiting > 0 && <p className="warn">{t("settings.signOutBlocked")}</p>}
      <div className="actions">
        <button type="button" className="button" onClick={() => void signOut()}>
          {t("settings.signOut")}
        </button>
        <a className="button" href="/">
          {t("settings.opsRoom")}
        </a>
      </div>
    </>
  );
}
