// A place of the operation where goods are handled (not virtual places, not areas).
import { useId } from "react";
import { useField } from "../state.tsx";
import { useT } from "../i18n.tsx";
import { nameIn } from "../lib/names.ts";

const PHYSICAL = [
  "origin-depot",
  "rail-station",
  "railhead",
  "hub-warehouse",
  "warehouse",
  "distribution-point",
  "neighbourhood",
];

export function PlaceSelect({
  value,
  onChange,
  label,
  invalid,
  kinds = PHYSICAL,
}: {
  value: string;
  onChange(code: string): void;
  label: string;
  invalid?: boolean;
  kinds?: string[];
}) {
  const { t, language } = useT();
  const held = useField().held!;
  const id = useId();
  const places = Object.values(held.locations).filter((l) => kinds.includes(l.kind));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
      >
        <option value="">{t("home.choose")}</option>
        {places.map((l) => (
          <option key={l.code} value={l.code}>
            {nameIn(language, l)}
          </option>
        ))}
      </select>
      {invalid && (
        <p className="error" id={`${id}-error`}>
          {t("error.required")}
        </p>
      )}
    </div>
  );
}
