// Small shared pieces: icons, page headings that take focus on navigation, and the
// loading / error states every query shows the same way.
import { useEffect, useRef, type ReactNode } from "react";
import { useI18n } from "../i18n/i18n.tsx";

const ICONS = {
  dashboard: "M3 3h7v9H3zM14 3h7v5h-7zM14 12h7v9h-7zM3 16h7v5H3z",
  stock: "M3 7l9-4 9 4v10l-9 4-9-4zM3 7l9 4 9-4M12 11v10",
  map: "M9 4L3 6v14l6-2 6 2 6-2V4l-6 2zM9 4v14M15 6v14",
  record: "M12 5v14M5 12h14",
  reports: "M6 3h9l4 4v14H6zM14 3v5h5M9 12h7M9 16h7",
  operations: "M4 6h16M4 12h16M4 18h10",
  signOut: "M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10",
  menu: "M4 7h16M4 12h16M4 17h16",
  units: "M2 7h14v9H2zM16 10h4l2 3v3h-6M6 19a2 2 0 1 0 0-.1M18 19a2 2 0 1 0 0-.1",
  discrepancies: "M12 3l9 16H3zM12 10v4M12 17v.01",
  needs: "M9 4h6v3H9zM7 5H5v16h14V5h-2M8 12h8M8 16h5",
  plan: "M4 20V10M10 20V4M16 20v-7M22 20H2",
  distribution: "M3 11l9-7 9 7M5 10v10h14V10M10 20v-6h4v6",
  key: "M15 7a4 4 0 1 1-3.9 5H3v3h3v3h3v-3h2.1A4 4 0 0 1 15 7zM16 10v.01",
  field: "M7 2h10v20H7zM11 18h2M7 5h10",
} as const;

export function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d={ICONS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** The page's h1; it receives focus after navigation so screen readers announce the new page. */
export function PageHeader({ title, intro, actions }: { title: string; intro?: string; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement?.closest("nav"))
      ref.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <header className="page-header">
      <div>
        <h1 ref={ref} tabIndex={-1}>
          {title}
        </h1>
        {intro && <p className="lede">{intro}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t("app.loading")}
    </p>
  );
}

export function QueryError({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="notice notice-error" role="alert">
      <p>{t("app.error", { detail: error instanceof Error ? error.message : String(error) })}</p>
      {retry && (
        <button type="button" className="button" onClick={retry}>
          {t("app.retry")}
        </button>
      )}
    </div>
  );
}

export function Panel({
  title,
  children,
  id,
  footer,
  className,
}: {
  title: string;
  children: ReactNode;
  id: string;
  footer?: ReactNode;
  className?: string;
}) {
  return (
    <section className={`panel ${className ?? ""}`} aria-labelledby={id}>
      <h2 id={id} className="panel-title">
        {title}
      </h2>
      <div className="panel-body">{children}</div>
      {footer && <div className="panel-footer">{footer}</div>}
    </section>
  );
}
