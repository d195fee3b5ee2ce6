// Rule: no module may reach itself through its imports (static, type-only, re-exports and
// dynamic import() alike). The import graph is read once per lint run with TypeScript's
// pre-processor (no type-checking), so the rule stays fast; a file in a cycle is reported
// once, on its first import that leads back to it, with the whole cycle spelt out.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import ts from "typescript";

const EXTENSIONS = ["", ".ts", ".tsx", ".js", ".mjs", "/index.ts", "/index.tsx"];
const SOURCE = /\.(ts|tsx|js|mjs)$/;
const importsOf = new Map(); // absolute file -> [{ spec, target }]

function resolveImport(from, spec) {
  if (!spec.startsWith(".")) return null; // packages and node built-ins cannot close a cycle of ours
  const base = resolve(dirname(from), spec);
  for (const candidate of [...EXTENSIONS.map((e) => base + e), base.replace(/\.js$/, ".ts")]) {
    if (SOURCE.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function edges(file) {
  let list = importsOf.get(file);
  if (!list) {
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    list = info.importedFiles
      .map((i) => ({ spec: i.fileName, target: resolveImport(file, i.fileName) }))
      .filter((e) => e.target);
    importsOf.set(file, list);
  }
  return list;
}

/** A shortest path of imports from `start` back to `goal`, or null. */
function pathBack(start, goal) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const { target } of edges(file)) {
      if (target === goal) {
        const path = [file];
        for (let f = previous.get(file); f; f = previous.get(f)) path.unshift(f);
        return path;
      }
      if (!previous.has(target)) {
        previous.set(target, file);
        queue.push(target);
      }
    }
  }
  return null;
}

/** @type {import("eslint").Rule.RuleModule} */
const rule = {
  meta: {
    type: "problem",
    docs: { description: "forbid import cycles between our modules (type-only and dynamic imports included)" },
    schema: [],
    messages: { cycle: "import cycle: {{cycle}}. Move the shared type or function into a module of its own." },
  },
  create(context) {
    const file = context.filename;
    if (!SOURCE.test(file)) return {};
    return {
      Program(node) {
        const root = context.cwd;
        for (const { spec, target } of edges(file)) {
          const path = target === file ? [file] : pathBack(target, file);
          if (!path) continue;
          const cycle = [file, ...(target === file ? [] : path), file].map((f) => relative(root, f)).join(" → ");
          const at = node.body.find((s) => s.source?.value === spec) ?? node;
          context.report({ node: at, messageId: "cycle", data: { cycle } });
          return; // one report per file is enough to find the cycle
        }
      },
    };
  },
};

export default rule;
