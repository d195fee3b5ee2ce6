// Request and response schemas: one strict schema per request, shared by validation
// and the OpenAPI document.
import { Type, type Static, type TSchema } from "@sinclair/typebox";
import { CONDITIONS, EVENT_TYPES } from "../core/events.ts";
import { CODE_PATTERN, ITEM_KINDS, LOCATION_KINDS } from "../core/catalogue.ts";
import { ROLES } from "../core/roles.ts";
import { GENDERS, LANGUAGE_PATTERN } from "../core/names.ts";
import { MAX_BATCH } from "../app/record-events.ts";
import { OriginInput } from "./field-schemas.ts";

const strict = { additionalProperties: false } as const;
const literals = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: "string", enum: [...values], ...(description && { description }) });

export const Code = Type.String({
  pattern: CODE_PATTERN,
  description: "A short code: letters, digits and : . _ -",
  examples: ["STP-HUB"],
});
/** A UUID written plainly (ajv's "uuid" format also admits urn:uuid: forms, which the database does not). */
export const UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
export const Uuid = Type.String({ pattern: UUID_PATTERN });
const Quantity = Type.Union([Type.String({ maxLength: 40 }), Type.Number()], {
  description: 'An exact decimal quantity, preferably as a string ("300", "0.5")',
  examples: ["300"],
});
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const Line = Type.Object(
  {
    item: Code,
    quantity: Quantity,
    expected: Type.Optional(Quantity),
    uom: Type.Optional(Type.String({ pattern: "^[A-Z0-9]{2,3}$", description: "UN/CEFACT Rec 20 code, e.g. MTQ" })),
    condition: Type.Optional(literals(CONDITIONS)),
  },
  strict,
);

export const EventInput = Type.Object(
  {
    id: Type.String({
      pattern: UUID_PATTERN,
      description: "Client-chosen UUIDv7: sending the same id again is answered as a duplicate",
    }),
    type: literals(EVENT_TYPES),
    eventTime: Type.String({
      description: "When it happened, ISO 8601 with offset",
      examples: ["2020-12-19T10:30:00+04:00"],
    }),
    operation: Type.Optional(Code),
    location: Type.Optional(Code),
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: "Transport unit number" })),
    from: Type.Optional(Code),
    to: Type.Optional(Code),
    neighbourhood: Type.Optional(Code),
    team: Type.Optional(Code),
    lines: Type.Optional(Type.Array(Line, { maxItems: 500 })),
    households: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
    people: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    origin: Type.Optional(OriginInput),
  },
  strict,
);
export type EventInputBody = Static<typeof EventInput>;

export const EventBatch = Type.Object({ events: Type.Array(EventInput, { minItems: 1, maxItems: MAX_BATCH }) }, strict);

export const RecordOutcome = Type.Object({
  id: Uuid,
  seq: Type.Integer(),
  status: literals(["created", "duplicate"] as const),
});

export const RecordedEvent = Type.Object({
  seq: Type.Integer(),
  recordedAt: Type.String({ format: "date-time" }),
  recordedBy: Uuid,
  event: Type.Unsafe<unknown>({ type: "object", additionalProperties: true }),
  prevHash: Type.String(),
  hash: Type.String(),
});

export const OperationParams = Type.Object({ op: Code }, strict);

/** A name (and, for an operation, a description) by language code: {"ru": {"name": "54 вагона"}}. */
export const PlainNames = Type.Record(
  Type.String({ pattern: LANGUAGE_PATTERN }),
  Type.Object(
    {
      name: Type.String({ minLength: 1, maxLength: 200 }),
      description: Type.Optional(Type.String({ maxLength: 4000 })),
    },
    { additionalProperties: false },
  ),
  {
    additionalProperties: false,
    maxProperties: 20,
    description: "The name in other languages (an operation's also its description)",
    examples: [{ ru: { name: "54 вагона" } }],
  },
);

export const NewOperation = Type.Object(
  {
    code: Code,
    name: Text(200),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    timeZone: Type.Optional(Type.String({ maxLength: 64, examples: ["Asia/Yerevan"] })),
    names: Type.Optional(PlainNames),
  },
  strict,
);

export const Operation = Type.Object({
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  timeZone: Type.String(),
  createdAt: Type.String(),
  lastSeq: Type.Integer(),
  lastHash: Type.String(),
  role: Type.String(),
  names: Type.Optional(PlainNames),
});

export const NewOrganisation = Type.Object(
  {
    code: Code,
    name: Text(200),
    kind: literals(["government", "ngo", "un-agency", "company", "local-authority", "other"] as const),
    names: Type.Optional(PlainNames),
  },
  strict,
);

const Coordinate = (min: number, max: number) => Type.Union([Type.Number({ minimum: min, maximum: max }), Type.Null()]);
const Form = Type.String({ minLength: 1, maxLength: 200 });
/** One language's forms of a name (core/names.ts): `name` and whatever forms that language's sentences need. */
export const NameForms = Type.Object(
  {
    name: Text(200),
    measured: Type.Optional(Form),
    zero: Type.Optional(Form),
    one: Type.Optional(Form),
    two: Type.Optional(Form),
    few: Type.Optional(Form),
    many: Type.Optional(Form),
    other: Type.Optional(Form),
    gender: Type.Optional(literals(GENDERS)),
    at: Type.Optional(Form),
    to: Type.Optional(Form),
    agent: Type.Optional(Form),
  },
  strict,
);
/** Names by language code ("en", "ru"), for reports written in that language. */
export const LocalisedNames = Type.Record(Type.String({ pattern: LANGUAGE_PATTERN }), NameForms, {
  ...strict,
  maxProperties: 20,
  description:
    'Names by language code, with the forms reports need: measured (after "300 m³ of"; Russian genitive), one/few/many/other (counted), gender',
  examples: [
    {
      ru: { name: "Пиломатериалы", measured: "пиломатериалов", gender: "pl" },
      en: { name: "Lumber", measured: "lumber" },
    },
  ],
});

export const NewLocation = Type.Object(
  {
    code: Code,
    name: Text(200),
    kind: literals(LOCATION_KINDS),
    parent: Type.Optional(Type.Union([Code, Type.Null()])),
    unlocode: Type.Optional(Type.Union([Type.String({ pattern: "^[A-Z]{2} ?[A-Z2-9]{3}$" }), Type.Null()])),
    latitude: Type.Optional(Coordinate(-90, 90)),
    longitude: Type.Optional(Coordinate(-180, 180)),
    organisation: Type.Optional(Type.Union([Code, Type.Null()])),
    names: Type.Optional(LocalisedNames),
  },
  strict,
);

export const Location = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  parent: Type.Union([Type.String(), Type.Null()]),
  unlocode: Type.Union([Type.String(), Type.Null()]),
  latitude: Type.Union([Type.String(), Type.Null()]),
  longitude: Type.Union([Type.String(), Type.Null()]),
  organisation: Type.Union([Type.String(), Type.Null()]),
  names: Type.Optional(LocalisedNames),
});

const PositiveDecimal = Type.String({ pattern: "^\\d{1,9}(\\.\\d{1,6})?$" });
export const NewItem = Type.Object(
  {
    code: Code,
    name: Text(200),
    uom: Type.String({
      pattern: "^[A-Z0-9]{2,3}$",
      description: "UN/CEFACT Rec 20 unit of measure",
      examples: ["MTQ"],
    }),
    kind: literals(ITEM_KINDS),
    weightKg: Type.Optional(Type.Union([PositiveDecimal, Type.Null()])),
    volumeM3: Type.Optional(Type.Union([PositiveDecimal, Type.Null()])),
    names: Type.Optional(LocalisedNames),
  },
  strict,
);

export const Item = Type.Object({
  code: Type.String(),
  name: Type.String(),
  uom: Type.String(),
  kind: Type.String(),
  weightKg: Type.Union([Type.String(), Type.Null()]),
  volumeM3: Type.Union([Type.String(), Type.Null()]),
  names: Type.Optional(LocalisedNames),
});

export const Balance = Type.Object({
  location: Type.String(),
  item: Type.String(),
  quantity: Type.String(),
  uom: Type.String(),
});

export const Login = Type.Object(
  { email: Type.String({ format: "email", maxLength: 320 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  strict,
);
export const NewUser = Type.Object(
  {
    email: Type.String({ format: "email", maxLength: 320 }),
    name: Text(200),
    organisation: Type.Optional(Code),
    password: Type.Optional(Type.String({ maxLength: 1024 })),
    isAdmin: Type.Optional(Type.Boolean()),
  },
  strict,
);
export const Membership = Type.Object({ email: Type.String({ format: "email" }), role: literals(ROLES) }, strict);
export const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  organisation: Type.Union([Type.String(), Type.Null()]),
  isAdmin: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
});

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  {
    description: "RFC 9457 problem details",
    // Extension members (RFC 9457, 3.2) go out as they are: an answer is serialised by this schema, which
    // would otherwise drop every member it does not name.
    additionalProperties: true,
  },
);

/** A PDF, as a 200's content documents it (the handler sends the bytes). */
export const Pdf = Type.Unsafe<Buffer>({ type: "string", format: "binary" });

/** Standard error responses for a route, all pointing at the Problem schema. */
export function problems(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, Problem]));
}
