// A text cut at the claims' spans, as a tree: a span inside another ("54 train cars"
// inside "nine out of 54 train cars") nests within it. Spans that cross are clipped to
// their parent, so the tree is always well formed.
export interface SpanNode {
  start: number;
  end: number;
  /** The claim id, or undefined for plain text. */
  claim?: string;
  children: SpanNode[];
}

export interface Span {
  id: string;
  start: number;
  end: number;
}

export function spanTree(length: number, spans: readonly Span[]): SpanNode {
  const root: SpanNode = { start: 0, end: length, children: [] };
  const sorted = [...spans]
    .filter((s) => s.start < s.end && s.start >= 0 && s.end <= length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const stack: SpanNode[] = [root];
  for (const s of sorted) {
    while (stack.length > 1 && s.start >= stack.at(-1)!.end) stack.pop();
    const parent = stack.at(-1)!;
    const node: SpanNode = { start: s.start, end: Math.min(s.end, parent.end), claim: s.id, children: [] };
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

/** The pieces of a node: plain text between its children, and the children themselves. */
export function pieces(node: SpanNode): ({ text: [number, number] } | { node: SpanNode })[] {
  const out: ({ text: [number, number] } | { node: SpanNode })[] = [];
  let at = node.start;
  for (const child of node.children) {
    if (child.start > at) out.push({ text: [at, child.start] });
    out.push({ node: child });
    at = child.end;
  }
  if (at < node.end) out.push({ text: [at, node.end] });
  return out;
}
