// Enter one need: neighbourhood, item, quantity, priority, households and people (counts),
// who assessed it and when. The same neighbourhood and item again replaces the earlier figure.
import { nameIn } from "../../app/names.ts";
import { useState, type FormEvent, type ReactNode } from "react";
import { useAddNeeds } from "../../api/allocation.ts";
import { ApiError } from "../../api/client.ts";
import { useItems, useLocations } from "../../api/catalogue.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { FieldErrors, describedBy } from "../record/FieldErrors.tsx";
import { errorsAt } from "./format.ts";

const today = () => new Date().toISOString().slice(0, 10);

export function NeedForm({ op }: { op: string }) {
  const { t, language } = useI18n();
  const locations = useLocations(op);
  const items = useItems(op);
  const add = useAddNeeds(op);
  const [draft, setDraft] = useState({
    neighbourhood: "",
    item: "",
    quantity: "",
    priority: "1",
    households: "",
    people: "",
    source: "",
    assessedOn: today(),
  });
  const [missing, setMissing] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const set = (name: keyof typeof draft) => (e: { target: { value: string } }) => {
    setDraft({ ...draft, [name]: e.target.value });
    setSaved(false);
  };
  const error = add.error instanceof ApiError ? add.error : null;
  const errorsFor = (name: string) => [
    ...(missing.includes(name) ? [t("form.required")] : []),
    ...errorsAt(error?.errors, `/needs/0/${name}`),
  ];
  const neighbourhoods = (locations.data ?? []).filter((l) => l.kind === "neighbourhood");
  const goods = (items.data ?? []).filter((i) => i.kind !== "equipment");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const required = (["neighbourhood", "item", "quantity", "source", "assessedOn"] as const).filter(
      (k) => draft[k].trim() === "",
    );
    setMissing(required);
    if (required.length > 0) return;
    const count = (v: string) => (v.trim() === "" ? undefined : Number(v));
    add.mutate(
      [
        {
          neighbourhood: draft.neighbourhood,
          item: draft.item,
          quantity: draft.quantity.trim().replace(",", "."),
          priority: Number(draft.priority.replace(",", ".")) || undefined,
          households: count(draft.households),
          people: count(draft.people),
          source: draft.source.trim(),
          assessedOn: draft.assessedOn,
        },
      ],
      {
        onSuccess: () => {
          setSaved(true);
          setDraft({ ...draft, item: "", quantity: "" });
        },
      },
    );
  };

  const field = (
    name: keyof typeof draft,
    label: string,
    input: (props: { id: string; "aria-invalid"?: boolean; "aria-describedby"?: string }) => ReactNode,
    hint?: string,
  ) => {
    const errors = errorsFor(name);
    return (
      <div className="field">
        <label htmlFor={`need-${name}`}>{label}</label>
        {input({
          id: `need-${name}`,
          "aria-invalid": errors.length > 0 || undefined,
          "aria-describedby": describedBy(`need-${name}`, errors, !!hint),
        })}
        {hint && (
          <p className="hint" id={`need-${name}-hint`}>
            {hint}
          </p>
        )}
        <FieldErrors id={`need-${name}`} messages={errors} />
      </div>
    );
  };

  return (
    <form className="panel form-panel" onSubmit={submit} noValidate aria-labelledby="need-form-title">
      <h2 id="need-form-title" className="panel-title">
        {t("needs.add")}
      </h2>
      <div className="panel-body">
        {saved && (
          <p className="notice notice-success" role="status">
            {t("needs.saved")}
          </p>
        )}
        {error && error.errors.length === 0 && (
          <p className="notice notice-error" role="alert">
            <span lang="en">{error.detail}</span>
          </p>
        )}
        <div className="form-grid">
          {field("neighbourhood", t("needs.neighbourhood"), (p) => (
            <select {...p} value={draft.neighbourhood} onChange={set("neighbourhood")}>
              <option value="">{t("record.choose")}</option>
              {neighbourhoods.map((l) => (
                <option key={l.code} value={l.code}>
                  {nameIn(l, language)}
                </option>
              ))}
            </select>
          ))}
          {field("item", t("needs.item"), (p) => (
            <select {...p} value={draft.item} onChange={set("item")}>
              <option value="">{t("record.choose")}</option>
              {goods.map((i) => (
                <option key={i.code} value={i.code}>
                  {nameIn(i, language)}
                </option>
              ))}
            </select>
          ))}
          {field("quantity", t("needs.quantity"), (p) => (
            <input {...p} inputMode="decimal" value={draft.quantity} onChange={set("quantity")} autoComplete="off" />
          ))}
          {field(
            "priority",
            t("needs.priority"),
            (p) => (
              <input {...p} inputMode="decimal" value={draft.priority} onChange={set("priority")} autoComplete="off" />
            ),
            t("needs.priorityHint"),
          )}
          {field("households", t("needs.households"), (p) => (
            <input {...p} type="number" min={0} step={1} value={draft.households} onChange={set("households")} />
          ))}
          {field("people", t("needs.people"), (p) => (
            <input {...p} type="number" min={0} step={1} value={draft.people} onChange={set("people")} />
          ))}
          {field(
            "source",
            t("needs.source"),
            (p) => (
              <input {...p} value={draft.source} onChange={set("source")} autoComplete="off" />
            ),
            t("needs.sourceHint"),
          )}
          {field("assessedOn", t("needs.assessedOn"), (p) => (
            <input {...p} type="date" value={draft.assessedOn} onChange={set("assessedOn")} />
          ))}
        </div>
      </div>
      <div className="panel-footer form-actions">
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          {add.isPending ? t("common.saving") : t("needs.save")}
        </button>
      </div>
    </form>
  );
}
