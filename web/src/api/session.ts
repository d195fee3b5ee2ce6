import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { ApiError, api } from "./client.ts";
import { keys } from "./keys.ts";
import type { User } from "./types.ts";

/** The signed-in user, or null when nobody is signed in. */
export const meQuery = queryOptions({
  queryKey: keys.me(),
  queryFn: async () => {
    try {
      return await api<User>("/api/auth/me");
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

export function useMe() {
  return useQuery(meQuery);
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api<{ user: User }>("/api/auth/login", { method: "POST", body }),
    onSuccess: ({ user }) => {
      client.setQueryData(keys.me(), user);
      forgetAllBut(client, keys.me());
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>("/api/auth/logout", { method: "POST" }),
    onSettled: () => {
      client.setQueryData(keys.me(), null);
      forgetAllBut(client, keys.me());
    },
  });
}

/** A new user must not see the previous user's data: drop every cached query except `keep`. */
function forgetAllBut(client: QueryClient, keep: readonly unknown[]) {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== keep[0] });
}
