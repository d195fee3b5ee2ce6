// Every event on this phone with its state. A refused event shows the server's reason and
// the field at fault, and stays until the user corrects it (sent as a new event) or
// discards it; a conflict says another phone recorded that step first. An event the server
// answered "not now" waits again, with the time of the next try.
import { useEffect, useRef, useState } from "react";
import type { EventInput } from "../../../../src/core/events.ts";
import type { OutboxEntry } from "../../../../src/core/field/outbox.ts";
import { uuidv7 } from "../../../src/lib/uuidv7.ts";
import { useField } from "../state.tsx";
import { useT } from "../i18n.tsx";
import { focusHeading } from "../lib/focus.ts";
import { eventTypeLabel, fieldLabel, outboxLabel } from "../lib/outbox-label.ts";
import { refusalReason, type Term } from "../lib/refusal-reason.ts";

/** When the phone tries again, by the server's clock, in the operation's zone. */
type NextTry = { retryAt: number | undefined; offsetMs: number; timeZone: string | undefined };

function stateLabel({ t, clock }: ReturnType<typeof useT>, e: OutboxEntry, next: NextTry): string {
  const label = outboxLabel(e, next.retryAt);
  if ("at" in label) return t(label.key, { time: clock(label.at + next.offsetMs, next.timeZone) });
  if ("seq" in label) return t(label.key, { seq: label.seq });
  return t(label.key);
}

/** An event's type in the user's language. */
function typeText({ t }: ReturnType<typeof useT>, type: string): string {
  const label = eventTypeLabel(type);
  return "key" in label ? t(label.key) : label.text;
}

/** A field the server named, in words ("Line 1: item"). */
function fieldText({ t }: ReturnType<typeof useT>, pointer: string): string {
  const label = fieldLabel(pointer);
  if (!("key" in label)) return label.text;
  return label.line === undefined ? t(label.key) : t("field.line", { n: label.line, field: t(label.key) });
}

/** Why the server refused it, in the user's language; the server's own words only when the app has none. */
function reasonText({ t, uom }: ReturnType<typeof useT>, message: string): string {
  const reason = refusalReason(message);
  if ("text" in reason) return t("reason.serverSaid", { text: reason.text });
  const say = (term: Term) => (typeof term === "string" ? term : "key" in term ? t(term.key) : uom(term.uom));
  return t(reason.key, Object.fromEntries(Object.entries(reason.vars).map(([name, term]) => [name, say(term)])));
}

/** The value at a JSON pointer into an event, as text. */
function at(event: EventInput, pointer: string): string {
  const value = pointer
    .split("/")
    .slice(1)
    .reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], event);
  return value === undefined || typeof value === "object" ? "" : String(value);
}

function withValue(event: EventInput, pointer: string, text: string): EventInput {
  const copy = structuredClone(event) as unknown as Record<string, unknown>;
  const keys = pointer.split("/").slice(1);
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys.at(-1)!;
  node[last] = typeof node[last] === "number" ? Number(text) : text;
  return copy as unknown as EventInput;
}

function Correction({ entry, onDone }: { entry: OutboxEntry; onDone(): void }) {
  const i18n = useT();
  const { t } = i18n;
  const field = useField();
  const fields = (entry.errors ?? [])
    .map((e) => e.field)
    .filter((f) => f !== "/" && f !== "/id" && f !== "/type" && at(entry.event, f) !== "");
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(fields.map((f) => [f, at(entry.event, f)])),
  );
  const items = Object.keys(field.held?.items ?? {});
  // The correction's id, made once: a double tap on Send replaces the refused event by one new event, not two.
  const [correctionId] = useState(uuidv7);
  // The button that opened the correction is gone: the keyboard goes on at its first field.
  const form = useRef<HTMLDivElement>(null);
  useEffect(() => form.current?.querySelector<HTMLElement>("select, input, button")?.focus(), []);
  const send = async () => {
    let event: EventInput = { ...entry.event, id: correctionId };
    for (const f of fields) event = withValue(event, f, values[f] ?? "");
    await field.decide(entry, { type: "replace", by: event });
    onDone();
  };
  return (
    <div className="correction" ref={form}>
      {fields.map((f) => (
        <label className="field" key={f}>
          <span>{fieldText(i18n, f)}</span>
          {/\/item$/.test(f) ? (
            <select value={values[f]} onChange={(e) => setValues({ ...values, [f]: e.target.value })}>
              {/* A stable order (the refused value first when the catalogue no longer has it): an order
                  that followed the choice would send the arrow keys back and forth between two items. */}
              {[...(items.includes(at(entry.event, f)) ? [] : [at(entry.event, f)]), ...items].map((i) => (
                <option key={i} value={i}>
                  {i}
                </option>
              ))}
            </select>
          ) : (
            <input value={values[f]} onChange={(e) => setValues({ ...values, [f]: e.target.value })} />
          )}
        </label>
      ))}
      <div className="actions">
        <button type="button" className="button button-primary" onClick={() => void send()}>
          {t("outbox.send")}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t("outbox.cancel")}
        </button>
      </div>
    </div>
  );
}

export default function Outbox() {
  const i18n = useT();
  const { t, time } = i18n;
  const field = useField();
  const [editing, setEditing] = useState<string | undefined>();
  // A decision removes the buttons that had the focus: it goes back to the screen's heading.
  const closeCorrection = () => {
    setEditing(undefined);
    focusHeading();
  };
  const entries = [...field.entries].reverse();
  const next: NextTry = {
    retryAt: field.retryAt,
    offsetMs: field.meta.clockOffsetMs ?? 0,
    timeZone: field.held?.operation.timeZone,
  };
  return (
    <>
      <h1 tabIndex={-1}>{t("outbox.title")}</h1>
      {entries.length === 0 && <p>{t("outbox.empty")}</p>}
      <ol className="outbox" reversed>
        {entries.map((e) => (
          <li key={e.id} className={`entry state-${e.state}`} data-state={e.state}>
            <div className="entry-head">
              <span className="entry-type">
                {typeText(i18n, e.event.type)}
                {e.event.unit ? ` · ${e.event.unit}` : ""}
              </span>
              <span className="badge">{stateLabel(i18n, e, next)}</span>
            </div>
            <div className="small muted">{time(e.event.eventTime, field.held?.operation.timeZone)}</div>
            {e.state === "conflict" && <p className="small">{t("outbox.conflictHint")}</p>}
            {(e.state === "refused" || e.state === "conflict") && (
              <>
                <ul className="reasons">
                  {(e.errors ?? []).map((x, i) => (
                    <li key={i}>
                      {"key" in fieldLabel(x.field) && <strong>{fieldText(i18n, x.field)}</strong>}{" "}
                      <code>{x.field}</code> <span className="reason">{reasonText(i18n, x.message)}</span>
                    </li>
                  ))}
                </ul>
                {editing === e.id ? (
                  <Correction entry={e} onDone={closeCorrection} />
                ) : (
                  <div className="actions">
                    {e.state === "refused" && (
                      <button type="button" className="button" onClick={() => setEditing(e.id)}>
                        {t("outbox.correct")}
                      </button>
                    )}
                    <button
                      type="button"
                      className="button"
                      onClick={() => {
                        if (confirm(t("outbox.discardConfirm")))
                          void field.decide(e, { type: "discard" }).then(focusHeading);
                      }}
                    >
                      {t("outbox.discard")}
                    </button>
                  </div>
                )}
              </>
            )}
            {e.replacedBy && <p className="small muted">{t("outbox.replaced")}</p>}
          </li>
        ))}
      </ol>
    </>
  );
}
