// Schemas of the field app's API: device credentials, the working set, the per-event
// answers of a sync batch, recording delays and label sheets.
import { Type } from "@sinclair/typebox";
import { ROLES } from "../core/roles.ts";

// (schemas.ts imports OriginInput from here, so this file does not import it back.)
const UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
const Uuid = Type.String({ pattern: UUID_PATTERN });
const strict = { additionalProperties: false } as const;
const literals = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: "string", enum: [...values], ...(description && { description }) });

/** An ISO 8601 date-time with an offset (the shape decide checks for event times). */
export const OFFSET_TIME_PATTERN = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:\\d{2})$";

/** What the field app says about how it recorded an event; the server adds the device. */
export const OriginInput = Type.Object(
  {
    offline: Type.Optional(Type.Boolean({ description: "Recorded while the phone had no connection" })),
    deviceTime: Type.Optional(
      Type.String({
        pattern: OFFSET_TIME_PATTERN,
        description: "The phone's own clock when recorded, before correction",
      }),
    ),
    clockOffsetMs: Type.Optional(
      Type.Integer({
        minimum: -(10 ** 12),
        maximum: 10 ** 12,
        description: "Correction added to the phone's clock: server minus phone time at the last contact",
      }),
    ),
  },
  { ...strict, description: "Field app only (device sign-in): how the event was recorded" },
);

export const BatchQuery = Type.Object(
  {
    mode: Type.Optional(
      literals(
        ["all", "each"] as const,
        "all: store the whole batch or nothing (default); each: answer every event on its own, store the good ones in order",
      ),
    ),
  },
  strict,
);

const FieldErrorOut = Type.Object({ field: Type.String(), message: Type.String() });
export const BatchResult = Type.Object({
  id: Uuid,
  seq: Type.Optional(Type.Integer({ description: "Ledger sequence number, for created and duplicate events" })),
  status: literals(["created", "duplicate", "refused", "conflict"] as const),
  errors: Type.Optional(
    Type.Array(FieldErrorOut, { description: "Why a refused or conflicting event was not stored" }),
  ),
});
export const BatchResponse = Type.Object({
  created: Type.Integer(),
  duplicates: Type.Integer(),
  refused: Type.Optional(Type.Integer()),
  conflicts: Type.Optional(Type.Integer()),
  results: Type.Array(BatchResult),
});

export const NewDevice = Type.Object(
  {
    label: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'What the team calls this phone, e.g. "Railhead phone 2"',
    }),
    installationId: Type.String({
      pattern: UUID_PATTERN,
      description: "The app's own id, kept on the phone across sign-ins",
    }),
  },
  strict,
);

export const IssuedDevice = Type.Object({
  id: Uuid,
  token: Type.String({ description: "The bearer credential; shown once" }),
  operation: Type.String(),
  role: literals(ROLES),
  email: Type.String(),
  label: Type.String(),
  installationId: Uuid,
  expiresAt: Type.String({ format: "date-time" }),
});

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
export const DeviceOut = Type.Object({
  id: Uuid,
  email: Type.String(),
  userName: Type.String(),
  role: literals(ROLES),
  label: Type.String(),
  installationId: Uuid,
  createdAt: Type.String({ format: "date-time" }),
  expiresAt: Type.String({ format: "date-time" }),
  revokedAt: Nullable(Type.String({ format: "date-time" })),
  lastSyncAt: Nullable(Type.String({ format: "date-time" })),
  lastOutboxSize: Type.Union([Type.Integer(), Type.Null()]),
  lastClockOffsetMs: Type.Union([Type.Integer(), Type.Null()]),
  state: literals(["active", "expired", "revoked"] as const),
});

export const DeviceParams = Type.Object({ op: Type.String({ maxLength: 64 }), id: Uuid }, strict);
