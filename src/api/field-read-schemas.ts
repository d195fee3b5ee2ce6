// Schemas of the field app's reads: the working set, recording delays, label sheets.
import { Type } from "@sinclair/typebox";
import { LocalisedNames } from "./schemas.ts";

const strict = { additionalProperties: false } as const;
const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD in the operation's time zone" });
const Names = LocalisedNames;
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(t: T) =>
  Type.Union([t, Type.Null()]);
const changes = <T extends ReturnType<typeof Type.Object>>(t: T) =>
  Type.Object({ upsert: Type.Array(t), remove: Type.Array(Type.String()) });

export const WorkingSetQuery = Type.Object(
  {
    since: Type.Optional(
      Type.String({ maxLength: 40, description: "The cursor of the previous answer; without it, everything" }),
    ),
  },
  strict,
);

const WsItem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  uom: Type.String(),
  kind: Type.String(),
  names: Names,
});
const WsLocation = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  parent: Nullable(Type.String()),
  names: Names,
});
const WsTeam = Type.Object({ code: Type.String(), name: Type.String(), names: Names });
const WsConsignment = Type.Object({
  code: Type.String(),
  name: Type.String(),
  names: Names,
  plannedUnits: Type.Integer(),
});
const Quantities = Type.Record(Type.String(), Type.String());
const WsUnit = Type.Object({
  number: Type.String(),
  scheme: Type.String(),
  kind: Type.String(),
  consignment: Nullable(Type.String()),
  part: Nullable(Type.Integer()),
  manifest: Type.Array(Type.Object({ item: Type.String(), quantity: Type.String() })),
  status: Type.String(),
  trip: Type.Integer(),
  lastLocation: Nullable(Type.String()),
  loadedAt: Nullable(Type.String()),
  departedAt: Nullable(Type.String()),
  arrivedAt: Nullable(Type.String()),
  arrivedLocation: Nullable(Type.String()),
  unloadedAt: Nullable(Type.String()),
  receivedAt: Nullable(Type.String()),
  loaded: Quantities,
  unloaded: Quantities,
  received: Quantities,
});

export const WorkingSetOut = Type.Object({
  cursor: Type.String(),
  full: Type.Boolean(),
  serverTime: Type.String({ format: "date-time" }),
  operation: Type.Object({
    code: Type.String(),
    name: Type.String(),
    names: Names,
    timeZone: Type.String(),
    role: Type.String(),
  }),
  items: changes(WsItem),
  locations: changes(WsLocation),
  teams: changes(WsTeam),
  consignments: changes(WsConsignment),
  units: changes(WsUnit),
  planLines: Type.Optional(
    Type.Array(
      Type.Object({ plan: Type.String(), neighbourhood: Type.String(), item: Type.String(), quantity: Type.String() }),
    ),
  ),
});

export const DelayQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    withinHours: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 24 * 365,
        description: "Count the events recorded within this many hours (default 24)",
      }),
    ),
  },
  strict,
);

export const DelayOut = Type.Object({
  operation: Type.String(),
  timeZone: Type.String(),
  withinHours: Type.Integer(),
  days: Type.Array(
    Type.Object({
      team: Nullable(Type.String()),
      day: Type.String(),
      events: Type.Integer(),
      fromDevices: Type.Integer({ description: "Recorded through the field app" }),
      offline: Type.Integer({ description: "Recorded while the phone had no connection" }),
      medianSeconds: Type.Number(),
      p90Seconds: Type.Number(),
      maxSeconds: Type.Number(),
      withinHours: Type.Integer({ description: "Events recorded within withinHours of happening" }),
      withinShare: Type.Number({ description: "withinHours ÷ events" }),
    }),
  ),
});

export const LabelQuery = Type.Object(
  {
    units: Type.Optional(
      Type.String({
        maxLength: 20_000,
        description: "Unit numbers, comma-separated; without it, every unit (of the consignment or part)",
      }),
    ),
    consignment: Type.Optional(Type.String({ maxLength: 64 })),
    part: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    pallets: Type.Optional(Type.Integer({ minimum: 0, maximum: 20, description: "Pallet labels per unit" })),
  },
  strict,
);
