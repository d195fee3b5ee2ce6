// Lines of goods typed by hand: an item from the catalogue held on the phone and a quantity.
import { useId } from "react";
import type { WsItem } from "../../../../src/core/working-set.ts";
import { useT } from "../i18n.tsx";
import { nameIn } from "../lib/names.ts";

export interface LineDraft {
  item: string;
  quantity: string;
}

export function LinesEditor({
  lines,
  items,
  onChange,
  errors = {},
}: {
  lines: LineDraft[];
  items: WsItem[];
  onChange(lines: LineDraft[]): void;
  errors?: Record<number, string>;
}) {
  const { t, language, uom } = useT();
  const id = useId();
  const set = (i: number, change: Partial<LineDraft>) =>
    onChange(lines.map((l, j) => (j === i ? { ...l, ...change } : l)));
  return (
    <div className="lines">
      {lines.map((line, i) => (
        <fieldset key={i} className="line">
          <legend className="visually-hidden">
            {t("line.item")} {i + 1}
          </legend>
          <label className="field">
            <span>{t("line.item")}</span>
            <select value={line.item} onChange={(e) => set(i, { item: e.target.value })}>
              <option value="">{t("home.choose")}</option>
              {items.map((item) => (
                <option key={item.code} value={item.code}>
                  {nameIn(language, item)} ({uom(item.uom)})
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t("line.amount")}</span>
            <input
              inputMode="decimal"
              value={line.quantity}
              onChange={(e) => set(i, { quantity: e.target.value })}
              aria-invalid={errors[i] ? true : undefined}
              aria-describedby={errors[i] ? `${id}-${i}-error` : undefined}
            />
          </label>
          {errors[i] && (
            <p className="error" id={`${id}-${i}-error`}>
              {errors[i]}
            </p>
          )}
          {lines.length > 1 && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => onChange(lines.filter((_, j) => j !== i))}
            >
              {t("line.remove")}
            </button>
          )}
        </fieldset>
      ))}
      <button type="button" className="button" onClick={() => onChange([...lines, { item: "", quantity: "" }])}>
        {t("line.add")}
      </button>
    </div>
  );
}

/** The lines as the ledger takes them, or the index → message of each bad line. */
export function checkLines(
  lines: LineDraft[],
  parse: (q: string) => string | undefined,
  message: string,
): { ok: true; lines: { item: string; quantity: string }[] } | { ok: false; errors: Record<number, string> } {
  const errors: Record<number, string> = {};
  const out = lines.map((l, i) => {
    const quantity = parse(l.quantity);
    if (!l.item || !quantity || Number(quantity) === 0) errors[i] = message;
    return { item: l.item, quantity: quantity ?? "" };
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, lines: out };
}
