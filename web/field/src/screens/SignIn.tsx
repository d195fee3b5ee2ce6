// Signing in on the phone (online): the password once, then a device credential for one
// operation that lasts a shift. A one-time password must be changed in the operations
// room first. Signing in again after the credential ended keeps the outbox.
import { useState, type FormEvent } from "react";
import { countByState } from "../../../../src/core/field/outbox.ts";
import { useField } from "../state.tsx";
import { useT } from "../i18n.tsx";
import { LanguagePicker } from "./LanguagePicker.tsx";
import { call, mustChangePassword, ProblemError } from "../sync/api.ts";
import { refreshWorkingSet } from "../sync/working-set.ts";
import { clearWorkingSet, readHeldSet, type Session } from "../store/db.ts";
import { nameIn } from "../lib/names.ts";
import type { LocalisedNames } from "../../../../src/core/names.ts";

interface Operation {
  code: string;
  name: string;
  names?: LocalisedNames;
  role: string;
}

export function SignIn() {
  const { t, language } = useT();
  const field = useField();
  const previous = field.meta.session;
  const counts = countByState(field.entries);
  const waiting = counts.waiting + counts.sent;
  const [email, setEmail] = useState(previous?.email ?? "");
  const [password, setPassword] = useState("");
  const [label, setLabel] = useState(previous?.label ?? "");
  const [operations, setOperations] = useState<Operation[] | undefined>();
  const [chosen, setChosen] = useState(previous?.operation ?? "");
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<{ text: string; changePassword?: boolean } | undefined>();

  const finish = async (operation: string) => {
    setBusy(t("signIn.downloading"));
    const device = await call<{ id: string; token: string; role: string; expiresAt: string }>(
      `/api/operations/${encodeURIComponent(operation)}/devices`,
      {
        method: "POST",
        body: { label: label.trim(), installationId: field.meta.installationId },
      },
    );
    // The phone keeps only the shift-long device credential, not a password session.
    await call("/api/auth/logout", { method: "POST" }).catch(() => undefined);
    const session: Session = {
      token: device.token,
      deviceId: device.id,
      operation,
      email: email.trim(),
      role: device.role,
      label: label.trim(),
      expiresAt: device.expiresAt,
    };
    if ((await readHeldSet())?.operation.code !== operation) await clearWorkingSet();
    await refreshWorkingSet(session, 0);
    await field.setSession(session);
    void field.sync();
  };

  const run = async (work: () => Promise<void>) => {
    setError(undefined);
    try {
      await work();
    } catch (e) {
      if (mustChangePassword(e)) setError({ text: t("signIn.mustChange"), changePassword: true });
      else if (e instanceof ProblemError && (e.status === 401 || e.status === 400) && !operations)
        setError({ text: t("signIn.failed") });
      else
        setError({
          text: e instanceof ProblemError ? e.problem.detail : navigator.onLine ? String(e) : t("signIn.offline"),
        });
    } finally {
      setBusy(undefined);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!navigator.onLine) return setError({ text: t("signIn.offline") });
    if (!email.trim() || !password || !label.trim()) return setError({ text: t("error.required") });
    void run(async () => {
      setBusy(t("signIn.busy"));
      const { user } = await call<{ user: { mustChangePassword: boolean } }>("/api/auth/login", {
        method: "POST",
        body: { email: email.trim(), password },
      });
      if (user.mustChangePassword) {
        setError({ text: t("signIn.mustChange"), changePassword: true });
        return;
      }
      const list = await call<Operation[]>("/api/operations");
      if (list.length === 0) return setError({ text: t("signIn.noOperation") });
      const keep = list.find((o) => o.code === previous?.operation);
      if (keep || list.length === 1) return finish((keep ?? list[0]!).code);
      setOperations(list);
      setChosen(list[0]!.code);
    });
  };

  return (
    <section className="card sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title" tabIndex={-1}>
        {t("signIn.title")}
      </h1>
      <p className="lede">{previous?.ended ? t("signIn.again") : t("signIn.intro")}</p>
      {/* Signed out with events still waiting, the sync bar is gone: the events must not vanish from sight. */}
      {!previous && waiting > 0 && (
        <p className="warn" role="status">
          {t("signIn.waiting", { count: waiting })}
        </p>
      )}
      {/* Signed out offline: the old sign-in still works on the server until the phone reaches it. */}
      {(field.meta.toRevoke?.length ?? 0) > 0 && (
        <p className="warn" role="status" data-testid="revoke-pending">
          {t("signIn.revokePending")}
        </p>
      )}
      {!operations ? (
        <form onSubmit={submit} noValidate>
          <label className="field">
            <span>{t("signIn.email")}</span>
            <input
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
            />
          </label>
          <label className="field">
            <span>{t("signIn.password")}</span>
            <input
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </label>
          <label className="field">
            <span>{t("signIn.label")}</span>
            <input
              value={label}
              onChange={(e) => setLabel(e.target.value)}
              maxLength={100}
              required
              aria-describedby="label-hint"
            />
            <span id="label-hint" className="hint">
              {t("signIn.labelHint")}
            </span>
          </label>
          <button type="submit" className="button button-primary button-block" disabled={!!busy}>
            {busy ?? t("signIn.submit")}
          </button>
        </form>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => finish(chosen));
          }}
        >
          <label className="field">
            <span>{t("signIn.chooseOperation")}</span>
            <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
              {operations.map((o) => (
                <option key={o.code} value={o.code}>
                  {nameIn(language, o)} ({o.code})
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button button-primary button-block" disabled={!!busy}>
            {busy ?? t("signIn.submit")}
          </button>
        </form>
      )}
      {error && (
        <div className="error" role="alert">
          <p>{error.text}</p>
          {error.changePassword && (
            <a className="button" href="/account/password">
              {t("signIn.changePassword")}
            </a>
          )}
        </div>
      )}
      <LanguagePicker />
    </section>
  );
}
