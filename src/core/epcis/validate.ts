// Validation of EPCIS 2.0 JSON documents against GS1's own JSON Schema (draft-07,
// gs1/EPCIS-JSON-Schema.json, unmodified), with format checks. A failure names the
// JSON path of the first problem found.
import AjvModule, { type ErrorObject, type ValidateFunction } from "ajv";
import formatsModule from "ajv-formats";
import schema from "./gs1/EPCIS-JSON-Schema.json" with { type: "json" };

type AjvClass = typeof AjvModule.default;
const Ajv = ((AjvModule as unknown as { default?: AjvClass }).default ?? AjvModule) as AjvClass;
const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ??
  formatsModule) as unknown as (ajv: InstanceType<AjvClass>) => void;

let compiled: ValidateFunction | undefined;

/** The compiled validator (compiling takes a moment, so it is done once, on first use). */
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: false, strict: false, validateFormats: true });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

export type SchemaCheck = { ok: true } | { ok: false; pointer: string; path: string; message: string };

export function validateEpcis(document: unknown): SchemaCheck {
  const validate = validator();
  if (validate(document)) return { ok: true };
  const error = mostSpecific(validate.errors ?? []);
  if (!error) return { ok: false, pointer: "", path: "$", message: "$ is not a valid EPCIS 2.0 document" };
  const pointer = error.instancePath;
  const path = jsonPath(pointer);
  return { ok: false, pointer, path, message: `${path} ${describe(error)}` };
}

/**
 * Ajv stops at the first failing branch, but under if/then, allOf and anyOf it also
 * lists the enclosing keywords; the deepest concrete error is the one a person can fix.
 */
function mostSpecific(errors: readonly ErrorObject[]): ErrorObject | undefined {
  const concrete = errors.filter((e) => !["if", "anyOf", "oneOf", "allOf", "not"].includes(e.keyword));
  const pool = concrete.length > 0 ? concrete : errors;
  return [...pool].sort((a, b) => depth(b.instancePath) - depth(a.instancePath))[0];
}

const depth = (pointer: string) => (pointer === "" ? 0 : pointer.split("/").length);

function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case "required":
      return `is missing the required field ${JSON.stringify(e.params.missingProperty)}`;
    case "propertyNames":
      return `has a field ${JSON.stringify(e.params.propertyName)} that is neither an EPCIS field nor an extension URI`;
    case "additionalProperties":
      return `has a field ${JSON.stringify(e.params.additionalProperty)} that is not allowed here`;
    case "enum":
      return `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return e.message ?? "is invalid";
  }
}

/** A JSON pointer (/epcisBody/eventList/0/eventTime) as a JSONPath ($.epcisBody.eventList[0].eventTime). */
export function jsonPath(pointer: string): string {
  if (pointer === "") return "$";
  return (
    "$" +
    pointer
      .slice(1)
      .split("/")
      .map((raw) => {
        const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
        if (/^\d+$/.test(key)) return `[${key}]`;
        return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
      })
      .join("")
  );
}
