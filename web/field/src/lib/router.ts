// Hash routes (#/unload, #/outbox…): a reload keeps the screen, and the server needs no
// fallback for them. A label's link (?op=…&unit=…) opens the unload task on that unit.
import { useEffect, useState } from "react";
import { useHeadingFocusOn } from "./focus.ts";

export type Route =
  "home" | "unload" | "receive" | "load" | "distribute" | "handover" | "today" | "outbox" | "settings";
const ROUTES: readonly Route[] = [
  "home",
  "unload",
  "receive",
  "load",
  "distribute",
  "handover",
  "today",
  "outbox",
  "settings",
];

export function parseHash(hash: string): { route: Route; unit?: string } {
  const [path = "", query = ""] = hash.replace(/^#\/?/, "").split("?");
  const route = (ROUTES as readonly string[]).includes(path) ? (path as Route) : "home";
  const unit = new URLSearchParams(query).get("unit") ?? undefined;
  return unit ? { route, unit } : { route };
}

export function go(route: Route, unit?: string): void {
  location.hash = `#/${route === "home" ? "" : route}${unit ? `?unit=${encodeURIComponent(unit)}` : ""}`;
}

export function useRoute() {
  const [state, setState] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setState(parseHash(location.hash));
    addEventListener("hashchange", on);
    return () => removeEventListener("hashchange", on);
  }, []);
  // Move focus to the new screen's heading for keyboard and screen-reader users, once the screen
  // has rendered (in the hashchange handler the old screen's heading would still be there).
  useHeadingFocusOn(`${state.route}|${state.unit ?? ""}`);
  return state;
}
