// Identifiers for EPCIS. We have no GS1 company prefix, so no GLNs, GTINs or SSCCs:
// locations, items and transport units get private HTTP URIs under one base that we
// control, scoped by operation because catalogues are per operation.
//
//   location        https://id.reliefline.org/<operation>/location/<code>
//   item (class)    https://id.reliefline.org/<operation>/item/<code>
//   transport unit  https://id.reliefline.org/<operation>/unit/<number>
//   organisation    https://id.reliefline.org/org/<code>   (organisations are shared)
//   extension terms https://id.reliefline.org/ns/epcis/<name>, prefix `rl:` in @context
//
// Segments are percent-encoded. On import the operation segment is not compared with
// the target operation: an operation's catalogue is the contract, so a document
// exported from one operation imports into another with the same codes.

export const ID_BASE = "https://id.reliefline.org";
export const RL_NAMESPACE = `${ID_BASE}/ns/epcis/`;
export const EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

export type IdKind = "location" | "item" | "unit";

const seg = (value: string) => encodeURIComponent(value);

export const locationUri = (operation: string, code: string): string =>
  `${ID_BASE}/${seg(operation)}/location/${seg(code)}`;
export const itemUri = (operation: string, code: string): string => `${ID_BASE}/${seg(operation)}/item/${seg(code)}`;
export const unitUri = (operation: string, number: string): string =>
  `${ID_BASE}/${seg(operation)}/unit/${seg(number)}`;
export const organisationUri = (code: string): string => `${ID_BASE}/org/${seg(code)}`;

const OURS = /^https:\/\/id\.reliefline\.org\/([^/]+)\/(location|item|unit)\/([^/?#]+)$/;
const ORG = /^https:\/\/id\.reliefline\.org\/org\/([^/?#]+)$/;

/** The code inside one of our URIs of the given kind, or undefined for any other URI. */
export function codeOf(uri: string, kind: IdKind): string | undefined {
  const m = OURS.exec(uri);
  if (!m || m[2] !== kind) return undefined;
  return decode(m[3]!);
}

export function organisationOf(uri: string): string | undefined {
  const m = ORG.exec(uri);
  return m ? decode(m[1]!) : undefined;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** A short form of a long identifier for messages. */
export const shortUri = (uri: string): string => (uri.length > 120 ? `${uri.slice(0, 117)}…` : uri);
