// Transport units as a resource: what a unit is, and whether its number may be
// registered. A wrong check digit is refused unless the person confirms the number
// as read on the unit; then it is recorded unverified (and reconciliation says so).
import type { UnitScheme } from "./identifiers.ts";
import { checkUnitNumber } from "./identifiers.ts";

export const UNIT_KINDS = ["covered-wagon", "flatcar", "gondola", "tank", "container", "truck"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_SCHEMES = ["uic12", "rail1520", "iso6346", "plate"] as const;

export const UNIT_KIND_NAMES: Record<UnitKind, string> = {
  "covered-wagon": "covered wagon",
  flatcar: "flatcar",
  gondola: "gondola wagon",
  tank: "tank wagon",
  container: "container",
  truck: "truck",
};

export const UNIT_KIND_NAMES_RU: Record<UnitKind, string> = {
  "covered-wagon": "крытый вагон",
  flatcar: "платформа",
  gondola: "полувагон",
  tank: "цистерна",
  container: "контейнер",
  truck: "грузовик",
};

/**
 * The legs a consignment's own unit travels, by its kind: wagons go by rail, trucks by
 * road, a container on any leg (it is transshipped whole). Units linked to a leg (the
 * trucks carrying the cargo on from a railhead) travel that leg whatever their kind.
 */
export const LEG_MODES_OF_KIND: Record<UnitKind, readonly ("rail" | "road" | "air" | "sea")[]> = {
  "covered-wagon": ["rail"],
  flatcar: ["rail"],
  gondola: ["rail"],
  tank: ["rail"],
  container: ["rail", "road", "air", "sea"],
  truck: ["road"],
};

/** "Rail car 60521183", "Container CSQU3054383", "Truck 35-TR-101". */
export function unitLabel(kind: string | undefined, number: string): string {
  if (kind === "container") return `Container ${number}`;
  if (kind === "truck") return `Truck ${number}`;
  if (kind === undefined) return `Unit ${number}`;
  return `Rail car ${number}`;
}

export type NumberDecision =
  | { ok: true; number: string; scheme: UnitScheme; verified: boolean; warning?: string; expectedDigit?: string }
  | { ok: false; message: string };

/** Decides whether a unit number may be registered, and whether it counts as verified. */
export function decideUnitNumber(
  raw: string,
  scheme: UnitScheme | undefined,
  confirmedAsRead: boolean,
): NumberDecision {
  const check = checkUnitNumber(raw, scheme);
  switch (check.status) {
    case "valid":
      return { ok: true, number: check.number, scheme: check.scheme, verified: true };
    case "unchecked":
      return { ok: true, number: check.number, scheme: check.scheme, verified: true };
    case "malformed":
      return { ok: false, message: check.message };
    case "bad-check-digit":
      if (!confirmedAsRead) return { ok: false, message: `${check.message} (send confirmedAsRead: true)` };
      return {
        ok: true,
        number: check.number,
        scheme: check.scheme,
        verified: false,
        warning: check.message,
        expectedDigit: check.expected,
      };
    default: {
      const never: never = check;
      return never;
    }
  }
}
