// Unload a car (at the railhead) or receive a truck (at the hub): find the unit, see what
// it should carry, confirm each line as counted or give the count and condition, then one
// confirmation records the missing arrival, the unloading and the count at receipt.
import { useId, useState } from "react";
import type { WsUnit } from "../../../../src/core/working-set.ts";
import {
  arrivalKnown,
  expectedCargo,
  missingBeforeUnloading,
  unloadedAlready,
  unloadingEvents,
  type CountedLine,
} from "../../../../src/core/field/flows.ts";
import { stepId } from "../../../../src/core/field/ids.ts";
import { useField } from "../state.tsx";
import { useT } from "../i18n.tsx";
import { useHeadingFocusOn } from "../lib/focus.ts";
import { go } from "../lib/router.ts";
import { nameIn, parseDecimal } from "../lib/names.ts";
import { UnitNumberField } from "./UnitNumberField.tsx";
import { LinesEditor, type LineDraft } from "./LinesEditor.tsx";
import type { FieldKey } from "../../../src/i18n/en-field.ts";

type Decision = { condition: CountedLine["condition"]; counted: string };

export function Unload({ mode, initialUnit }: { mode: "unload" | "receive"; initialUnit?: string }) {
  const { t, language, quantity, uom } = useT();
  const field = useField();
  const held = field.held!;
  const id = useId();
  const [unit, setUnit] = useState<WsUnit | undefined>();
  const [place, setPlace] = useState(field.meta.settings?.place ?? "");
  const [decisions, setDecisions] = useState<Record<number, Decision>>({});
  const [extra, setExtra] = useState<LineDraft[]>([{ item: "", quantity: "" }]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<number | undefined>();
  useHeadingFocusOn(`${unit?.number ?? ""}|${done ?? ""}`);
  const title = t(mode === "unload" ? "task.unload" : "task.receive");
  const places = Object.values(held.locations).filter(
    (l) =>
      ["railhead", "rail-station", "hub-warehouse", "warehouse", "distribution-point"].includes(l.kind) ||
      l.code === place,
  );

  if (done !== undefined) {
    return (
      <>
        <h1 tabIndex={-1}>{title}</h1>
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
              setDecisions({});
            }}
          >
            {title}
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
        <h1 tabIndex={-1}>{title}</h1>
        <UnitNumberField onFound={setUnit} {...(initialUnit && { initial: initialUnit })} />
      </>
    );
  }

  const cargo = expectedCargo(unit);
  const arrivalId = stepId(held.operation.code, unit.number, unit.trip, "UnitArrived");
  const arrivalQueued = field.entries.some((e) => e.id === arrivalId && e.state !== "discarded");
  const withArrival = !!place && !arrivalKnown(unit, place) && !arrivalQueued;
  const unloadId = stepId(held.operation.code, unit.number, unit.trip, "GoodsUnloaded");
  const onPhone = field.entries.some((e) => e.id === unloadId && e.state !== "discarded");
  // Already a fact (in the ledger or on this phone): the confirmation stays off, or it would record a second one.
  const alreadyUnloaded = unloadedAlready(unit, onPhone);
  // A trip the ledger never saw leave (nor, perhaps, load): recorded if the user confirms, but said plainly first.
  const departureId = stepId(held.operation.code, unit.number, unit.trip, "UnitDeparted");
  const departureOnPhone = field.entries.some((e) => e.id === departureId && e.state !== "discarded");
  const missing = alreadyUnloaded ? undefined : missingBeforeUnloading(unit, departureOnPhone);
  const placeName = (code: string) => (held.locations[code] ? nameIn(language, held.locations[code]!) : code);
  const itemName = (code: string) => (held.items[code] ? `${nameIn(language, held.items[code]!)}` : code);
  const uomCode = (item: string) => held.items[item]?.uom ?? "";

  const confirm = async () => {
    if (alreadyUnloaded) return;
    const problems: Record<string, string> = {};
    if (!place) problems.place = t("error.required");
    const lines: CountedLine[] = [];
    cargo.forEach((c, i) => {
      const d = decisions[i];
      if (!d) return void (problems[`line-${i}`] = t("error.required"));
      const counted = d.condition === "good" ? c.quantity : parseDecimal(d.counted);
      if (counted === undefined) return void (problems[`line-${i}`] = t("error.quantity"));
      lines.push({ item: c.item, expected: c.quantity, counted, condition: d.condition });
    });
    if (cargo.length === 0) {
      extra.forEach((l, i) => {
        const q = parseDecimal(l.quantity);
        if (!l.item || !q) problems[`extra-${i}`] = t("error.quantity");
        else lines.push({ item: l.item, expected: q, counted: q, condition: "good" });
      });
    }
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const team = field.meta.settings?.team;
    const events = unloadingEvents({
      operation: held.operation.code,
      unit,
      location: place,
      lines,
      stamp: field.stamp(),
      withArrival,
      ...(team && { team }),
    });
    setDone((await field.record(mode, events)).length);
  };

  return (
    <>
      <h1 tabIndex={-1}>
        {title}: {unit.number}
      </h1>
      <p className="muted">
        {t("unit.status", {
          status: t(`status.${unit.status}` as FieldKey),
          where: unit.lastLocation ? `· ${placeName(unit.lastLocation)}` : "",
        })}
      </p>
      {alreadyUnloaded && <p className="warn">{t("unit.already", { place: placeName(unit.lastLocation ?? "") })}</p>}
      <label className="field">
        <span>{t("unload.place")}</span>
        <select value={place} onChange={(e) => setPlace(e.target.value)} aria-invalid={errors.place ? true : undefined}>
          <option value="">{t("home.choose")}</option>
          {places.map((l) => (
            <option key={l.code} value={l.code}>
              {nameIn(language, l)}
            </option>
          ))}
        </select>
      </label>
      {errors.place && <p className="error">{errors.place}</p>}
      {withArrival && <p className="notice">{t("unload.arrival")}</p>}
      <h2>{t("unit.manifest")}</h2>
      {cargo.length === 0 && (
        <>
          <p className="muted">{t("unit.noManifest")}</p>
          <LinesEditor
            lines={extra}
            items={Object.values(held.items)}
            onChange={setExtra}
            errors={Object.fromEntries(
              Object.entries(errors)
                .filter(([k]) => k.startsWith("extra-"))
                .map(([k, v]) => [Number(k.slice(6)), v]),
            )}
          />
        </>
      )}
      <ol className="manifest">
        {cargo.map((c, i) => {
          const d = decisions[i];
          const set = (next: Decision) => setDecisions({ ...decisions, [i]: next });
          return (
            <li key={c.item}>
              <fieldset className="line" aria-describedby={errors[`line-${i}`] ? `${id}-line-${i}` : undefined}>
                <legend>
                  <strong>{itemName(c.item)}</strong> — {t("unit.manifest").toLowerCase()}:{" "}
                  {quantity(c.quantity, uomCode(c.item))}
                </legend>
                <div className="choices">
                  {(["good", "short", "damaged"] as const).map((condition) => (
                    <label key={condition} className="choice">
                      <input
                        type="radio"
                        name={`${id}-cond-${i}`}
                        checked={d?.condition === condition}
                        onChange={() => set({ condition, counted: d?.counted ?? "" })}
                      />
                      <span>{t(`cond.${condition}` as FieldKey)}</span>
                    </label>
                  ))}
                </div>
                {d && d.condition !== "good" && (
                  <label className="field">
                    <span>
                      {t("line.quantity")} ({uom(uomCode(c.item))})
                    </span>
                    <input
                      inputMode="decimal"
                      value={d.counted}
                      onChange={(e) => set({ ...d, counted: e.target.value })}
                    />
                  </label>
                )}
                {errors[`line-${i}`] && (
                  <p className="error" id={`${id}-line-${i}`}>
                    {errors[`line-${i}`]}
                  </p>
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {missing && (
        <p className="warn" id={`${id}-missing`} data-testid="missing-steps">
          {t(missing.missing === "departure" ? "unload.noDeparture" : "unload.noLoading", {
            unit: unit.number,
            discrepancy: t(`discrepancy.${missing.discrepancy}`),
          })}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button button-primary button-block"
          aria-describedby={missing ? `${id}-missing` : undefined}
          disabled={alreadyUnloaded}
          onClick={() => void confirm()}
        >
          {t("unload.confirm")}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setUnit(undefined)}>
          {t("app.back")}
        </button>
      </div>
    </>
  );
}
