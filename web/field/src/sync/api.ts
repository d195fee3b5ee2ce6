// Talking to the server: the password sign-in (cookie, once, online), then the device
// credential as a bearer token. Every request reports the outbox size and the phone's
// clock; every answer with the server's time updates the clock offset.
export interface Problem {
  status: number;
  type: string;
  detail: string;
  errors: { field: string; message: string }[];
}

/** When the server asked to be tried again: its Retry-After and Date headers, as sent. */
export interface AskedRetry {
  retryAfter: string | null;
  date: string | null;
}

export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    readonly asked: AskedRetry = { retryAfter: null, date: null },
  ) {
    super(problem.detail);
  }
  get status() {
    return this.problem.status;
  }
}

/** The network failed or the answer never came: the request may or may not have been done. */
export class NoAnswer extends Error {}

export interface CallOptions {
  method?: string;
  body?: unknown;
  token?: string;
  outbox?: number;
  signal?: AbortSignal;
}

export async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    accept: "application/json",
    "x-reliefline-device-time": new Date().toISOString(),
  };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.outbox !== undefined) headers["x-reliefline-outbox"] = String(options.outbox);
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? "GET",
      headers,
      credentials: "same-origin",
      cache: "no-store",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    throw new NoAnswer(error instanceof Error ? error.message : String(error));
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new NoAnswer(error instanceof Error ? error.message : String(error));
  }
  const body: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const p = (body ?? {}) as Partial<Problem>;
    throw new ProblemError(
      {
        status: response.status,
        type: p.type ?? "about:blank",
        detail: p.detail ?? response.statusText,
        errors: p.errors ?? [],
      },
      { retryAfter: response.headers.get("retry-after"), date: response.headers.get("date") },
    );
  }
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether a problem means the phone must sign in again. */
export const endsSession = (e: unknown): e is ProblemError => e instanceof ProblemError && e.status === 401;
export const mustChangePassword = (e: unknown): boolean =>
  e instanceof ProblemError && /password-change-required$/.test(e.problem.type);
