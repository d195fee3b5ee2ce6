// Argon2id password hashes (hash-wasm: WebAssembly, no native build), and the random
// secrets behind sessions and API tokens, stored only as SHA-256 digests.
import { argon2id, argon2Verify } from "hash-wasm";
import { createHash, randomBytes } from "node:crypto";

// OWASP's baseline for Argon2id: 19 MiB, 2 iterations, 1 lane.
const ARGON2 = { parallelism: 1, iterations: 2, memorySize: 19_456, hashLength: 32 } as const;

export async function hashPassword(password: string): Promise<string> {
  return argon2id({ ...ARGON2, password, salt: randomBytes(16), outputType: "encoded" });
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return argon2Verify({ password, hash }).catch(() => false);
}

/** A random secret for a cookie or token, and the digest we store instead of it. */
export function newSecret(prefix: string): { secret: string; digest: string } {
  const secret = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { secret, digest: digestSecret(secret) };
}

export const digestSecret = (secret: string): string => createHash("sha256").update(secret).digest("hex");

/** A readable one-time password: 4 groups of 5 characters without look-alikes. */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join("")).join("-");
}

export const MIN_PASSWORD_LENGTH = 10;
