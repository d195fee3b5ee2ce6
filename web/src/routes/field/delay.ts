/** A delay as people say it: minutes, hours or days. */
export function formatDelay(seconds: number): string {
  const abs = Math.abs(seconds);
  if (abs < 3600) return `${Math.round(seconds / 60)} min`;
  if (abs < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}
