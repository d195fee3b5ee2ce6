// The language of the app, chosen on the sign-in screen or in Settings.
import { LANGUAGES, useT, type Language } from "../i18n.tsx";

export function LanguagePicker() {
  const { t, language, setLanguage } = useT();
  return (
    <label className="field field-inline">
      <span>{t("app.language")}</span>
      <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {Object.entries(LANGUAGES).map(([code, name]) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
