// Every route's OpenAPI responses list what its guards can send, not only its own refusals: the
// guards run before (or around) every handler, so a client generated from the document must know
// their statuses too. Each guard declares its answers beside itself (GuardAnswer); this onRoute
// hook adds them to each route's response schemas, with what they mean and their Retry-After.
// The schemas are replaced, never changed in place: routes may share them.
import type { RouteOptions } from "fastify";
import type { TSchema } from "@sinclair/typebox";
import { Problem } from "./schemas.ts";
import type { AnswerHeader, GuardAnswer, RouteFacts } from "./guard-answer.ts";
import { REQUEST_GUARD_ANSWERS } from "./request-guards.ts";
import { CONTENT_CODING_ANSWERS } from "./content-coding.ts";
import { MEDIA_TYPE_ANSWERS } from "./media-types.ts";
import { BODY_ANSWERS } from "./body-limits.ts";
import { SIGN_IN_ANSWERS } from "./auth.ts";
import { ERROR_HANDLER_ANSWERS } from "./problem.ts";

/** Every guard's answers, in the order the guards run. */
export const GUARD_ANSWERS: readonly GuardAnswer[] = [
  ...REQUEST_GUARD_ANSWERS,
  ...SIGN_IN_ANSWERS,
  ...CONTENT_CODING_ANSWERS,
  ...MEDIA_TYPE_ANSWERS,
  ...BODY_ANSWERS,
  ...ERROR_HANDLER_ANSWERS,
];

type ResponseSchema = TSchema & { description?: string; headers?: Record<string, AnswerHeader> };

/**
 * An onRoute hook (after the body limit and the counted routes are set): adds to the route's responses
 * each status a guard can send on it, then documents every 4xx and 5xx as application/problem+json (RFC
 * 9457), the media type it is sent in. A route hidden from the document, or with no schema, is left alone.
 */
export function documentGuardAnswers(route: RouteOptions, answers: readonly GuardAnswer[] = GUARD_ANSWERS): void {
  const schema = route.schema;
  if (!schema || schema.hide) return;
  const facts: RouteFacts[] = [route.method].flat().map((method) => ({
    method: method.toUpperCase(),
    url: route.url,
    config: route.config ?? {},
    bodyLimit: route.bodyLimit!,
    schema,
  }));
  const byStatus = new Map<number, { texts: string[]; headers: Record<string, AnswerHeader> }>();
  for (const answer of answers) {
    const applies = facts.filter((f) => answer.appliesTo(f));
    if (applies.length === 0) continue;
    const entry = byStatus.get(answer.status) ?? { texts: [], headers: {} };
    const text = answer.describe(applies[0]!);
    if (!entry.texts.includes(text)) entry.texts.push(text);
    Object.assign(entry.headers, answer.headers);
    byStatus.set(answer.status, entry);
  }
  const responses = { ...((schema.response ?? {}) as Record<string, ResponseSchema>) };
  for (const [status, { texts, headers }] of byStatus) {
    const own = responses[status];
    const description =
      own === undefined
        ? texts.join(" Or: ")
        : own === Problem
          ? [`Besides this route's own reasons: ${texts[0]}`, ...texts.slice(1)].join(" Or: ")
          : [own.description ?? "", ...texts].filter(Boolean).join(" Or: ");
    const allHeaders = { ...own?.headers, ...headers };
    responses[status] = {
      ...(own ?? Problem),
      description,
      ...(Object.keys(allHeaders).length > 0 && { headers: allHeaders }),
    };
  }
  for (const [status, response] of Object.entries(responses))
    if (Number(status) >= 400) responses[status] = asProblemJson(response);
  route.schema = { ...schema, response: responses };
}

const PROBLEM_JSON = "application/problem+json";

/**
 * A failure's response schema with its body under application/problem+json, as sendProblem sends it:
 * a bare schema is moved under that media type (its description and headers stay on the response), a
 * schema already keyed by media type has its application/json renamed. Fastify picks the serializer by
 * the answer's media type, so problems are still serialised by the same schema. A route's own answer in
 * another media type (a public page's HTML 404, written for people) is left as the route says.
 */
function asProblemJson(response: ResponseSchema): ResponseSchema {
  const { content } = response as { content?: Record<string, { schema: TSchema }> };
  if (content !== undefined) {
    const { "application/json": json, ...others } = content;
    return json === undefined ? response : { ...response, content: { ...others, [PROBLEM_JSON]: json } };
  }
  const { description, headers, ...body } = response;
  return {
    description: description ?? Problem.description,
    ...(headers !== undefined && { headers }),
    content: { [PROBLEM_JSON]: { schema: body } },
  } as unknown as ResponseSchema;
}
