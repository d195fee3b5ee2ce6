// Generates src/store/migrations/002_units_of_measure.sql from the UN/ECE Rec 20 list
// in ../shared/standards/units (ODC-PDDL 1.0, datasets/unece-units-of-measure).
// Keeps current codes only: rows marked X (deleted) or D (deprecated) are left out.
// Run once: node scripts/generate-uom-migration.mjs
import { readFileSync, writeFileSync } from "node:fs";

const source = new URL("../../shared/standards/units/rec20-units-of-measure.csv", import.meta.url);
const rows = parseCsv(readFileSync(source, "utf8")).slice(1);
const quote = (s) => (s === "" ? "null" : `'${s.replaceAll("'", "''")}'`);
const values = rows
  .filter(([status]) => status === "" || status === "¦")
  .map(([, code, name, , level, symbol]) => `  (${quote(code)}, ${quote(name)}, ${quote(symbol)}, ${quote(level)})`);
const sql = `-- UN/ECE Recommendation 20 units of measure (Revision 17), current codes only.
-- Source: datasets/unece-units-of-measure, data/units-of-measure.csv (ODC-PDDL 1.0),
-- copied from ../shared/standards/units by scripts/generate-uom-migration.mjs.
insert into units_of_measure (code, name, symbol, level) values
${values.join(",\n")};
`;
writeFileSync(new URL("../src/store/migrations/002_units_of_measure.sql", import.meta.url), sql);
console.log(`${values.length} units of measure written`);

function parseCsv(text) {
  const out = [];
  let row = [],
    field = "",
    quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      out.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    out.push(row);
  }
  return out;
}
