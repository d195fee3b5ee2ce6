// Hand over equipment (the crane) into an organisation's custody. It travels through the
// hand-over endpoint, which creates the organisation's custody place on first use.
import { useState } from "react";
import { handOverEvent } from "../../../../src/core/field/flows.ts";
import { uuidv7 } from "../../../src/lib/uuidv7.ts";
import { useField } from "../state.tsx";
import { useT } from "../i18n.tsx";
import { useHeadingFocusOn } from "../lib/focus.ts";
import { go } from "../lib/router.ts";
import { parseDecimal } from "../lib/names.ts";
import { checkLines, LinesEditor, type LineDraft } from "./LinesEditor.tsx";
import { PlaceSelect } from "./PlaceSelect.tsx";

export default function HandOver() {
  const { t } = useT();
  const field = useField();
  const held = field.held!;
  const [from, setFrom] = useState(field.meta.settings?.place ?? "");
  const [organisation, setOrganisation] = useState("");
  const [lines, setLines] = useState<LineDraft[]>([{ item: "", quantity: "1" }]);
  const [errors, setErrors] = useState<{ lines?: Record<number, string>; from?: boolean; organisation?: boolean }>({});
  const [done, setDone] = useState(false);
  // One id per hand-over, made when the form opens: a double tap on Confirm is kept once, not as two hand-overs.
  const [eventId] = useState(uuidv7);
  useHeadingFocusOn(done);
  const custodians = Object.values(held.locations)
    .filter((l) => l.kind === "custody")
    .map((l) => l.code.replace(/^custody:/, ""));
  if (done) {
    return (
      <>
        <h1 tabIndex={-1}>{t("task.handover")}</h1>
        <p className="done" role="status">
          {t("unload.done", { count: 1 })}
        </p>
        <button type="button" className="button" onClick={() => go("home")}>
          {t("app.home")}
        </button>
      </>
    );
  }
  const confirm = async () => {
    const checked = checkLines(lines, parseDecimal, t("error.quantity"));
    const org = organisation.trim().toUpperCase();
    setErrors({
      ...(!checked.ok && { lines: checked.errors }),
      ...(!from && { from: true }),
      ...(!/^[A-Z0-9:._-]{1,64}$/.test(org) && { organisation: true }),
    });
    if (!checked.ok || !from || !/^[A-Z0-9:._-]{1,64}$/.test(org)) return;
    await field.record(
      "handover",
      [handOverEvent({ id: eventId, from, organisation: org, lines: checked.lines, stamp: field.stamp() })],
      { kind: "handover", organisation: org },
    );
    setDone(true);
  };
  return (
    <>
      <h1 tabIndex={-1}>{t("task.handover")}</h1>
      <PlaceSelect value={from} onChange={setFrom} label={t("handover.from")} invalid={!!errors.from} />
      <LinesEditor
        lines={lines}
        items={Object.values(held.items).filter((i) => i.kind === "equipment")}
        onChange={setLines}
        errors={errors.lines ?? {}}
      />
      <label className="field">
        <span>{t("handover.organisation")}</span>
        <input
          list="custodians"
          value={organisation}
          onChange={(e) => setOrganisation(e.target.value)}
          autoCapitalize="characters"
          aria-invalid={errors.organisation ? true : undefined}
        />
        <datalist id="custodians">
          {custodians.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </label>
      {errors.organisation && <p className="error">{t("error.required")}</p>}
      <button type="button" className="button button-primary button-block" onClick={() => void confirm()}>
        {t("handover.confirm")}
      </button>
    </>
  );
}
