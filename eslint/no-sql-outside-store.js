// Rule: SQL lives in src/store only. Flags string and template literals that read like an
// SQL statement (keywords in lower or upper case, as we write SQL; "Select a unit" in prose
// is mixed case and passes). A statement found elsewhere is a missing store function.
const STATEMENTS = [
  /^select\s[\s\S]*?\bfrom\s+[a-z_"]/, // select … from table
  /^select\s+(\d|\*|\$\d|[a-z_][\w.]*\s*\()/, // select 1, select version(), select pg_advisory_lock($1)
  /^insert\s+into\s+[a-z_"]/,
  /^update\s+[a-z_"][\w."]*\s+set\s/,
  /^delete\s+from\s+[a-z_"]/,
  /^with\s+(recursive\s+)?[a-z_]\w*\s+as\s+(not\s+)?(materialized\s+)?\(/,
  /^(create|alter|drop)\s+(unique\s+)?(table|index|database|schema|view|function|trigger|extension|type|sequence)\s/,
  /^truncate\s+(table\s+)?[a-z_"]/,
  /^copy\s+[a-z_"][\w."]*\s*(\(|from\s|to\s)/,
  /^lock\s+table\s/,
];

/** The literal's text with whole-uppercase words lowered (SELECT → select, Select stays). */
function normalised(text) {
  return text.trimStart().replace(/\b[A-Z][A-Z_]*\b/g, (w) => w.toLowerCase());
}

export function looksLikeSql(text) {
  if (text.length < 8) return false;
  const t = normalised(text);
  return STATEMENTS.some((re) => re.test(t));
}

/** @type {import("eslint").Rule.RuleModule} */
const rule = {
  meta: {
    type: "problem",
    docs: { description: "SQL statements belong in src/store (*.sql.ts functions)" },
    schema: [],
    messages: {
      sql: 'SQL outside src/store: "{{start}}…". Put it in a store function (src/store/*.sql.ts) and call that.',
    },
  },
  create(context) {
    const check = (node, text) => {
      if (looksLikeSql(text))
        context.report({ node, messageId: "sql", data: { start: text.trim().slice(0, 40).replace(/\s+/g, " ") } });
    };
    return {
      Literal(node) {
        if (typeof node.value === "string") check(node, node.value);
      },
      TemplateLiteral(node) {
        check(node, node.quasis.map((q) => q.value.cooked ?? q.value.raw).join("x"));
      },
    };
  },
};

export default rule;
