// A transport unit's number, checked as it is typed with the server's check-digit rules
// (src/core/identifiers.ts: UIC 12-digit, 1520 mm 8-digit, ISO 6346). A number whose
// check digit fails can still be used once the user confirms it reads exactly so on the
// unit, as in the operations room. The camera can read it instead (Scanner, lazy).
import { lazy, Suspense, useEffect, useId, useState, type FormEvent } from "react";
import type { WsUnit } from "../../../../src/core/working-set.ts";
import { checkUnitNumber, normaliseUnitNumber } from "../../../../src/core/identifiers.ts";
import { parseScannedCode } from "../../../../src/core/labels.ts";
import { findUnit, listUnits } from "../store/db.ts";
import { useField } from "../state.tsx";
import { useT } from "../i18n.tsx";

const Scanner = lazy(() => import("./Scanner.tsx"));

async function lookUp(raw: string): Promise<WsUnit | undefined> {
  const typed = raw.trim().toUpperCase();
  const normal = normaliseUnitNumber(raw);
  return (
    (await findUnit(typed)) ??
    (await findUnit(normal)) ??
    (await listUnits()).find((u) => normaliseUnitNumber(u.number) === normal)
  );
}

export function UnitNumberField({
  onFound,
  initial,
  label,
}: {
  onFound(unit: WsUnit): void;
  initial?: string;
  label?: string;
}) {
  const { t } = useT();
  const field = useField();
  const id = useId();
  const [raw, setRaw] = useState(initial ?? "");
  const [confirmed, setConfirmed] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const check = raw.trim() ? checkUnitNumber(raw) : undefined;
  const needsConfirmation = check?.status === "bad-check-digit";

  const find = async (value: string, readConfirmed: boolean) => {
    const c = checkUnitNumber(value);
    if (c.status === "malformed") return setProblem(t("unit.malformed"));
    if (c.status === "bad-check-digit" && !readConfirmed)
      return setProblem(t("unit.badCheck", { expected: c.expected, found: c.found }));
    const unit = await lookUp(value);
    if (!unit) return setProblem(t("unit.unknown", { number: value.trim() }));
    setProblem(undefined);
    onFound(unit);
  };

  useEffect(() => {
    if (initial) void find(initial, true);
    // Only the number the screen was opened with (a label's link), once.
  }, [initial]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void find(raw, confirmed);
  };

  const scanned = (text: string) => {
    setScanning(false);
    const code = parseScannedCode(text);
    if (code.kind === "label" && code.label.operation !== field.held?.operation.code)
      return setProblem(t("scan.otherOperation", { operation: code.label.operation }));
    const number = code.kind === "label" ? code.label.unit : code.number;
    setRaw(number);
    setConfirmed(false);
    // A label we printed names a registered unit: no check digit to doubt.
    void find(number, code.kind === "label");
  };

  return (
    <form onSubmit={submit} className="unit-number" noValidate>
      <label className="field" htmlFor={`${id}-number`}>
        <span>{label ?? t("unit.number")}</span>
      </label>
      <div className="input-row">
        <input
          id={`${id}-number`}
          value={raw}
          inputMode="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          onChange={(e) => {
            setRaw(e.target.value);
            setConfirmed(false);
            setProblem(undefined);
          }}
          aria-invalid={problem || needsConfirmation ? true : undefined}
          aria-describedby={`${id}-check`}
        />
        <button type="button" className="button" onClick={() => setScanning(true)}>
          {t("unit.scan")}
        </button>
      </div>
      <div id={`${id}-check`} aria-live="polite">
        {check?.status === "valid" && <p className="ok">{t("unit.checkValid")}</p>}
        {needsConfirmation && (
          <p className="warn">{t("unit.badCheck", { expected: check.expected, found: check.found })}</p>
        )}
        {problem &&
          !(needsConfirmation && problem === t("unit.badCheck", { expected: check.expected, found: check.found })) && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
      </div>
      {needsConfirmation && (
        <label className="check">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
          <span>{t("unit.confirmRead")}</span>
        </label>
      )}
      <button
        type="submit"
        className="button button-primary button-block"
        disabled={!raw.trim() || (needsConfirmation && !confirmed)}
      >
        {t("unit.find")}
      </button>
      {scanning && (
        <Suspense fallback={<p role="status">{t("app.loading")}</p>}>
          <Scanner onRead={scanned} onClose={() => setScanning(false)} />
        </Suspense>
      )}
    </form>
  );
}
