import { Suspense, lazy } from "react";
import { useMe } from "../api/session.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { parseRoute, usePath } from "./router.tsx";
import { Layout } from "./Layout.tsx";
import { Loading, QueryError } from "./ui.tsx";
import { SignInPage } from "../routes/sign-in/SignInPage.tsx";
import { OperationPicker } from "../routes/operations/OperationPicker.tsx";
import { OperationShell } from "../routes/operations/OperationShell.tsx";

const PasswordPage = lazy(() => import("../routes/account/PasswordPage.tsx"));
const AuditPage = lazy(() => import("../routes/audit/AuditPage.tsx"));

export function App() {
  const me = useMe();
  const path = usePath();
  const { t } = useI18n();
  if (me.isPending)
    return (
      <div className="boot">
        <Loading />
      </div>
    );
  if (me.isError)
    return (
      <div className="boot">
        <QueryError error={me.error} retry={() => me.refetch()} />
      </div>
    );
  if (!me.data) return <SignInPage />;
  // Signed in with a one-time password: the server refuses everything else until it is changed
  // (403 password-change-required), so every path shows the change-password page.
  if (me.data.mustChangePassword) {
    return (
      <Layout user={me.data}>
        <Suspense fallback={<Loading />}>
          <PasswordPage mustChange />
        </Suspense>
      </Layout>
    );
  }
  const route = parseRoute(path);
  switch (route.name) {
    case "operations":
      return (
        <Layout user={me.data}>
          <OperationPicker landing={route.landing} />
        </Layout>
      );
    case "operation":
      return (
        <Suspense
          fallback={
            <div className="boot">
              <Loading />
            </div>
          }
        >
          <OperationShell user={me.data} op={route.op} page={route.page} />
        </Suspense>
      );
    case "account-password":
      return (
        <Layout user={me.data}>
          <Suspense fallback={<Loading />}>
            <PasswordPage mustChange={me.data.mustChangePassword} />
          </Suspense>
        </Layout>
      );
    case "sign-in-audit":
      return (
        <Layout user={me.data}>
          {me.data.isAdmin ? (
            <Suspense fallback={<Loading />}>
              <AuditPage />
            </Suspense>
          ) : (
            <p className="notice" role="alert">
              {t("app.notFound")}
            </p>
          )}
        </Layout>
      );
    case "not-found":
      return (
        <Layout user={me.data}>
          <p className="notice" role="alert">
            {t("app.notFound")}
          </p>
        </Layout>
      );
    default: {
      const never: never = route;
      return never;
    }
  }
}
