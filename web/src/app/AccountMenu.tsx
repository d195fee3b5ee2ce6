// The signed-in user's menu in the top bar: who is signed in, change password, the sign-in
// audit (system administrators), sign out.
// A disclosure (button + list of links), closed by Escape or a click elsewhere.
import { useEffect, useRef, useState } from "react";
import type { User } from "../api/types.ts";
import { useSignOut } from "../api/session.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { ACCOUNT_PASSWORD_PATH, Link, SIGN_IN_AUDIT_PATH, navigate } from "./router.tsx";
import { Icon } from "./ui.tsx";
import "./account-menu.css";

export function AccountMenu({ user }: { user: User }) {
  const { t } = useI18n();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onClick = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("mousedown", onClick);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onClick);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);
  return (
    <div className="account" ref={ref}>
      <button
        ref={button}
        type="button"
        className="button button-quiet account-button"
        aria-expanded={open}
        aria-controls="account-menu"
        onClick={() => setOpen(!open)}
      >
        <span className="account-avatar" aria-hidden="true">
          {user.name.slice(0, 1).toUpperCase()}
          {user.mustChangePassword && <span className="account-alert" />}
        </span>
        <span className="account-name">{user.name}</span>
        <span className="visually-hidden">
          {t("account.menu")}
          {user.mustChangePassword ? ` — ${t("account.oneTime")}` : ""}
        </span>
      </button>
      <div id="account-menu" className="account-menu" hidden={!open}>
        <p className="account-who">
          {t("nav.signedInAs", { name: user.name })}
          <span className="cell-sub">{user.email}</span>
        </p>
        <ul>
          <li>
            <Link to={ACCOUNT_PASSWORD_PATH} onClick={() => setOpen(false)}>
              <Icon name="key" />
              <span>
                {t("account.changePassword")}
                {user.mustChangePassword && <span className="cell-sub account-warning">{t("account.oneTime")}</span>}
              </span>
            </Link>
          </li>
          {user.isAdmin && (
            <li>
              <Link to={SIGN_IN_AUDIT_PATH} onClick={() => setOpen(false)}>
                <Icon name="key" />
                <span>{t("audit.menu")}</span>
              </Link>
            </li>
          )}
          <li>
            <button
              type="button"
              onClick={() => signOut.mutate(undefined, { onSettled: () => navigate("/", { replace: true }) })}
            >
              <Icon name="signOut" />
              <span>{t("nav.signOut")}</span>
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
