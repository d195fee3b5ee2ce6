// Which optional APIs this server offers, read from its OpenAPI document, so pages for
// APIs still being built (consignment progress, discrepancies, needs, exports) appear
// when the server has them and say "not available" until then.
import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";
import { keys } from "./keys.ts";

export interface Capabilities {
  paths: string[];
  has(pattern: RegExp): boolean;
}

export function useCapabilities() {
  return useQuery({
    queryKey: keys.capabilities(),
    queryFn: async (): Promise<Capabilities> => {
      const doc = await api<{ paths?: Record<string, unknown> }>("/api/openapi.json");
      const paths = Object.keys(doc.paths ?? {});
      return { paths, has: (pattern) => paths.some((p) => pattern.test(p)) };
    },
    staleTime: Infinity,
  });
}
