// A migration file split into its statements, for a Citus coordinator: Citus propagates some
// DDL (a trigger, a function a trigger calls) to the workers by the text of the command that
// ran it, and when that text holds several statements a worker refuses it ("cannot insert
// multiple commands into a prepared statement"). Splits at semicolons outside string
// literals, quoted identifiers, dollar-quoted bodies and comments; drops empty statements.

/** The statements of `sql`, each without its closing semicolon; comments and blank ones left out. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  let meaningful = false;
  const push = (end: number) => {
    if (meaningful) out.push(sql.slice(start, end).trim());
    start = end + 1;
    meaningful = false;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "-" && next === "-") {
      const eol = sql.indexOf("\n", i);
      i = eol === -1 ? sql.length : eol + 1;
    } else if (c === "/" && next === "*") {
      i = skipBlockComment(sql, i);
    } else if (c === "'") {
      const escaped = i > 0 && /[eE]/.test(sql[i - 1]!) && !/[\w$]/.test(sql[i - 2] ?? " ");
      i = skipQuoted(sql, i, "'", escaped);
      meaningful = true;
    } else if (c === '"') {
      i = skipQuoted(sql, i, '"', false);
      meaningful = true;
    } else if (c === "$" && !/[\w$]/.test(sql[i - 1] ?? " ")) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i))?.[0];
      if (tag) {
        const close = sql.indexOf(tag, i + tag.length);
        i = close === -1 ? sql.length : close + tag.length;
      } else i += 1;
      meaningful = true;
    } else if (c === ";") {
      push(i);
      i += 1;
    } else {
      if (!/\s/.test(c)) meaningful = true;
      i += 1;
    }
  }
  push(sql.length);
  return out;
}

/** Index after the quoted text starting at `i` (a doubled quote stays inside; with `escaped`, a backslash escapes too). */
function skipQuoted(sql: string, i: number, quote: string, escaped: boolean): number {
  let j = i + 1;
  while (j < sql.length) {
    if (escaped && sql[j] === "\\") j += 2;
    else if (sql[j] === quote && sql[j + 1] === quote) j += 2;
    else if (sql[j] === quote) return j + 1;
    else j += 1;
  }
  return j;
}

/** Index after the block comment starting at `i` (PostgreSQL's block comments nest). */
function skipBlockComment(sql: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < sql.length) {
    if (sql[j] === "/" && sql[j + 1] === "*") {
      depth += 1;
      j += 2;
    } else if (sql[j] === "*" && sql[j + 1] === "/") {
      depth -= 1;
      j += 2;
      if (depth === 0) return j;
    } else j += 1;
  }
  return j;
}
