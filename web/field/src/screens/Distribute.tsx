// Hand out at a distribution point: what the approved plan says for this point, what was
// handed out, and how many households and people were reached. Counts only: a note that
// looks like it holds a name's contact or an id is caught here, as the server would.
import { useState } from "react";
import { distributionEvent } from "../../../../src/core/field/flows.ts";
import { findPersonalData } from "../../../../src/core/personal-data.ts";
import { uuidv7 } from "../../../src/lib/uuidv7.ts";
import { useField } from "../state.tsx";
import { useT } from "../i18n.tsx";
import { useHeadingFocusOn } from "../lib/focus.ts";
import { go } from "../lib/router.ts";
import { nameIn, parseCount, parseDecimal } from "../lib/names.ts";
import { checkLines, LinesEditor, type LineDraft } from "./LinesEditor.tsx";
import { PlaceSelect } from "./PlaceSelect.tsx";

export default function Distribute() {
  const { t, language, quantity } = useT();
  const field = useField();
  const held = field.held!;
  const [point, setPoint] = useState(
    held.locations[field.meta.settings?.place ?? ""]?.kind === "neighbourhood" ? field.meta.settings!.place! : "",
  );
  const [lines, setLines] = useState<LineDraft[]>([{ item: "", quantity: "" }]);
  const [households, setHouseholds] = useState("");
  const [people, setPeople] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<{
    lines?: Record<number, string>;
    point?: boolean;
    households?: boolean;
    people?: boolean;
    note?: string;
  }>({});
  const [done, setDone] = useState(false);
  // One id per hand-out, made when the form opens: a double tap on Confirm records the same event twice,
  // which the outbox keeps once, not two hand-outs.
  const [eventId, setEventId] = useState(uuidv7);
  useHeadingFocusOn(done);
  const planned = held.planLines.filter((l) => l.neighbourhood === point);

  if (done) {
    return (
      <>
        <h1 tabIndex={-1}>{t("task.distribute")}</h1>
        <p className="done" role="status">
          {t("unload.done", { count: 1 })}
        </p>
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setDone(false);
              setEventId(uuidv7());
              setLines([{ item: "", quantity: "" }]);
              setHouseholds("");
              setPeople("");
              setNote("");
            }}
          >
            {t("task.distribute")}
          </button>
          <button type="button" className="button" onClick={() => go("home")}>
            {t("app.home")}
          </button>
        </div>
      </>
    );
  }
  const confirm = async () => {
    const checked = checkLines(lines, parseDecimal, t("error.quantity"));
    const h = parseCount(households);
    const p = parseCount(people);
    const personal = note.trim() ? findPersonalData(note) : undefined;
    const next = {
      ...(!checked.ok && { lines: checked.errors }),
      ...(!point && { point: true }),
      ...(h === undefined && { households: true }),
      ...(p === undefined && { people: true }),
      ...(personal && { note: t("distribute.personal", { kind: t(`reason.kind.${personal}`) }) }),
    };
    setErrors(next);
    if (!checked.ok || !point || h === undefined || p === undefined || personal) return;
    const team = field.meta.settings?.team;
    await field.record("distribute", [
      distributionEvent({
        id: eventId,
        neighbourhood: point,
        lines: checked.lines,
        households: h,
        people: p,
        note,
        stamp: field.stamp(),
        ...(team && { team }),
      }),
    ]);
    setDone(true);
  };
  return (
    <>
      <h1 tabIndex={-1}>{t("task.distribute")}</h1>
      <PlaceSelect
        value={point}
        onChange={setPoint}
        label={t("distribute.point")}
        invalid={!!errors.point}
        kinds={["neighbourhood", "distribution-point"]}
      />
      {planned.length > 0 && (
        <section aria-labelledby="planned">
          <h2 id="planned">{t("distribute.planned")}</h2>
          <ul className="plain">
            {planned.map((l) => (
              <li key={`${l.plan}-${l.item}`}>
                {nameIn(language, held.items[l.item] ?? { name: l.item })}:{" "}
                {quantity(l.quantity, held.items[l.item]?.uom ?? "")}
              </li>
            ))}
          </ul>
        </section>
      )}
      <LinesEditor
        lines={lines}
        items={Object.values(held.items).filter((i) => i.kind === "goods")}
        onChange={setLines}
        errors={errors.lines ?? {}}
      />
      <div className="pair">
        <label className="field">
          <span>{t("distribute.households")}</span>
          <input
            inputMode="numeric"
            value={households}
            onChange={(e) => setHouseholds(e.target.value)}
            aria-invalid={errors.households ? true : undefined}
          />
        </label>
        <label className="field">
          <span>{t("distribute.people")}</span>
          <input
            inputMode="numeric"
            value={people}
            onChange={(e) => setPeople(e.target.value)}
            aria-invalid={errors.people ? true : undefined}
          />
        </label>
      </div>
      {(errors.households || errors.people) && <p className="error">{t("error.count")}</p>}
      <label className="field">
        <span>{t("distribute.note")}</span>
        <textarea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={2000}
          rows={2}
          aria-invalid={errors.note ? true : undefined}
        />
      </label>
      {errors.note && (
        <p className="error" role="alert">
          {errors.note}
        </p>
      )}
      <button type="button" className="button button-primary button-block" onClick={() => void confirm()}>
        {t("distribute.confirm")}
      </button>
    </>
  );
}
