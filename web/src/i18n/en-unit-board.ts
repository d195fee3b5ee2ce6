// English messages of the paged unit board (spread into en.ts).
import type { Message } from "./message.ts";

export const enUnitBoard = {
  "units.loadingRow": "Loading…",
  "units.loadingMore": "Loading more units…",
} satisfies Record<string, Message>;
