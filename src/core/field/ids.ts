// Event ids a field phone derives from what it records, so two phones recording the same
// step of the same unit's trip choose the same id: the second is then answered as a
// duplicate (same content) or a conflict (different content), never a second fact.
// RFC 9562 UUIDv8 (custom): 122 bits of a 128-bit FNV-1a hash of the label. Pure.
const FNV_OFFSET = 0x6c62272e07bb014262b821756295c58dn;
const FNV_PRIME = 0x0000000001000000000000000000013bn;
const MASK = (1n << 128n) - 1n;

export function fnv1a128(text: string): bigint {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash;
}

/** A UUIDv8 that depends only on the label. */
export function derivedId(label: string): string {
  const hex = fnv1a128(label).toString(16).padStart(32, "0").split("");
  hex[12] = "8";
  hex[16] = "89ab"[parseInt(hex[16]!, 16) & 3]!;
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The id of one step of one trip of a unit in an operation. */
export const stepId = (operation: string, unit: string, trip: number, step: string): string =>
  derivedId(`reliefline field step\u0000${operation}\u0000${unit}\u0000${trip}\u0000${step}`);
