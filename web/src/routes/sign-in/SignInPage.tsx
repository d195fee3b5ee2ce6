import { useState, type FormEvent } from "react";
import { useSignIn } from "../../api/session.ts";
import { ApiError } from "../../api/client.ts";
import { LANGUAGES, useI18n, type Language } from "../../i18n/i18n.tsx";

export function SignInPage() {
  const { t, language, setLanguage } = useI18n();
  const signIn = useSignIn();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password });
  };
  const failed =
    signIn.error instanceof ApiError && (signIn.error.status === 401 || signIn.error.status === 400)
      ? t("signIn.failed")
      : signIn.error?.message;
  return (
    <div className="sign-in">
      <main className="sign-in-card" id="content">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t("app.name")}</span>
        </div>
        {isPhone() && (
          <p className="notice" data-testid="field-app-link">
            {t("fieldRoom.phone")} <a href="/field/">{t("fieldRoom.open")}</a>
          </p>
        )}
        <h1>{t("signIn.title")}</h1>
        <p className="lede">{t("signIn.intro")}</p>
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="email">{t("signIn.email")}</label>
            <input
              id="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={failed ? true : undefined}
              aria-describedby={failed ? "sign-in-error" : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="password">{t("signIn.password")}</label>
            <input
              id="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={failed ? true : undefined}
              aria-describedby={failed ? "sign-in-error" : undefined}
            />
          </div>
          {failed && (
            <p id="sign-in-error" className="field-error" role="alert">
              {failed}
            </p>
          )}
          <button type="submit" className="button button-primary button-block" disabled={signIn.isPending}>
            {signIn.isPending ? t("signIn.busy") : t("signIn.submit")}
          </button>
        </form>
        <label className="language language-inline">
          <span>{t("app.language")}</span>
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {Object.entries(LANGUAGES).map(([code, name]) => (
              <option key={code} value={code} lang={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </main>
    </div>
  );
}

/** A phone-sized touch screen: its user is better served by the field app (/field). */
const isPhone = () =>
  typeof matchMedia === "function" && matchMedia("(max-width: 600px) and (pointer: coarse)").matches;
