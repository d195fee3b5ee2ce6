// A tiny history router: the app has a handful of paths, so a library would be
// more machinery than it saves.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

const CHANGE = "reliefline:navigate";

function subscribe(callback: () => void) {
  window.addEventListener("popstate", callback);
  window.addEventListener(CHANGE, callback);
  return () => {
    window.removeEventListener("popstate", callback);
    window.removeEventListener(CHANGE, callback);
  };
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(CHANGE));
}

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}

export type Route =
  /** `landing`: the bare "/" a user arrives at (with one operation, its dashboard); "/operations" always lists them. */
  | { name: "operations"; landing: boolean }
  | { name: "operation"; op: string; page: string }
  | { name: "account-password" }
  | { name: "sign-in-audit" }
  | { name: "not-found" };

export function parseRoute(path: string): Route {
  const [pathname] = path.split("?");
  const parts = (pathname ?? "/").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: "operations", landing: true };
  if (parts.length === 1 && parts[0] === "operations") return { name: "operations", landing: false };
  if (parts[0] === "account" && parts[1] === "password" && parts.length === 2) return { name: "account-password" };
  if (parts[0] === "admin" && parts[1] === "sign-ins" && parts.length === 2) return { name: "sign-in-audit" };
  if (parts[0] === "op" && parts[1] && parts.length <= 4)
    return { name: "operation", op: parts[1], page: parts[2] ?? "" };
  return { name: "not-found" };
}

export const ACCOUNT_PASSWORD_PATH = "/account/password";
export const SIGN_IN_AUDIT_PATH = "/admin/sign-ins";

export const opPath = (op: string, page = "") => `/op/${encodeURIComponent(op)}${page ? `/${page}` : ""}`;

/**
 * Filters kept in the page's query string, so a filtered view can be linked to: `get(name)`
 * reads one ("" when absent), `set(name, value)` replaces it in place (empty removes it).
 */
export function useUrlFilters(): { get(name: string): string; set(name: string, value: string): void } {
  const path = usePath();
  const [pathname, search] = path.split("?");
  const params = new URLSearchParams(search ?? "");
  return {
    get: (name) => params.get(name) ?? "",
    set: (name, value) => {
      const next = new URLSearchParams(params);
      if (value) next.set(name, value);
      else next.delete(name);
      const query = next.toString();
      navigate(`${pathname}${query ? `?${query}` : ""}`, { replace: true });
    },
  };
}
