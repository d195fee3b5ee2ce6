/** A delay as people say it: minutes, hours (one decimal) or days, as the unit and the number. */
export function delayParts(seconds: number): { unit: "min" | "h" | "d"; value: number } {
  const abs = Math.abs(seconds);
  if (abs < 3600) return { unit: "min", value: Math.round(seconds / 60) };
  if (abs < 172_800) return { unit: "h", value: Math.round(seconds / 360) / 10 };
  return { unit: "d", value: Math.round(seconds / 86_400) };
}

const KEYS = { min: "fieldRoom.delayMin", h: "fieldRoom.delayH", d: "fieldRoom.delayD" } as const;

/** The delay in the reader's language ("5 min", "1.5 h", "3 d"; "5 мин", "1,5 ч", "3 дн."). */
export function formatDelay(
  seconds: number,
  t: (key: (typeof KEYS)[keyof typeof KEYS], vars: { n: number }) => string,
): string {
  const { unit, value } = delayParts(seconds);
  return t(KEYS[unit], { n: value });
}
