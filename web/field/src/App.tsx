// The field app's frame: a header with the connection and the outbox, then the screen
// for the route. Without a working sign-in the phone shows the sign-in, and what waits in
// its outbox stays there.
import { lazy, Suspense } from "react";
import { useField } from "./state.tsx";
import { useT } from "./i18n.tsx";
import { go, useRoute } from "./lib/router.ts";
import { SyncBar } from "./screens/SyncBar.tsx";
import { SignIn } from "./screens/SignIn.tsx";
import { Home } from "./screens/Home.tsx";
import { Unload } from "./screens/Unload.tsx";

const Load = lazy(() => import("./screens/Load.tsx"));
const Distribute = lazy(() => import("./screens/Distribute.tsx"));
const HandOver = lazy(() => import("./screens/HandOver.tsx"));
const Today = lazy(() => import("./screens/Today.tsx"));
const Outbox = lazy(() => import("./screens/Outbox.tsx"));
const Settings = lazy(() => import("./screens/Settings.tsx"));

export function App() {
  const { t } = useT();
  const field = useField();
  const { route, unit } = useRoute();
  const session = field.meta.session;
  const signedIn = session && !session.ended && field.held;
  return (
    <>
      <a className="skip-link" href="#content">
        {t("app.skip")}
      </a>
      <header className="top">
        <button type="button" className="brand" onClick={() => go("home")} aria-label={t("app.home")}>
          <span className="brand-mark" aria-hidden="true" />
          <span>{field.held?.operation.code ?? t("app.name")}</span>
        </button>
        <span className={`online ${field.online ? "is-online" : "is-offline"}`}>
          {field.online ? t("online.yes") : t("online.no")}
        </span>
      </header>
      {session && <SyncBar />}
      <main id="content" className="screen">
        {!signedIn ? (
          <SignIn />
        ) : (
          <Suspense fallback={<p role="status">{t("app.loading")}</p>}>
            {route === "home" && <Home />}
            {route === "unload" && <Unload mode="unload" {...(unit && { initialUnit: unit })} />}
            {route === "receive" && <Unload mode="receive" {...(unit && { initialUnit: unit })} />}
            {route === "load" && <Load />}
            {route === "distribute" && <Distribute />}
            {route === "handover" && <HandOver />}
            {route === "today" && <Today />}
            {route === "outbox" && <Outbox />}
            {route === "settings" && <Settings />}
          </Suspense>
        )}
      </main>
    </>
  );
}
