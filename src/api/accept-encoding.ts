// Which content coding a client accepts best, of those a kept answer can be sent in
// (RFC 9110 §12.5.3): brotli, gzip, or the bytes as they are. A coding with q=0 is
// refused, `*` stands for every coding not named, and between equal weights brotli
// wins (it is the smaller). Identity is always possible: an answer is never refused.

export type Coding = "br" | "gzip" | "identity";

const OFFERED: readonly Exclude<Coding, "identity">[] = ["br", "gzip"];

/** The weight (0–1) of each coding named in an Accept-Encoding header; x-gzip is gzip. */
function weights(header: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name, ...params] = part.split(";");
    const coding = name!.trim().toLowerCase();
    if (coding === "") continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split("=");
      if (key?.trim().toLowerCase() !== "q") continue;
      const parsed = Number(value?.trim());
      q = Number.isFinite(parsed) && parsed >= 0 && parsed <= 1 ? parsed : 0;
    }
    out.set(coding === "x-gzip" ? "gzip" : coding, q);
  }
  return out;
}

/** The coding to send for this Accept-Encoding header (absent: identity). */
export function preferredCoding(header: string | undefined): Coding {
  if (!header) return "identity";
  // A browser sends the same header on every request: the last answer is kept.
  if (header === last.header) return last.coding;
  const named = weights(header);
  const any = named.get("*") ?? 0;
  let best: Coding = "identity";
  let bestQ = 0;
  for (const coding of OFFERED) {
    const q = named.get(coding) ?? any;
    if (q > bestQ) [best, bestQ] = [coding, q];
  }
  // A client may rank the bytes as they are above every compression.
  if ((named.get("identity") ?? 0) > bestQ) best = "identity";
  last = { header, coding: best };
  return best;
}

let last: { header: string; coding: Coding } = { header: "", coding: "identity" };
