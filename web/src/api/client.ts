// A thin fetch wrapper: JSON in and out, the session cookie travels by itself, and
// RFC 9457 problem details become an ApiError the forms can read field by field.
export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly detail: string,
    readonly errors: FieldError[],
    /** The whole problem document, extension members included (e.g. the discrepancies a 409 lists). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail);
  }
  /** Errors for one field (a JSON pointer such as "/lines/0/quantity"). */
  forField(pointer: string): string[] {
    return this.errors.filter((e) => e.field === pointer).map((e) => e.message);
  }
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    credentials: "same-origin",
    headers:
      init.body === undefined
        ? { accept: "application/json" }
        : { accept: "application/json", "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (body ?? {}) as { type?: string; detail?: string; errors?: FieldError[] };
    throw new ApiError(
      response.status,
      problem.type ?? "about:blank",
      problem.detail ?? response.statusText,
      problem.errors ?? [],
      (body ?? {}) as Record<string, unknown>,
    );
  }
  return body as T;
}
