// The tasks this role may do here, and where and with which team the phone works.
import type { Role } from "../../../../src/core/roles.ts";
import { useField } from "../state.tsx";
import { useT } from "../i18n.tsx";
import { tasksFor } from "../lib/tasks.ts";
import { nameIn } from "../lib/names.ts";
import type { FieldKey } from "../../../src/i18n/en-field.ts";

export function Home() {
  const { t, language } = useT();
  const field = useField();
  const held = field.held!;
  const tasks = tasksFor(held.operation.role as Role);
  const places = Object.values(held.locations).filter(
    (l) => !["donor", "transit", "loss", "custody", "recipients", "country", "region", "city"].includes(l.kind),
  );
  const settings = field.meta.settings ?? {};
  return (
    <>
      <h1 tabIndex={-1}>{nameIn(language, held.operation)}</h1>
      <div className="where">
        <label className="field">
          <span>{t("home.place")}</span>
          <select value={settings.place ?? ""} onChange={(e) => void field.setSettings({ place: e.target.value })}>
            <option value="">{t("home.choose")}</option>
            {places.map((l) => (
              <option key={l.code} value={l.code}>
                {nameIn(language, l)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("home.team")}</span>
          <select value={settings.team ?? ""} onChange={(e) => void field.setSettings({ team: e.target.value })}>
            <option value="">{t("home.noTeam")}</option>
            {Object.values(held.teams).map((team) => (
              <option key={team.code} value={team.code}>
                {nameIn(language, team)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {tasks.length === 0 && (
        <p className="notice">{t("home.readOnly", { role: t(`role.${held.operation.role}` as FieldKey) })}</p>
      )}
      <nav aria-label={t("home.title")}>
        <ul className="tasks">
          {[...tasks, "today" as const, "settings" as const].map((task) => (
            <li key={task}>
              <a className="task" href={`#/${task}`}>
                <span className="task-name">{t(`task.${task}` as FieldKey)}</span>
                {task !== "settings" && <span className="task-hint">{t(`task.${task}.hint` as FieldKey)}</span>}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
