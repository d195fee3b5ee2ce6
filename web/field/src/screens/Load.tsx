// Load a truck for the road leg: the truck, what goes into it from this place, and
// whether it leaves now (its departure is recorded with the loading).
import { useState } from "react";
import type { WsUnit } from "../../../../src/core/working-set.ts";
import { loadingEvents } from "../../../../src/core/field/flows.ts";
import { useField } from "../state.tsx";
import { useT } from "../i18n.tsx";
import { useHeadingFocusOn } from "../lib/focus.ts";
import { go } from "../lib/router.ts";
import { nameIn, parseDecimal } from "../lib/names.ts";
import { UnitNumberField } from "./UnitNumberField.tsx";
import { checkLines, LinesEditor, type LineDraft } from "./LinesEditor.tsx";
import { PlaceSelect } from "./PlaceSelect.tsx";

export default function Load() {
  const { t, language } = useT();
  const field = useField();
  const held = field.held!;
  const [unit, setUnit] = useState<WsUnit | undefined>();
  const [place, setPlace] = useState(field.meta.settings?.place ?? "");
  const [lines, setLines] = useState<LineDraft[]>([{ item: "", quantity: "" }]);
  const [departs, setDeparts] = useState(true);
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [placeError, setPlaceError] = useState(false);
  const [done, setDone] = useState<number | undefined>();
  useHeadingFocusOn(`${unit?.number ?? ""}|${done ?? ""}`);

  if (done !== undefined) {
    return (
      <>
        <h1 tabIndex={-1}>{t("task.load")}</h1>
        <p className="done" role="status">
          {t("unload.done", { count: done })}
        </p>
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setUnit(undefined);
              setDone(undefined);
              setLines([{ item: "", quantity: "" }]);
            }}
          >
            {t("task.load")}
          </button>
          <button type="button" className="button" onClick={() => go("home")}>
            {t("app.home")}
          </button>
        </div>
      </>
    );
  }
  if (!unit) {
    return (
      <>
        <h1 tabIndex={-1}>{t("task.load")}</h1>
        <UnitNumberField onFound={setUnit} label={t("load.truck")} />
      </>
    );
  }
  const confirm = async () => {
    const checked = checkLines(lines, parseDecimal, t("error.quantity"));
    setErrors(checked.ok ? {} : checked.errors);
    setPlaceError(!place);
    if (!checked.ok || !place) return;
    const team = field.meta.settings?.team;
    const events = loadingEvents({
      operation: held.operation.code,
      unit,
      location: place,
      lines: checked.lines,
      departs,
      stamp: field.stamp(),
      ...(team && { team }),
    });
    await field.record("load", events);
    setDone(events.length);
  };
  return (
    <>
      <h1 tabIndex={-1}>
        {t("task.load")}: {unit.number}
      </h1>
      <PlaceSelect value={place} onChange={setPlace} invalid={placeError} label={t("home.place")} />
      <LinesEditor
        lines={lines}
        items={Object.values(held.items).filter((i) => i.kind === "goods")}
        onChange={setLines}
        errors={errors}
      />
      <label className="check">
        <input type="checkbox" checked={departs} onChange={(e) => setDeparts(e.target.checked)} />
        <span>{t("load.departs")}</span>
      </label>
      <p className="small muted">{nameIn(language, held.locations[place] ?? { name: place })}</p>
      <div className="actions">
        <button type="button" className="button button-primary button-block" onClick={() => void confirm()}>
          {t("load.confirm")}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setUnit(undefined)}>
          {t("app.back")}
        </button>
      </div>
    </>
  );
}
