// Route schemas compiled on first use instead of at start-up. Compiling the validators
// (ajv) and response serializers (fast-json-stringify) of every route costs most of a
// second when the server starts, though a given server may never see half its routes;
// compiled lazily, each route pays a few milliseconds on its first request.
import SerializerSelectorModule, {
  type SerializerFactory,
  type Serializer,
} from "@fastify/fast-json-stringify-compiler";
import type { FastifySchemaValidationError } from "fastify/types/schema.js";

type Validate = ((data: unknown) => boolean) & { errors?: FastifySchemaValidationError[] | null };

/** A validator that compiles on its first call and exposes the compiled one's `errors`, as Fastify reads them. */
export function lazyValidator(compile: () => Validate): Validate {
  let compiled: Validate | undefined;
  const validate: Validate = (data) => {
    compiled ??= compile();
    const valid = compiled(data);
    validate.errors = compiled.errors ?? null;
    return valid;
  };
  return validate;
}

const SerializerSelector = ((SerializerSelectorModule as unknown as { default?: () => SerializerFactory }).default ??
  SerializerSelectorModule) as unknown as () => SerializerFactory;

/** Fastify's own serializer factory (fast-json-stringify), each route's serializer built on its first response. */
export function lazySerializerFactory(): SerializerFactory {
  const eager = SerializerSelector();
  return (externalSchemas, options) => {
    const build = eager(externalSchemas, options);
    return (route) => {
      let serialize: Serializer | undefined;
      return (data) => (serialize ??= build(route))(data);
    };
  };
}
