// The field phones of an operation: who signed in with which phone, when it last synced
// and what its outbox held then, its clock; revoke a lost phone. How soon facts reach the
// ledger, per team and day. Label sheets to print. A link to the field app itself.
import { useState } from "react";
import {
  useDevices,
  useRecordingDelays,
  useRevokeDevice,
  useConsignmentChoices,
  type Device,
} from "../../api/field.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import type { MessageKey } from "../../i18n/en.ts";
import { Loading, PageHeader, Panel, QueryError } from "../../app/ui.tsx";
import type { PageProps } from "../../app/page-props.ts";
import { formatDelay } from "./delay.ts";
import "./field-room.css";

function DeviceRow({ device, op, timeZone }: { device: Device; op: string; timeZone: string }) {
  const { t, dateTime } = useI18n();
  const revoke = useRevokeDevice(op);
  const off = device.lastClockOffsetMs === null ? null : Math.round(device.lastClockOffsetMs / 60_000);
  const stateTime = device.state === "revoked" ? device.revokedAt! : device.expiresAt;
  return (
    <tr>
      <td>
        {device.userName}
        <br />
        <span className="muted small">
          {device.email} · {device.role}
        </span>
      </td>
      <td>
        {device.label}
        <br />
        <span className="code">{device.installationId.slice(0, 8)}</span>
      </td>
      <td>{dateTime(device.createdAt, timeZone)}</td>
      <td>{device.lastSyncAt ? dateTime(device.lastSyncAt, timeZone) : t("fieldRoom.never")}</td>
      <td className="num">{device.lastOutboxSize ?? "—"}</td>
      <td>
        {off === null ? "—" : Math.abs(off) < 2 ? t("fieldRoom.clockOk") : t("fieldRoom.clockOff", { minutes: off })}
      </td>
      <td>{t(`fieldRoom.state.${device.state}` as MessageKey, { time: dateTime(stateTime, timeZone) })}</td>
      <td>
        {device.state === "active" && (
          <button
            type="button"
            className="button"
            aria-label={t("fieldRoom.revokeLabel", { label: device.label })}
            disabled={revoke.isPending}
            onClick={() => {
              if (confirm(t("fieldRoom.revokeConfirm", { label: device.label }))) revoke.mutate(device.id);
            }}
          >
            {t("fieldRoom.revoke")}
          </button>
        )}
      </td>
    </tr>
  );
}

export default function FieldPage({ op, timeZone }: PageProps) {
  const { t, number } = useI18n();
  const devices = useDevices(op);
  const [within, setWithin] = useState(24);
  const delays = useRecordingDelays(op, within);
  const consignments = useConsignmentChoices(op);
  const [consignment, setConsignment] = useState("");
  const [pallets, setPallets] = useState(0);
  const url = `${location.origin}/field/`;
  const labels = `/api/operations/${encodeURIComponent(op)}/labels.pdf?pallets=${pallets}${consignment ? `&consignment=${encodeURIComponent(consignment)}` : ""}`;
  return (
    <div className="field-room">
      <PageHeader
        title={t("fieldRoom.title")}
        intro={t("fieldRoom.intro")}
        actions={
          <a className="button button-primary" href="/field/">
            {t("fieldRoom.open")}
          </a>
        }
      />
      <p className="muted field-room-hint">{t("fieldRoom.openHint", { url })}</p>
      <Panel title={t("fieldRoom.devices")} id="devices-title">
        {devices.isPending ? (
          <Loading />
        ) : devices.error ? (
          <QueryError error={devices.error} />
        ) : devices.data.length === 0 ? (
          <p className="muted">{t("fieldRoom.none")}</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="devices-title">
            <table className="table" data-testid="devices">
              <thead>
                <tr>
                  {(["who", "device", "created", "lastSync", "outbox", "clock", "state"] as const).map((k) => (
                    <th key={k} scope="col">
                      {t(`fieldRoom.${k}` as MessageKey)}
                    </th>
                  ))}
                  <th scope="col">
                    <span className="visually-hidden">{t("fieldRoom.revoke")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {devices.data.map((d) => (
                  <DeviceRow key={d.id} device={d} op={op} timeZone={timeZone} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      <Panel title={t("fieldRoom.delays")} id="delays-title">
        <p className="muted">{t("fieldRoom.delaysIntro")}</p>
        <label className="field field-inline">
          <span>{t("fieldRoom.within", { hours: "N" })}</span>
          <select value={within} onChange={(e) => setWithin(Number(e.target.value))}>
            {[1, 6, 24, 72].map((h) => (
              <option key={h} value={h}>
                {t("fieldRoom.delayH", { n: h })}
              </option>
            ))}
          </select>
        </label>
        {delays.isPending ? (
          <Loading />
        ) : delays.error ? (
          <QueryError error={delays.error} />
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="delays-title">
            <table className="table" data-testid="recording-delays">
              <thead>
                <tr>
                  {(["day", "team", "events", "fromPhones", "offline", "median"] as const).map((k) => (
                    <th key={k} scope="col">
                      {t(`fieldRoom.${k}` as MessageKey)}
                    </th>
                  ))}
                  <th scope="col">{t("fieldRoom.within", { hours: within })}</th>
                </tr>
              </thead>
              <tbody>
                {delays.data.days.map((d) => (
                  <tr key={`${d.day}-${d.team}`}>
                    <td>{d.day}</td>
                    <td>{d.team ?? t("fieldRoom.noTeam")}</td>
                    <td className="num">{d.events}</td>
                    <td className="num">{d.fromDevices}</td>
                    <td className="num">{d.offline}</td>
                    <td className="num">{formatDelay(d.medianSeconds, t)}</td>
                    <td className="num">
                      {d.withinHours} ({number((d.withinShare * 100).toFixed(0))} %)
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      <Panel title={t("fieldRoom.labels")} id="labels-title">
        <p className="muted">{t("fieldRoom.labelsIntro")}</p>
        <div className="filters">
          <label className="field">
            <span>{t("fieldRoom.consignment")}</span>
            <select value={consignment} onChange={(e) => setConsignment(e.target.value)}>
              <option value="">{t("fieldRoom.allUnits")}</option>
              {(consignments.data ?? []).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name} ({c.code})
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t("fieldRoom.pallets")}</span>
            <input
              type="number"
              min={0}
              max={20}
              value={pallets}
              onChange={(e) => setPallets(Math.max(0, Math.min(20, Number(e.target.value) || 0)))}
            />
          </label>
        </div>
        <a className="button" href={labels} download>
          {t("fieldRoom.print")}
        </a>
      </Panel>
    </div>
  );
}
