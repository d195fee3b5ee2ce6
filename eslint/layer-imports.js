// Rule: a layer imports only what it may. Configured per folder in eslint.config.js, e.g.
// src/core (the pure domain) imports only src/core, packages that do no I/O, and node:crypto.
import { builtinModules } from "node:module";
import { dirname, relative, resolve, sep } from "node:path";

/** @type {import("eslint").Rule.RuleModule} */
const rule = {
  meta: {
    type: "problem",
    docs: { description: "keep each layer's imports within what it may use" },
    schema: [
      {
        type: "object",
        properties: {
          layer: { type: "string" },
          allowFolders: { type: "array", items: { type: "string" } },
          allowNode: { type: "array", items: { type: "string" } },
          denyPackages: { type: "array", items: { type: "string" } },
        },
        required: ["layer", "allowFolders"],
        additionalProperties: false,
      },
    ],
    messages: {
      folder: "{{layer}} may not import {{target}}: it may use only {{allowed}}.",
      node: "{{layer}} may not import the Node module {{name}} (I/O belongs in the shells).",
      package: "{{layer}} may not import {{name}} (I/O belongs in the shells).",
    },
  },
  create(context) {
    const { layer, allowFolders, allowNode = [], denyPackages = [] } = context.options[0];
    const root = context.cwd;
    const check = (node, spec) => {
      if (typeof spec !== "string") return;
      if (spec.startsWith(".")) {
        const target = relative(root, resolve(dirname(context.filename), spec))
          .split(sep)
          .join("/");
        if (!allowFolders.some((f) => target === f || target.startsWith(f + "/"))) {
          context.report({ node, messageId: "folder", data: { layer, target, allowed: allowFolders.join(", ") } });
        }
        return;
      }
      const bare = spec.split("/")[0];
      const builtin = spec.startsWith("node:")
        ? spec.slice(5).split("/")[0]
        : builtinModules.includes(bare)
          ? bare
          : null;
      if (builtin !== null) {
        if (!allowNode.includes(builtin)) context.report({ node, messageId: "node", data: { layer, name: spec } });
        return;
      }
      const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
      if (denyPackages.some((d) => name === d || (d.endsWith("/*") && name.startsWith(d.slice(0, -1))))) {
        context.report({ node, messageId: "package", data: { layer, name } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node.source, node.source.value),
    };
  },
};

export default rule;
