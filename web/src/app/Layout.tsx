// The frame of every signed-in page: a navigation rail (a disclosure menu on phones),
// a top bar with the operation, language and user, and the main region.
import { nameIn } from "./names.ts";
import { useState, type ReactNode } from "react";
import type { Operation, User } from "../api/types.ts";
import { LANGUAGES, useI18n, type Language } from "../i18n/i18n.tsx";
import { Link, opPath } from "./router.tsx";
import { AccountMenu } from "./AccountMenu.tsx";
import { Icon } from "./ui.tsx";
import type { OperationPage } from "./pages.ts";

interface LayoutProps {
  user: User;
  operation?: Operation;
  pages?: OperationPage[];
  current?: string;
  children: ReactNode;
}

export function Layout({ user, operation, pages = [], current, children }: LayoutProps) {
  const { t, language, setLanguage } = useI18n();
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        {t("app.skip")}
      </a>
      <aside className="rail">
        <div className="rail-top">
          <Link to="/" className="brand" aria-label={`${t("app.name")} — ${t("nav.operations")}`}>
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">{t("app.name")}</span>
          </Link>
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            <Icon name="menu" />
            <span>{t("nav.menu")}</span>
          </button>
        </div>
        <nav id="main-nav" className={`rail-nav ${menuOpen ? "open" : ""}`} aria-label={t("nav.main")}>
          {operation && (
            <div className="rail-operation">
              <span className="rail-op-code">{operation.code}</span>
              <span className="rail-op-name">{nameIn(operation, language)}</span>
            </div>
          )}
          <ul>
            {pages.map((page) => (
              <li key={page.segment}>
                <Link
                  to={opPath(operation!.code, page.segment)}
                  aria-current={current === page.segment ? "page" : undefined}
                  onClick={() => setMenuOpen(false)}
                >
                  <Icon name={page.icon} />
                  <span>{t(page.label)}</span>
                </Link>
              </li>
            ))}
            <li>
              <Link to="/operations" aria-current={!operation ? "page" : undefined} onClick={() => setMenuOpen(false)}>
                <Icon name="operations" />
                <span>{t("nav.operations")}</span>
              </Link>
            </li>
          </ul>
        </nav>
      </aside>
      <div className="workspace">
        <header className="topbar">
          <div className="topbar-context">
            {operation ? (
              <>
                <span className="topbar-op">{nameIn(operation, language)}</span>
                <span className="role-badge">{t(`role.${operation.role}`)}</span>
              </>
            ) : (
              <span className="topbar-op">{t("app.tagline")}</span>
            )}
          </div>
          <div className="topbar-tools">
            <label className="language">
              <span className="visually-hidden">{t("app.language")}</span>
              <select
                value={language}
                onChange={(e) => setLanguage(e.target.value as Language)}
                aria-label={t("app.language")}
              >
                {Object.entries(LANGUAGES).map(([code, name]) => (
                  <option key={code} value={code} lang={code}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            <AccountMenu user={user} />
          </div>
        </header>
        <main id="content" className="content" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
