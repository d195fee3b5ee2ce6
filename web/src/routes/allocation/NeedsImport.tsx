// Import needs from a CSV or XLSX sheet. The server checks every row first and names each
// error by row (as the spreadsheet numbers it) and column; nothing is stored unless all pass.
import { useId, useState, type FormEvent } from "react";
import { useImportNeeds } from "../../api/allocation.ts";
import { ApiError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";

const COLUMNS = "neighbourhood, item, quantity, priority, households, people, source, assessedOn";

/** The file's bytes as base64: the server detects a CSV's encoding (UTF-8, UTF-16, Windows-1251) rather than the browser guessing UTF-8. */
async function readFile(file: File): Promise<{ format: "csv" | "xlsx"; content: string; contentEncoding: "base64" }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { format: /\.xlsx$/i.test(file.name) ? "xlsx" : "csv", content: btoa(binary), contentEncoding: "base64" };
}

export function NeedsImport({ op }: { op: string }) {
  const { t, number } = useI18n();
  const importNeeds = useImportNeeds(op);
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const id = useId();
  const error = importNeeds.error instanceof ApiError ? importNeeds.error : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setMissing(true);
      return;
    }
    setMissing(false);
    importNeeds.mutate(await readFile(file));
  };

  const where = (field: string) => {
    const m = /^\/rows\/(\d+)(?:\/(.+))?$/.exec(field);
    if (!m) return field;
    return m[2]
      ? t("needs.import.rowColumn", { row: number(Number(m[1])), column: m[2] })
      : t("needs.import.row", { row: number(Number(m[1])) });
  };

  return (
    <form className="panel form-panel" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        {t("needs.import.title")}
      </h2>
      <div className="panel-body stack">
        <p className="muted small">{t("needs.import.intro")}</p>
        <p className="small">
          <span className="muted">{t("needs.import.columns")}</span> <code className="code">{COLUMNS}</code>
        </p>
        {importNeeds.isSuccess && (
          <p className="notice notice-success" role="status" data-testid="import-outcome">
            {t("needs.import.done", { count: importNeeds.data.length })}
          </p>
        )}
        {error && (
          <div className="notice notice-error" role="alert" data-testid="import-errors">
            <p>
              <strong>{t("needs.import.failed")}</strong>
            </p>
            {error.errors.length === 0 ? (
              <p lang="en">{error.detail}</p>
            ) : (
              <ul>
                {error.errors.map((e, i) => (
                  <li key={i}>
                    <strong>{where(e.field)}:</strong> <span lang="en">{e.message}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-file`}>{t("needs.import.file")}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setMissing(false);
              importNeeds.reset();
            }}
            aria-invalid={missing || undefined}
            aria-describedby={missing ? `${id}-file-error` : undefined}
          />
          {missing && (
            <ul className="field-errors" id={`${id}-file-error`}>
              <li>{t("needs.import.chooseFile")}</li>
            </ul>
          )}
        </div>
      </div>
      <div className="panel-footer form-actions">
        <button type="submit" className="button" disabled={importNeeds.isPending}>
          {importNeeds.isPending ? t("common.saving") : t("needs.import.submit")}
        </button>
      </div>
    </form>
  );
}
