// Record a unit's arrival or the goods unloaded from it. The form keeps one client id
// per attempt: a retry after a network failure sends the same id, so the ledger
// answers it as a duplicate instead of recording it twice.
import { nameIn } from "../../app/names.ts";
import { useState, type FormEvent } from "react";
import { useItems, useLocations } from "../../api/catalogue.ts";
import { useRecordEvent } from "../../api/events.ts";
import { ApiError } from "../../api/client.ts";
import type { LedgerEvent, RecordOutcome } from "../../api/types.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import type { MessageKey } from "../../i18n/en.ts";
import { uuidv7 } from "../../lib/uuidv7.ts";
import { nowLocal, zonedIso } from "../../lib/zoned-time.ts";
import { PageHeader } from "../../app/ui.tsx";
import type { PageProps } from "../../app/page-props.ts";
import { canRecordArrivals } from "../../app/permissions.ts";
import { FieldErrors, describedBy } from "./FieldErrors.tsx";
import { GoodsLines, type LineDraft } from "./GoodsLines.tsx";

const FORM_TYPES = ["UnitArrived", "GoodsUnloaded"] as const;
type FormType = (typeof FORM_TYPES)[number];
const PLACE_KINDS = new Set([
  "origin-depot",
  "rail-station",
  "railhead",
  "hub-warehouse",
  "warehouse",
  "distribution-point",
]);

export default function RecordEventPage({ op, role, timeZone }: PageProps) {
  const { t, language } = useI18n();
  const locations = useLocations(op);
  const items = useItems(op);
  const record = useRecordEvent(op);
  const [id, setId] = useState(() => uuidv7());
  const [type, setType] = useState<FormType>("UnitArrived");
  const [unit, setUnit] = useState("");
  const [location, setLocation] = useState("");
  const [time, setTime] = useState(() => nowLocal(timeZone));
  const [team, setTeam] = useState("");
  const [note, setNote] = useState("");
  const [lines, setLines] = useState<LineDraft[]>([{ key: 0, item: "", quantity: "" }]);
  const [outcome, setOutcome] = useState<RecordOutcome | null>(null);

  if (!canRecordArrivals(role))
    return (
      <>
        <PageHeader title={t("record.title")} />
        <p className="notice">{t("record.notAllowed")}</p>
      </>
    );

  const places = (locations.data ?? []).filter((l) => PLACE_KINDS.has(l.kind));
  const units = (locations.data ?? [])
    .filter((l) => l.kind === "transport-unit")
    .map((l) => l.code.replace(/^unit:/, ""));
  const error = record.error instanceof ApiError ? record.error : null;
  const errorsFor = (pointer: string) => error?.forField(pointer) ?? [];
  const fieldPointers = new Set([
    "/unit",
    "/location",
    "/eventTime",
    "/team",
    "/note",
    "/type",
    "/lines",
    ...lines.flatMap((_, i) => [`/lines/${i}`, `/lines/${i}/item`, `/lines/${i}/quantity`]),
  ]);
  const otherErrors = error?.errors.filter((e) => !fieldPointers.has(e.field)) ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const body: LedgerEvent = {
      id,
      type,
      eventTime: zonedIso(time, timeZone),
      ...(unit.trim() && { unit: unit.trim() }),
      ...(location && { location }),
      ...(team.trim() && { team: team.trim() }),
      ...(note.trim() && { note: note.trim() }),
      ...(type === "GoodsUnloaded" && {
        lines: lines.map((l) => ({ item: l.item, quantity: l.quantity.trim().replace(",", ".") })),
      }),
    };
    record.mutate(body, {
      onSuccess: (result) => {
        setOutcome(result);
        setId(uuidv7());
        setUnit("");
        setNote("");
        setLines([{ key: Date.now(), item: "", quantity: "" }]);
      },
    });
  };

  return (
    <>
      <PageHeader title={t("record.title")} intro={t("record.intro")} />
      <form className="panel form" onSubmit={submit} noValidate aria-describedby={error ? "record-error" : undefined}>
        <div className="panel-body">
          {outcome && (
            <p className="notice notice-success" role="status" data-testid="record-outcome">
              {t(outcome.status === "created" ? "record.created" : "record.duplicate", { seq: outcome.seq })}
            </p>
          )}
          {error && (
            <div className="notice notice-error" role="alert" id="record-error">
              <p>
                <strong>{t("record.failed")}</strong> {error.errors.length === 0 ? error.detail : null}
              </p>
              {otherErrors.length > 0 && (
                <ul>
                  {otherErrors.map((e, i) => (
                    <li key={i}>
                      <code>{e.field}</code> {e.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <fieldset className="segmented">
            <legend>{t("record.type")}</legend>
            {FORM_TYPES.map((value) => (
              <label key={value} className={type === value ? "checked" : ""}>
                <input
                  type="radio"
                  name="type"
                  value={value}
                  checked={type === value}
                  onChange={() => setType(value)}
                />
                <span>{t(`event.${value}` as MessageKey)}</span>
              </label>
            ))}
          </fieldset>
          <div className="form-grid">
            <div className="field">
              <label htmlFor="unit">{t("record.unit")}</label>
              <input
                id="unit"
                list="unit-options"
                value={unit}
                onChange={(e) => setUnit(e.target.value)}
                autoComplete="off"
                aria-invalid={errorsFor("/unit").length > 0 || undefined}
                aria-describedby={describedBy("unit", errorsFor("/unit"), true)}
              />
              <datalist id="unit-options">
                {units.map((u) => (
                  <option key={u} value={u} />
                ))}
              </datalist>
              <p className="hint" id="unit-hint">
                {t("record.unitHint")}
              </p>
              <FieldErrors id="unit" messages={errorsFor("/unit")} />
            </div>
            <div className="field">
              <label htmlFor="location">{t("record.location")}</label>
              <select
                id="location"
                value={location}
                onChange={(e) => setLocation(e.target.value)}
                aria-invalid={errorsFor("/location").length > 0 || undefined}
                aria-describedby={describedBy("location", errorsFor("/location"))}
              >
                <option value="">{t("record.choose")}</option>
                {places.map((l) => (
                  <option key={l.code} value={l.code}>
                    {nameIn(l, language)}
                  </option>
                ))}
              </select>
              <FieldErrors id="location" messages={errorsFor("/location")} />
            </div>
            <div className="field">
              <label htmlFor="eventTime">{t("record.eventTime")}</label>
              <input
                id="eventTime"
                type="datetime-local"
                value={time}
                onChange={(e) => setTime(e.target.value)}
                required
                aria-invalid={errorsFor("/eventTime").length > 0 || undefined}
                aria-describedby={describedBy("eventTime", errorsFor("/eventTime"), true)}
              />
              <p className="hint" id="eventTime-hint">
                {t("record.eventTimeHint", { zone: timeZone })}
              </p>
              <FieldErrors id="eventTime" messages={errorsFor("/eventTime")} />
            </div>
            <div className="field">
              <label htmlFor="team">{t("record.team")}</label>
              <input
                id="team"
                value={team}
                onChange={(e) => setTeam(e.target.value)}
                autoComplete="off"
                aria-invalid={errorsFor("/team").length > 0 || undefined}
                aria-describedby={describedBy("team", errorsFor("/team"))}
              />
              <FieldErrors id="team" messages={errorsFor("/team")} />
            </div>
          </div>
          {type === "GoodsUnloaded" && (
            <GoodsLines
              idPrefix="line-"
              lines={lines}
              setLines={setLines}
              items={items.data ?? []}
              errorsFor={errorsFor}
            />
          )}
          <div className="field">
            <label htmlFor="note">{t("record.note")}</label>
            <textarea
              id="note"
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-invalid={errorsFor("/note").length > 0 || undefined}
              aria-describedby={describedBy("note", errorsFor("/note"))}
            />
            <FieldErrors id="note" messages={errorsFor("/note")} />
          </div>
        </div>
        <div className="panel-footer form-actions">
          <button type="submit" className="button button-primary" disabled={record.isPending}>
            {record.isPending ? t("record.busy") : t("record.submit")}
          </button>
        </div>
      </form>
    </>
  );
}
