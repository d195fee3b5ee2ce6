// Request and response schemas of the tracking features (consignments, units,
// manifests, progress, discrepancies, claims): strict, and shared with OpenAPI.
import { Type } from "@sinclair/typebox";
import { Code, LocalisedNames, PlainNames } from "./schemas.ts";
import { UNIT_KINDS, UNIT_SCHEMES } from "../core/units.ts";
import { MODES } from "../store/tracking.sql.ts";
import { DISCREPANCY_KINDS, DISCREPANCY_STATUSES } from "../core/reconcile/finding.ts";
import { UNIT_STATUSES } from "../core/unit-history.ts";
import { BOARD_PAGE } from "../app/unit-views.ts";

const strict = { additionalProperties: false } as const;
const literals = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: "string", enum: [...values], ...(description && { description }) });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Date_ = Type.String({ format: "date", description: "A calendar date, YYYY-MM-DD" });
/** A view whose shape is documented by its summary; sent as is. */
export const View = Type.Unsafe<unknown>({ type: "object", additionalProperties: true });
const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableInteger = Type.Union([Type.Integer(), Type.Null()]);

export const ConsignmentParams = Type.Object({ op: Code, consignment: Code }, strict);
export const UnitParams = Type.Object({ op: Code, unit: Type.String({ minLength: 1, maxLength: 40 }) }, strict);
export const DiscrepancyParams = Type.Object({ op: Code, id: Type.String({ format: "uuid" }) }, strict);

export const NewTeam = Type.Object(
  { code: Code, name: Text(200), organisation: Type.Optional(Code), names: Type.Optional(LocalisedNames) },
  strict,
);
export const Team = Type.Object({
  code: Type.String(),
  name: Type.String(),
  organisation: NullableString,
  names: Type.Optional(LocalisedNames),
});
export const TeamParams = Type.Object({ op: Code, team: Code }, strict);
export const TeamActivityQuery = Type.Object(
  {
    day: Type.Optional(
      Type.String({ format: "date", description: "Only events on this day in the operation's time zone" }),
    ),
  },
  strict,
);
export const TeamActivity = Type.Object({
  ...Team.properties,
  day: NullableString,
  steps: Type.Array(
    Type.Object({
      type: Type.String(),
      unitClass: NullableString,
      events: Type.Integer(),
      units: Type.Integer(),
      first: Type.String(),
      last: Type.String(),
    }),
  ),
});

export const NewPart = Type.Object(
  {
    number: Type.Integer({ minimum: 1, maximum: 10_000 }),
    plannedDeparture: Type.Optional(Type.Union([Date_, Type.Null()])),
    plannedUnits: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000 }), Type.Null()])),
  },
  strict,
);
export const Part = Type.Object({
  number: Type.Integer(),
  plannedDeparture: NullableString,
  plannedUnits: NullableInteger,
});
export const NewLeg = Type.Object(
  { seq: Type.Integer({ minimum: 1, maximum: 100 }), mode: literals(MODES), from: Code, to: Code },
  strict,
);
export const Leg = Type.Object({ seq: Type.Integer(), mode: Type.String(), from: Type.String(), to: Type.String() });

export const NewConsignment = Type.Object(
  {
    code: Code,
    name: Text(200),
    origin: Code,
    destination: Code,
    donor: Type.Optional(Code),
    plannedUnits: Type.Integer({ minimum: 0, maximum: 1_000_000, examples: [54] }),
    mode: literals([...MODES, "multimodal"] as const),
    parts: Type.Optional(Type.Array(NewPart, { maxItems: 1000 })),
    legs: Type.Optional(Type.Array(NewLeg, { maxItems: 100 })),
    names: Type.Optional(PlainNames),
  },
  strict,
);
const ConsignmentFields = {
  code: Type.String(),
  name: Type.String(),
  origin: Type.String(),
  destination: Type.String(),
  donor: NullableString,
  plannedUnits: Type.Integer(),
  mode: Type.String(),
  names: Type.Optional(PlainNames),
};
export const Consignment = Type.Object(ConsignmentFields);
export const LegParams = Type.Object(
  { op: Code, consignment: Code, seq: Type.Integer({ minimum: 1, maximum: 100 }) },
  strict,
);
export const LegUnitsInput = Type.Object(
  { units: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 1, maxItems: 1000 }) },
  strict,
);
export const LegUnits = Type.Object({
  consignment: Type.String(),
  seq: Type.Integer(),
  units: Type.Array(Type.String()),
});
export const ConsignmentView = Type.Object({
  ...ConsignmentFields,
  parts: Type.Array(Part),
  legs: Type.Array(Leg),
  transshipmentPoints: Type.Array(Type.String()),
});

export const NewUnit = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 40, examples: ["24073082"] }),
    kind: literals(UNIT_KINDS),
    scheme: Type.Optional(
      literals(
        UNIT_SCHEMES,
        "uic12, rail1520 and iso6346 carry check digits; plate is a vehicle plate. Detected from the number's shape when omitted.",
      ),
    ),
    consignment: Type.Optional(Code),
    part: Type.Optional(Type.Integer({ minimum: 1 })),
    confirmedAsRead: Type.Optional(
      Type.Boolean({
        description:
          "Record a number whose check digit fails, exactly as read on the unit; opens an unverified-number discrepancy",
      }),
    ),
  },
  strict,
);
export const RegisteredUnit = Type.Object({
  number: Type.String(),
  scheme: Type.String(),
  kind: Type.String(),
  numberVerified: Type.Boolean(),
  consignment: NullableString,
  part: NullableInteger,
  warning: Type.Optional(Type.String()),
});

const ManifestLineInput = {
  item: Code,
  quantity: Type.String({
    minLength: 1,
    maxLength: 40,
    description: "Exact decimal quantity as a string",
    examples: ["19"],
  }),
  uom: Type.Optional(
    Type.String({ pattern: "^[A-Z0-9]{2,3}$", description: "UN/CEFACT Rec 20 code; must be the item's" }),
  ),
};
export const Manifest = Type.Object(
  { lines: Type.Array(Type.Object(ManifestLineInput, strict), { minItems: 1, maxItems: 500 }) },
  strict,
);
export const ManifestImport = Type.Object(
  {
    rows: Type.Array(
      Type.Object({ unit: Type.String({ minLength: 1, maxLength: 40 }), ...ManifestLineInput }, strict),
      { minItems: 1, maxItems: 100_000 },
    ),
  },
  {
    ...strict,
    description:
      "Manifest rows for units of this consignment, as JSON (the CLI reads CSV/XLSX into the same rows): all rows or none",
  },
);
export const ImportResult = Type.Object({ units: Type.Integer(), lines: Type.Integer() });

export const UnitQuery = Type.Object(
  {
    consignment: Type.Optional(Code),
    status: Type.Optional(literals(UNIT_STATUSES)),
    kind: Type.Optional(literals(UNIT_KINDS)),
    q: Type.Optional(
      Type.String({ maxLength: 40, description: "Part of the unit number; spaces, dashes and case are ignored" }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: BOARD_PAGE.max,
        default: BOARD_PAGE.default,
        description: `Units per page (default ${BOARD_PAGE.default}, at most ${BOARD_PAGE.max})`,
      }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 400, description: "The `next` of the previous page, unchanged" })),
  },
  strict,
);
export const UnitBoardPage = Type.Object({
  units: Type.Array(View),
  next: Type.Union([Type.String(), Type.Null()], {
    description: "Cursor of the next page (pass it as `cursor`); null on the last page",
  }),
  total: Type.Integer({ description: "Units matching the filters, on all pages" }),
});
export const ProgressQuery = Type.Object({ consignment: Type.Optional(Code) }, strict);
export const LangQuery = Type.Object(
  { lang: Type.Optional(literals(["en", "ru"] as const, "Language of explanations (default en)")) },
  strict,
);
export const DiscrepancyQuery = Type.Object(
  {
    status: Type.Optional(literals(DISCREPANCY_STATUSES)),
    kind: Type.Optional(literals(DISCREPANCY_KINDS)),
    lang: Type.Optional(literals(["en", "ru"] as const, "Language of the explanations (default en)")),
  },
  strict,
);
export const StatusChange = Type.Object(
  {
    status: literals(["open", "explained", "resolved"] as const),
    note: Type.String({ minLength: 1, maxLength: 4000 }),
  },
  strict,
);
export const Discrepancy = Type.Object({
  id: Type.String(),
  key: Type.String(),
  kind: Type.String(),
  subject: Type.String(),
  status: Type.String(),
  explanation: Type.String(),
  facts: Type.Unknown({
    description: "What it is about as data (codes, quantities, instants); null for rows found before these were stored",
  }),
  evidence: Type.Array(Type.String()),
  firstFoundAt: Type.String(),
  lastFoundAt: Type.String(),
  history: Type.Optional(
    Type.Array(Type.Object({ at: Type.String(), status: Type.String(), note: Type.String(), by: NullableString })),
  ),
});
export const ReconcileRequest = Type.Object(
  {
    staleDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, default: 10 })),
    replayUnits: Type.Optional(
      Type.Boolean({
        description:
          "Also re-run the per-unit rules over every unit's events (kept current by each append; slow on large operations)",
      }),
    ),
  },
  strict,
);

export const NewClaim = Type.Object(
  {
    consignment: Code,
    metric: literals(["loaded", "departed", "arrived", "unloaded", "received"] as const),
    claimed: Type.Integer({ minimum: 0, maximum: 1_000_000, examples: [9] }),
    ofTotal: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000 }), Type.Null()])),
    asOf: Date_,
    source: Text(500),
  },
  strict,
);
export const Claim = Type.Object({
  id: Type.String(),
  consignment: Type.String(),
  metric: Type.String(),
  claimed: Type.Integer(),
  ofTotal: Type.Optional(NullableInteger),
  asOf: Type.String(),
  source: Type.String(),
});
