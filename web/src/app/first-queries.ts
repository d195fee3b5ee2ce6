// The first requests leave as soon as the script runs, not once React has rendered the
// shell that asks for them: who is signed in, the operation in the address (its role and
// time zone frame every page) and, on its dashboard, the progress headline. They run in
// parallel with the first render; the hooks then find them in the cache (or in flight).
// A visitor who is not signed in gets 401s for the operation's queries, which are
// dropped: the sign-in page follows and the pages ask again.
import type { FetchQueryOptions, QueryClient } from "@tanstack/react-query";
import { meQuery } from "../api/session.ts";
import { progressQuery } from "../api/progress.ts";
import { operationQuery } from "../api/operations.ts";
import { parseRoute } from "./router.tsx";

export function startFirstQueries(client: QueryClient, path: string): void {
  void client.prefetchQuery(meQuery); // a 401 is an answer here: nobody is signed in
  const route = parseRoute(path);
  if (route.name !== "operation") return;
  early(client, operationQuery(route.op));
  if (route.page === "") early(client, progressQuery(route.op));
}

/** Start one query; a failure (most often 401 before sign-in) is forgotten, not cached for the page to show. */
function early<T, K extends readonly unknown[]>(client: QueryClient, query: FetchQueryOptions<T, Error, T, K>): void {
  void client.prefetchQuery(query).then(() => {
    if (client.getQueryState(query.queryKey)?.status === "error")
      client.removeQueries({ queryKey: query.queryKey, exact: true });
  });
}
