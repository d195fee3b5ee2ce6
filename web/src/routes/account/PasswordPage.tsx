// Change your password: the current one, then the new one twice. The server checks the
// current password and the new one's strength; on success it ends every session of the
// user (whoever knew the old password may hold one), so the UI asks to sign in again.
import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useChangePassword } from "../../api/account.ts";
import { ApiError } from "../../api/client.ts";
import { keys } from "../../api/keys.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { navigate } from "../../app/router.tsx";
import { PageHeader } from "../../app/ui.tsx";
import { FieldErrors, describedBy } from "../record/FieldErrors.tsx";
import "./account.css";

// The server's rule (src/app/passwords.ts MIN_PASSWORD_LENGTH), checked here too so the message is in the user's language.
const MIN_LENGTH = 10;

export default function PasswordPage({ mustChange }: { mustChange: boolean }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const change = useChangePassword();
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const error = change.error instanceof ApiError ? change.error : null;
  const currentWrong = error?.status === 401;
  const errorsFor = (name: "current" | "password" | "repeat") => [
    ...(local[name] ? [local[name]!] : []),
    ...(name === "current" && currentWrong ? [t("password.currentWrong")] : []),
    ...(name !== "repeat" ? (error?.forField(`/${name}`) ?? []) : []),
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!current) problems.current = t("form.required");
    if (!password) problems.password = t("form.required");
    else if (password.length < MIN_LENGTH) problems.password = t("password.tooShort", { min: MIN_LENGTH });
    if (password && repeat !== password) problems.repeat = t("password.mismatch");
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    change.mutate({ current, password });
  };

  const signInAgain = () => {
    client.setQueryData(keys.me(), null);
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.me()[0] });
    navigate("/", { replace: true });
  };

  if (change.isSuccess) {
    return (
      <>
        <PageHeader title={t("password.title")} />
        <div className="panel account-panel">
          <div className="panel-body stack">
            <p className="notice notice-success" role="status" data-testid="password-changed">
              {t("password.changed")}
            </p>
            <p>{t("password.signInAgain")}</p>
          </div>
          <div className="panel-footer form-actions">
            <button type="button" className="button button-primary" onClick={signInAgain}>
              {t("password.signInButton")}
            </button>
          </div>
        </div>
      </>
    );
  }

  const input = (
    name: "current" | "password" | "repeat",
    label: string,
    value: string,
    set: (v: string) => void,
    autoComplete: string,
    hint?: string,
  ) => {
    const errors = errorsFor(name);
    return (
      <div className="field">
        <label htmlFor={`pw-${name}`}>{label}</label>
        <input
          id={`pw-${name}`}
          type="password"
          value={value}
          autoComplete={autoComplete}
          onChange={(e) => set(e.target.value)}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={describedBy(`pw-${name}`, errors, !!hint)}
        />
        {hint && (
          <p className="hint" id={`pw-${name}-hint`}>
            {hint}
          </p>
        )}
        <FieldErrors id={`pw-${name}`} messages={errors} />
      </div>
    );
  };

  return (
    <>
      <PageHeader title={t("password.title")} intro={t("password.intro")} />
      {mustChange && <p className="notice notice-info account-panel">{t("password.mustChange")}</p>}
      <form className="panel account-panel" onSubmit={submit} noValidate aria-label={t("password.title")}>
        <div className="panel-body stack">
          {error && !currentWrong && error.errors.length === 0 && (
            <p className="notice notice-error" role="alert">
              <span lang="en">{error.detail}</span>
            </p>
          )}
          {input("current", t("password.current"), current, setCurrent, "current-password")}
          {input(
            "password",
            t("password.new"),
            password,
            setPassword,
            "new-password",
            t("password.hint", { min: MIN_LENGTH }),
          )}
          {input("repeat", t("password.repeat"), repeat, setRepeat, "new-password")}
        </div>
        <div className="panel-footer form-actions">
          <button type="submit" className="button button-primary" disabled={change.isPending}>
            {change.isPending ? t("common.saving") : t("password.submit")}
          </button>
        </div>
      </form>
    </>
  );
}
