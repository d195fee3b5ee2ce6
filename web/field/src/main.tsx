// The field app: an installable, offline-first phone app (docs/field.md). The service
// worker (/field/sw.js) keeps the app shell; IndexedDB keeps the working set and the outbox.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nProvider } from "./i18n.tsx";
import { FieldStateProvider } from "./state.tsx";
import { App } from "./App.tsx";
import "./field.css";

if ("serviceWorker" in navigator) {
  navigator.serviceWorker
    .register("/field/sw.js", { scope: "/field/" })
    .catch((error: unknown) => console.warn("service worker not registered", error));
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nProvider>
      <FieldStateProvider>
        <App />
      </FieldStateProvider>
    </I18nProvider>
  </StrictMode>,
);
