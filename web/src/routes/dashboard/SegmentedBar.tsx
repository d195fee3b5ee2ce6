// One consignment's units by the furthest step each has reached, as one SVG bar of
// coloured segments. The counts beside it (and the tables below) carry the same figures as text.
import type { StageCounts } from "../../api/progress.ts";
import { consignmentNotYetLoaded } from "../../../../src/core/not-loaded.ts";

export const SEGMENTS = ["received", "unloaded", "arrived", "departed", "loaded", "waiting"] as const;
export type Segment = (typeof SEGMENTS)[number];

/**
 * Units whose furthest step is each segment; `waiting` are the units not yet loaded, by the
 * rule the map uses too (`core/not-loaded.ts`).
 */
export function segmentsOf(reached: StageCounts, planned: number, registered = 0): Record<Segment, number> {
  const clamp = (n: number) => Math.max(0, n);
  return {
    received: reached.received,
    unloaded: clamp(reached.unloaded - reached.received),
    arrived: clamp(reached.arrived - reached.unloaded),
    departed: clamp(reached.departed - reached.arrived),
    loaded: clamp(reached.loaded - reached.departed),
    waiting: consignmentNotYetLoaded({ planned, registered, loaded: reached.loaded }),
  };
}

export function SegmentedBar({ segments, label }: { segments: Record<Segment, number>; label: string }) {
  const total = SEGMENTS.reduce((n, s) => n + segments[s], 0) || 1;
  let x = 0;
  return (
    <svg
      className="segbar"
      viewBox="0 0 1000 28"
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
      data-testid="progress-bar"
    >
      <rect x="0" y="0" width="1000" height="28" rx="6" className="seg-waiting" />
      {SEGMENTS.filter((s) => s !== "waiting" && segments[s] > 0).map((s) => {
        const w = (segments[s] / total) * 1000;
        const rect = <rect key={s} x={x} y="0" width={w} height="28" className={`seg-${s}`} />;
        x += w;
        return rect;
      })}
    </svg>
  );
}
