// Where the keyboard focus goes when a screen changes its step without a new route (a unit
// found, a task recorded, a decision taken in the outbox): the element that had it is gone,
// so the browser would drop it on <body> and a keyboard user would start again from the top.
import { useEffect, useRef } from "react";

/**
 * Focuses the screen's heading (its h1 has tabIndex -1) once the new step has rendered. A
 * screen loaded lazily shows "Loading…" first, with the previous screen still mounted but
 * hidden (React's Suspense): its heading is focused when it appears. Either way, never if the
 * user has put the focus somewhere else meanwhile (someone already typing a car number must not
 * lose the field to the heading a frame later); given up after a few seconds.
 */
export function focusHeading(): void {
  const before = document.activeElement;
  const untouched = () =>
    document.activeElement === null || document.activeElement === before || document.activeElement === document.body;
  requestAnimationFrame(() => {
    const shown = () =>
      [...document.querySelectorAll<HTMLElement>("main h1")].find((h) => h.getClientRects().length > 0);
    const now = shown();
    if (now) {
      if (untouched()) now.focus();
      return;
    }
    const main = document.querySelector("main");
    if (!main) return;
    const observer = new MutationObserver(() => {
      const h1 = shown();
      if (!h1) return;
      observer.disconnect();
      if (untouched()) h1.focus();
    });
    observer.observe(main, { childList: true, subtree: true, attributes: true, attributeFilter: ["style"] });
    setTimeout(() => observer.disconnect(), 5000);
  });
}

/** Focuses the screen's heading whenever `step` changes after the first render (the router handles that one). */
export function useHeadingFocusOn(step: unknown): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    focusHeading();
  }, [step]);
}
