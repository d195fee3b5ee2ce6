// What this team recorded today: waiting versus stored, the day's counts from the phone,
// and (online) the press statement's own text for the day, from the ledger.
import { useEffect, useState } from "react";
import { dayIn, daySummary } from "../../../../src/core/field/today.ts";
import { useField } from "../state.tsx";
import { useT } from "../i18n.tsx";
import { nameIn } from "../lib/names.ts";
import { call } from "../sync/api.ts";

export default function Today() {
  const { t, language, number } = useT();
  const field = useField();
  const held = field.held!;
  const tz = held.operation.timeZone;
  const day = dayIn(tz, Date.now() + (field.meta.clockOffsetMs ?? 0));
  const team = field.meta.settings?.team;
  const summary = daySummary(field.entries, day, tz, team || undefined);
  const [press, setPress] = useState<string | undefined>();
  const session = field.meta.session;
  useEffect(() => {
    if (!field.online || !session || session.ended) return;
    const lang = language === "ru" ? "ru" : "en";
    call<{ text: string }>(`/api/operations/${encodeURIComponent(held.operation.code)}/reports/press?date=${day}&lang=${lang}`, { token: session.token })
      .then((r) => setPress(r.text), () => setPress(undefined));
  }, [field.online, session, held.operation.code, day, language]);
  return (
    <>
      <h1 tabIndex={-1}>{t("today.title")} — {day}</h1>
      {summary.entries.length === 0 ? <p>{t("today.none")}</p> : (
        <dl className="figures">
          <div><dt>{t("today.stored")}</dt><dd>{summary.stored}</dd></div>
          <div><dt>{t("today.waiting")}</dt><dd>{summary.waiting}</dd></div>
        </dl>
      )}
      {summary.unitsUnloaded.length > 0 && <p>{t("today.units", { count: summary.unitsUnloaded.length })}: {summary.unitsUnloaded.join(", ")}</p>}
      {Object.keys(summary.unloadedByItem).length > 0 && (
        <ul className="plain">
          {Object.entries(summary.unloadedByItem).map(([item, q]) => <li key={item}>{nameIn(language, held.items[item] ?? { name: item })}: {number(q)} {held.items[item]?.uom}</li>)}
        </ul>
      )}
      {(summary.households > 0 || summary.people > 0) && <p>{t("today.reached", { households: summary.households, people: summary.people })}</p>}
      <section aria-labelledby="press">
        <h2 id="press">{t("today.press")}</h2>
        {press ? <blockquote className="press">{press}</blockquote> : <p className="muted">{t("today.pressOffline")}</p>}
      </section>
    </>
  );
}
