// What this team recorded today: waiting versus stored and the day's counts from the
// phone; the day's lead figures as the press statement counts them (the core's rule over
// the units the phone holds, with its own unsent events on top, so they agree with the
// statement once those are stored); and (online) the press statement's own text.
import { useEffect, useMemo, useState } from "react";
import { byEndOf, daySummary } from "../../../../src/core/field/today.ts";
import { dayIn } from "../../../../src/core/calendar.ts";
import { dayLeadFigures } from "../../../../src/core/field/day-figures.ts";
import { parseCursor, type WsUnit } from "../../../../src/core/working-set.ts";
import { useField } from "../state.tsx";
import { useT } from "../i18n.tsx";
import { nameIn } from "../lib/names.ts";
import { call } from "../sync/api.ts";
import { listUnits } from "../store/db.ts";

export default function Today() {
  const { t, language, quantity, time } = useT();
  const field = useField();
  const held = field.held!;
  const tz = held.operation.timeZone;
  const day = dayIn(tz, Date.now() + (field.meta.clockOffsetMs ?? 0));
  const team = field.meta.settings?.team;
  const summary = daySummary(field.entries, day, tz, team || undefined);
  const [units, setUnits] = useState<WsUnit[] | undefined>();
  useEffect(() => {
    void listUnits().then(setUnits);
  }, [held.cursor]);
  const lead = useMemo(
    () =>
      units &&
      dayLeadFigures(
        Object.values(held.consignments ?? {}),
        units,
        field.entries,
        parseCursor(held.cursor)?.seq ?? 0,
        byEndOf(day, tz),
      ).filter((c) => c.planned > 0 || c.arrived.reached > 0),
    [units, held, field.entries, day, tz],
  );
  const [press, setPress] = useState<string | undefined>();
  const session = field.meta.session;
  useEffect(() => {
    if (!field.online || !session || session.ended) return;
    const lang = language === "ru" ? "ru" : "en";
    call<{ text: string }>(
      `/api/operations/${encodeURIComponent(held.operation.code)}/reports/press?date=${day}&lang=${lang}`,
      { token: session.token },
    ).then(
      (r) => setPress(r.text),
      () => setPress(undefined),
    );
  }, [field.online, session, held.operation.code, day, language]);
  return (
    <>
      <h1 tabIndex={-1}>
        {t("today.title")} — {day}
      </h1>
      {summary.entries.length === 0 ? (
        <p>{t("today.none")}</p>
      ) : (
        <dl className="figures">
          <div>
            <dt>{t("today.stored")}</dt>
            <dd>{summary.stored}</dd>
          </div>
          <div>
            <dt>{t("today.waiting")}</dt>
            <dd>{summary.waiting}</dd>
          </div>
        </dl>
      )}
      {summary.unitsUnloaded.length > 0 && (
        <p>
          {t("today.units", { count: summary.unitsUnloaded.length })}: {summary.unitsUnloaded.join(", ")}
        </p>
      )}
      {Object.keys(summary.unloadedByItem).length > 0 && (
        <ul className="plain">
          {Object.entries(summary.unloadedByItem).map(([item, q]) => (
            <li key={item}>
              {nameIn(language, held.items[item] ?? { name: item })}: {quantity(q, held.items[item]?.uom ?? "")}
            </li>
          ))}
        </ul>
      )}
      {(summary.households > 0 || summary.people > 0) && (
        <p>{t("today.reached", { households: summary.households, people: summary.people })}</p>
      )}
      {lead && lead.length > 0 && (
        <section aria-labelledby="lead">
          <h2 id="lead">{t("today.lead")}</h2>
          {lead.map((c) => (
            <div key={c.code} className="lead" data-testid={`lead-${c.code}`}>
              <h3>{nameIn(language, c)}</h3>
              <p className="lead-figure">{t("today.arrived", { reached: c.arrived.reached, planned: c.planned })}</p>
              <p>{t("today.arrivedSplit", { recorded: c.arrived.recorded, inferred: c.arrived.implied })}</p>
              <p>{t("today.unloaded", { reached: c.unloaded.reached, planned: c.planned })}</p>
              {c.pendingUnits > 0 && <p className="muted">{t("today.pendingUnits", { count: c.pendingUnits })}</p>}
            </div>
          ))}
          <p className="small muted">{t("today.leadRule")}</p>
          {field.meta.lastContact && (
            <p className="small muted">{t("today.asOf", { time: time(field.meta.lastContact, tz) })}</p>
          )}
        </section>
      )}
      <section aria-labelledby="press">
        <h2 id="press">{t("today.press")}</h2>
        {press ? (
          <blockquote className="press">{press}</blockquote>
        ) : (
          <p className="muted">{t("today.pressOffline")}</p>
        )}
      </section>
    </>
  );
}
