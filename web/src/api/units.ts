// The unit board (GET …/units, a page at a time) and one unit with its manifest and
// timeline (GET …/units/:number).
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";
import { keys } from "./keys.ts";
import type { RecordedEvent } from "./types.ts";

/** A unit's lifecycle, in order (the server's UNIT_STATUSES in src/core/unit-history.ts). */
export const UNIT_STATUSES = ["planned", "loaded", "departed", "arrived", "unloaded", "received"] as const;

export interface CargoLine {
  item: string;
  quantity: string;
  uom: string;
}

export interface UnitRow {
  unit: string;
  kind: string | null;
  consignment: string | null;
  part: number | null;
  status: string;
  departedAt: string | null;
  departedFrom: string | null;
  arrivedAt: string | null;
  unloadedAt: string | null;
  lastLocation: string | null;
  lastEventType: string | null;
  lastEventTime: string | null;
  daysInTransit: string | null;
  cargo: CargoLine[];
}

export interface UnitDetail {
  unit: {
    number: string;
    kind: string;
    scheme: string;
    numberVerified: boolean;
    consignment: string | null;
    part: number | null;
  };
  state: { status: string; lastLocation?: string; lastEventTime?: string };
  manifest: CargoLine[];
  timeline: Pick<RecordedEvent, "seq" | "recordedAt" | "event">[];
  discrepancies: { id: string; kind: string; status: string; explanation: string }[];
}

const base = (op: string) => `/api/operations/${encodeURIComponent(op)}`;

/** One page of the board and where the next starts (null on the last); `total` counts every page. */
export interface UnitPage {
  units: UnitRow[];
  next: string | null;
  total: number;
}

/** The board's filters, applied by the server so that paging keeps them. */
export interface UnitFilters {
  status?: string;
  kind?: string;
  /** Part of the unit number. */
  q?: string;
}

/** Units per page the board asks for, and the most the server gives. */
export const BOARD_PAGE_SIZE = 200;
const MAX_PAGE = 1000;

const pageUrl = (op: string, filters: UnitFilters, limit: number, cursor: string | null) => {
  const query = new URLSearchParams({ limit: String(limit) });
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  if (cursor) query.set("cursor", cursor);
  return `${base(op)}/units?${query}`;
};

/** Where the next page starts, and how many rows the pages before it hold. */
interface PagePlace {
  cursor: string | null;
  loaded: number;
}

/**
 * The board, filtered, fetched a page at a time as the list scrolls (`fetchNextPage`).
 * `wanted` is the furthest row the list shows: a page is as long as it takes to reach it
 * (a jump to the end is a few large pages, not fifty small ones), at least BOARD_PAGE_SIZE.
 */
export function useUnitBoard(op: string, filters: UnitFilters, wanted: { readonly current: number }) {
  return useInfiniteQuery({
    queryKey: keys.unitBoard(op, filters),
    queryFn: ({ pageParam, signal }) => {
      const limit = Math.min(
        MAX_PAGE,
        Math.max(BOARD_PAGE_SIZE, wanted.current + 1 - pageParam.loaded + BOARD_PAGE_SIZE / 4),
      );
      return api<UnitPage>(pageUrl(op, filters, limit, pageParam.cursor), { signal });
    },
    initialPageParam: { cursor: null, loaded: 0 } as PagePlace,
    getNextPageParam: (last, pages): PagePlace | undefined =>
      last.next ? { cursor: last.next, loaded: pages.reduce((n, p) => n + p.units.length, 0) } : undefined,
    // While a new filter's first page loads, the board keeps showing the last one.
    placeholderData: keepPreviousData,
  });
}

/** Every unit (the map counts them all): the pages fetched one after another. */
export function useAllUnits(op: string) {
  return useQuery({
    queryKey: keys.allUnits(op),
    queryFn: async ({ signal }) => {
      const units: UnitRow[] = [];
      let cursor: string | null = null;
      do {
        const page: UnitPage = await api<UnitPage>(pageUrl(op, {}, MAX_PAGE, cursor), { signal });
        units.push(...page.units);
        cursor = page.next;
      } while (cursor);
      return units;
    },
  });
}

/** One unit; its discrepancies are explained in `language`. */
export function useUnit(op: string, number: string, language = "en") {
  return useQuery({
    queryKey: [...keys.unit(op, number), language],
    queryFn: () =>
      api<UnitDetail>(`${base(op)}/units/${encodeURIComponent(number)}?lang=${language === "ru" ? "ru" : "en"}`),
  });
}
