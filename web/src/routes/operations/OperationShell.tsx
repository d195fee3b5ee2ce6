// An operation's frame: loads the operation (for the role and time zone), picks the
// page from the registry and hides the pages the role does not see.
import { Suspense } from "react";
import type { User } from "../../api/types.ts";
import { useOperation } from "../../api/operations.ts";
import { useCapabilities } from "../../api/capabilities.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { Layout } from "../../app/Layout.tsx";
import { OPERATION_PAGES } from "../../app/pages.ts";
import { Loading, QueryError } from "../../app/ui.tsx";
import { LiveContext, useLiveLedger } from "../../api/live.ts";
import { useProgress } from "../../api/progress.ts";

export function OperationShell({ user, op, page }: { user: User; op: string; page: string }) {
  const operation = useOperation(op);
  const capabilities = useCapabilities();
  const { t } = useI18n();
  // Every page of the operation stays current: the ledger stream invalidates its queries.
  const live = useLiveLedger(op, operation.isSuccess);
  // The dashboard's headline figures are asked for alongside the operation, not after it.
  useProgress(op, page === "");
  if (operation.isPending)
    return (
      <Layout user={user}>
        <Loading />
      </Layout>
    );
  if (operation.isError)
    return (
      <Layout user={user}>
        <QueryError error={operation.error} retry={() => operation.refetch()} />
      </Layout>
    );
  const role = operation.data.role;
  const pages = OPERATION_PAGES.filter((p) => p.visible(role, capabilities.data));
  const current = pages.find((p) => p.segment === page);
  return (
    <LiveContext.Provider value={live}>
      <Layout user={user} operation={operation.data} pages={pages} current={page}>
        {current ? (
          <Suspense fallback={<Loading />}>
            <current.component op={op} role={role} timeZone={operation.data.timeZone} />
          </Suspense>
        ) : (
          <p className="notice" role="alert">
            {t("app.notFound")}
          </p>
        )}
      </Layout>
    </LiveContext.Provider>
  );
}
