// The sign-in audit trail for system administrators: who signed in, failed to, was
// locked out, changed a password, or created or revoked an API token; filtered by account
// (kept in the URL), newest first, a hundred at a time.
import { useState, type FormEvent } from "react";
import { AUDIT_PAGE, useSignInAudit } from "../../api/audit.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import type { MessageKey } from "../../i18n/en.ts";
import { useUrlFilters } from "../../app/router.tsx";
import { Loading, PageHeader, QueryError } from "../../app/ui.tsx";

export default function AuditPage() {
  const { t, dateTime } = useI18n();
  const filters = useUrlFilters();
  const email = filters.get("email");
  const [draft, setDraft] = useState(email);
  const [pages, setPages] = useState<(number | undefined)[]>([undefined]);
  const before = pages.at(-1);
  const audit = useSignInAudit(email, before);
  const rows = audit.data ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPages([undefined]);
    filters.set("email", draft.trim());
  };

  return (
    <>
      <PageHeader title={t("audit.title")} intro={t("audit.intro")} />
      <form className="filters" onSubmit={submit} aria-label={t("audit.title")}>
        <div className="field">
          <label htmlFor="audit-email">{t("audit.email")}</label>
          <input id="audit-email" type="email" value={draft} onChange={(e) => setDraft(e.target.value)} />
        </div>
        <div className="field">
          <button type="submit" className="button">
            {t("audit.show")}
          </button>
        </div>
      </form>
      {audit.isPending && <Loading />}
      {audit.isError && <QueryError error={audit.error} retry={() => audit.refetch()} />}
      {audit.data && (
        <div className="panel">
          {rows.length === 0 ? (
            <p className="muted panel-body">{t("audit.none")}</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t("audit.title")}>
              <table className="table" data-testid="audit-table">
                <thead>
                  <tr>
                    <th scope="col">{t("audit.at")}</th>
                    <th scope="col">{t("audit.what")}</th>
                    <th scope="col">{t("audit.account")}</th>
                    <th scope="col">{t("audit.address")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((e) => (
                    <tr key={e.id}>
                      <td>{dateTime(e.at)}</td>
                      <td>
                        <span className="cell-title">{t(`audit.kind.${e.kind}` as MessageKey)}</span>
                        {e.detail && <span className="cell-sub">{e.detail}</span>}
                      </td>
                      <td>{e.email ?? "—"}</td>
                      <td className="code">{e.address ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="panel-footer form-actions">
            {pages.length > 1 && (
              <button type="button" className="button" onClick={() => setPages(pages.slice(0, -1))}>
                {t("audit.newer")}
              </button>
            )}
            {rows.length === AUDIT_PAGE && (
              <button type="button" className="button" onClick={() => setPages([...pages, rows.at(-1)!.id])}>
                {t("audit.older")}
              </button>
            )}
          </div>
        </div>
      )}
    </>
  );
}
