// Record a distribution in a neighbourhood: items and quantities handed over, and how many
// households and people were reached — counts only. The server refuses a note that looks like
// personal data (a phone number, an e-mail, an ID number); its message is shown under the note.
import { nameIn } from "../../app/names.ts";
import { useState, type FormEvent } from "react";
import { useRecordEvent } from "../../api/events.ts";
import { ApiError } from "../../api/client.ts";
import { useItems, useLocations } from "../../api/catalogue.ts";
import type { RecordOutcome } from "../../api/types.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { uuidv7 } from "../../lib/uuidv7.ts";
import { nowLocal, zonedIso } from "../../lib/zoned-time.ts";
import { FieldErrors, describedBy } from "../record/FieldErrors.tsx";
import { GoodsLines, type LineDraft } from "../record/GoodsLines.tsx";

export function DistributionForm({ op, timeZone }: { op: string; timeZone: string }) {
  const { t, language } = useI18n();
  const locations = useLocations(op);
  const items = useItems(op);
  const record = useRecordEvent(op);
  const [id, setId] = useState(() => uuidv7());
  const [neighbourhood, setNeighbourhood] = useState("");
  const [time, setTime] = useState(() => nowLocal(timeZone));
  const [households, setHouseholds] = useState("");
  const [people, setPeople] = useState("");
  const [note, setNote] = useState("");
  const [lines, setLines] = useState<LineDraft[]>([{ key: 0, item: "", quantity: "" }]);
  const [missing, setMissing] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<RecordOutcome | null>(null);
  const neighbourhoods = (locations.data ?? []).filter((l) => l.kind === "neighbourhood");
  const goods = (items.data ?? []).filter((i) => i.kind !== "equipment");
  const error = record.error instanceof ApiError ? record.error : null;
  const errorsFor = (pointer: string, local = pointer) => [
    ...(missing.includes(local) ? [t("form.required")] : []),
    ...(error?.forField(pointer) ?? []),
  ];
  const known = new Set([
    "/neighbourhood",
    "/location",
    "/from",
    "/to",
    "/eventTime",
    "/households",
    "/people",
    "/note",
    "/lines",
    ...lines.flatMap((_, i) => [`/lines/${i}`, `/lines/${i}/item`, `/lines/${i}/quantity`]),
  ]);
  const otherErrors = error?.errors.filter((e) => !known.has(e.field)) ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const absent = [
      ...(neighbourhood ? [] : ["/neighbourhood"]),
      ...lines.flatMap((l, i) => [
        ...(l.item ? [] : [`/lines/${i}/item`]),
        ...(l.quantity.trim() ? [] : [`/lines/${i}/quantity`]),
      ]),
    ];
    setMissing(absent);
    if (absent.length > 0) return;
    const count = (v: string) => (v.trim() === "" ? undefined : Number(v));
    record.mutate(
      {
        id,
        type: "GoodsDistributed",
        eventTime: zonedIso(time, timeZone),
        location: neighbourhood,
        neighbourhood,
        lines: lines.map((l) => ({ item: l.item, quantity: l.quantity.trim().replace(",", ".") })),
        ...(count(households) !== undefined && { households: count(households) }),
        ...(count(people) !== undefined && { people: count(people) }),
        ...(note.trim() && { note: note.trim() }),
      },
      {
        onSuccess: (result) => {
          setOutcome(result);
          setId(uuidv7());
          setNote("");
          setLines([{ key: Date.now(), item: "", quantity: "" }]);
        },
      },
    );
  };
  const neighbourhoodErrors = [
    ...errorsFor("/neighbourhood"),
    ...errorsFor("/location"),
    ...errorsFor("/from"),
    ...errorsFor("/to"),
  ];

  return (
    <form className="panel form-panel" onSubmit={submit} noValidate aria-labelledby="distribution-form-title">
      <h2 id="distribution-form-title" className="panel-title">
        {t("distribution.record")}
      </h2>
      <div className="panel-body">
        <p className="muted small">{t("distribution.recordIntro")}</p>
        {outcome && (
          <p className="notice notice-success" role="status" data-testid="distribution-outcome">
            {t(outcome.status === "created" ? "record.created" : "record.duplicate", { seq: outcome.seq })}
          </p>
        )}
        {error && (
          <div className="notice notice-error" role="alert">
            <p>
              <strong>{t("distribution.failed")}</strong>{" "}
              {error.errors.length === 0 ? <span lang="en">{error.detail}</span> : null}
            </p>
            {otherErrors.length > 0 && (
              <ul>
                {otherErrors.map((e, i) => (
                  <li key={i}>
                    <code>{e.field}</code> <span lang="en">{e.message}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="form-grid">
          <div className="field">
            <label htmlFor="dist-neighbourhood">{t("needs.neighbourhood")}</label>
            <select
              id="dist-neighbourhood"
              value={neighbourhood}
              onChange={(e) => setNeighbourhood(e.target.value)}
              aria-invalid={neighbourhoodErrors.length > 0 || undefined}
              aria-describedby={describedBy("dist-neighbourhood", neighbourhoodErrors)}
            >
              <option value="">{t("record.choose")}</option>
              {neighbourhoods.map((l) => (
                <option key={l.code} value={l.code}>
                  {nameIn(l, language)}
                </option>
              ))}
            </select>
            <FieldErrors id="dist-neighbourhood" messages={neighbourhoodErrors} />
          </div>
          <div className="field">
            <label htmlFor="dist-time">{t("record.eventTime")}</label>
            <input
              id="dist-time"
              type="datetime-local"
              value={time}
              onChange={(e) => setTime(e.target.value)}
              aria-describedby={describedBy("dist-time", errorsFor("/eventTime"), true)}
              aria-invalid={errorsFor("/eventTime").length > 0 || undefined}
            />
            <p className="hint" id="dist-time-hint">
              {t("record.eventTimeHint", { zone: timeZone })}
            </p>
            <FieldErrors id="dist-time" messages={errorsFor("/eventTime")} />
          </div>
          <div className="field">
            <label htmlFor="dist-households">{t("distribution.households")}</label>
            <input
              id="dist-households"
              type="number"
              min={0}
              step={1}
              value={households}
              onChange={(e) => setHouseholds(e.target.value)}
              aria-invalid={errorsFor("/households").length > 0 || undefined}
              aria-describedby={describedBy("dist-households", errorsFor("/households"))}
            />
            <FieldErrors id="dist-households" messages={errorsFor("/households")} />
          </div>
          <div className="field">
            <label htmlFor="dist-people">{t("distribution.people")}</label>
            <input
              id="dist-people"
              type="number"
              min={0}
              step={1}
              value={people}
              onChange={(e) => setPeople(e.target.value)}
              aria-invalid={errorsFor("/people").length > 0 || undefined}
              aria-describedby={describedBy("dist-people", errorsFor("/people"))}
            />
            <FieldErrors id="dist-people" messages={errorsFor("/people")} />
          </div>
        </div>
        <GoodsLines idPrefix="dist-" lines={lines} setLines={setLines} items={goods} errorsFor={errorsFor} />
        <div className="field">
          <label htmlFor="dist-note">{t("record.note")}</label>
          <textarea
            id="dist-note"
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={errorsFor("/note").length > 0 || undefined}
            aria-describedby={describedBy("dist-note", errorsFor("/note"), true)}
          />
          <p className="hint" id="dist-note-hint">
            {t("distribution.noteHint")}
          </p>
          <FieldErrors id="dist-note" messages={errorsFor("/note")} />
        </div>
      </div>
      <div className="panel-footer form-actions">
        <button type="submit" className="button button-primary" disabled={record.isPending}>
          {record.isPending ? t("record.busy") : t("distribution.submit")}
        </button>
      </div>
    </form>
  );
}
