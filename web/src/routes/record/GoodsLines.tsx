// The goods lines of an event form (item and quantity, one or more), with the server's
// errors shown under the field they name (/lines/0/quantity): shared by the forms that
// record unloading and distributions.
import { nameIn } from "../../app/names.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { FieldErrors, describedBy } from "./FieldErrors.tsx";

export interface LineDraft {
  key: number;
  item: string;
  quantity: string;
}

export const emptyLine = (): LineDraft => ({ key: Date.now(), item: "", quantity: "" });

interface Props {
  /** Prefix of the inputs' ids, unique on the page. */
  idPrefix: string;
  lines: LineDraft[];
  setLines(lines: LineDraft[]): void;
  items: readonly { code: string; name: string }[];
  errorsFor(pointer: string): string[];
}

export function GoodsLines({ idPrefix, lines, setLines, items, errorsFor }: Props) {
  const { t, language } = useI18n();
  const updateLine = (key: number, patch: Partial<LineDraft>) =>
    setLines(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  return (
    <fieldset className="lines">
      <legend>{t("record.lines")}</legend>
      <FieldErrors id={`${idPrefix}lines`} messages={errorsFor("/lines")} />
      {lines.map((line, i) => {
        const id = `${idPrefix}${i}`;
        const itemErrors = [...errorsFor(`/lines/${i}`), ...errorsFor(`/lines/${i}/item`)];
        const quantityErrors = errorsFor(`/lines/${i}/quantity`);
        return (
          <div className="line" key={line.key} role="group" aria-label={t("record.line", { n: i + 1 })}>
            <div className="field">
              <label htmlFor={`${id}-item`}>{t("record.item")}</label>
              <select
                id={`${id}-item`}
                value={line.item}
                onChange={(e) => updateLine(line.key, { item: e.target.value })}
                aria-invalid={itemErrors.length > 0 || undefined}
                aria-describedby={describedBy(`${id}-item`, itemErrors)}
              >
                <option value="">{t("record.choose")}</option>
                {items.map((it) => (
                  <option key={it.code} value={it.code}>
                    {nameIn(it, language)}
                  </option>
                ))}
              </select>
              <FieldErrors id={`${id}-item`} messages={itemErrors} />
            </div>
            <div className="field field-quantity">
              <label htmlFor={`${id}-quantity`}>{t("record.quantity")}</label>
              <input
                id={`${id}-quantity`}
                inputMode="decimal"
                value={line.quantity}
                onChange={(e) => updateLine(line.key, { quantity: e.target.value })}
                aria-invalid={quantityErrors.length > 0 || undefined}
                aria-describedby={describedBy(`${id}-quantity`, quantityErrors)}
              />
              <FieldErrors id={`${id}-quantity`} messages={quantityErrors} />
            </div>
            <button
              type="button"
              className="button button-quiet line-remove"
              onClick={() => setLines(lines.filter((l) => l.key !== line.key))}
              disabled={lines.length === 1}
              aria-label={t("record.removeLine", { n: i + 1 })}
            >
              ×
            </button>
          </div>
        );
      })}
      <button type="button" className="button" onClick={() => setLines([...lines, emptyLine()])}>
        {t("record.addLine")}
      </button>
    </fieldset>
  );
}
