// Equipment is not consumed: it is handed over to a local organisation, and stays on the
// books in that organisation's custody location (custody:<org>, created on first hand-over),
// so the asset remains visible with its custodian.
import type { LocalisedNames } from "../core/names.ts";
import type { EventInput, LineInput } from "../core/events.ts";
import { custodyLocation } from "../core/events.ts";
import type { Db } from "../store/db.ts";
import { findLocationRefs, findOrganisation, insertLocations } from "../store/catalogue.sql.ts";
import { listEquipment, type Asset } from "../store/stock.sql.ts";
import { AppError } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import { recordEvents } from "./record-events.ts";
import type { RecordOutcome } from "./decide-request.ts";

export interface HandOver {
  id: string;
  eventTime: string;
  /** Where the equipment is now, e.g. the hub. */
  from: string;
  /** The organisation taking custody, e.g. STP-UTIL. */
  organisation: string;
  lines: LineInput[];
  note?: string;
}

export async function handOverEquipment(
  db: Db,
  principal: Principal,
  operationCode: string,
  h: HandOver,
  now: Date,
): Promise<RecordOutcome> {
  const { operation } = await authorise(db, principal, operationCode, {
    kind: "record",
    eventType: "EquipmentHandedOver",
  });
  const custody = await ensureCustody(db, operation.id, h.organisation);
  const event: EventInput = {
    id: h.id,
    type: "EquipmentHandedOver",
    eventTime: h.eventTime,
    from: h.from,
    to: custody,
    lines: h.lines,
    ...(h.note !== undefined && { note: h.note }),
  };
  const [outcome] = await recordEvents(db, principal, operationCode, [event], now);
  return outcome!;
}

/** The custody location of an organisation in an operation, created the first time it is needed. */
export async function ensureCustody(db: Db, operationId: string, organisationCode: string): Promise<string> {
  const org = await findOrganisation(db, organisationCode);
  if (!org)
    throw new AppError(
      "invalid",
      `The hand-over was not recorded: /organisation unknown organisation ${organisationCode}.`,
      [{ field: "/organisation", message: `unknown organisation ${organisationCode}` }],
    );
  const custody = custodyLocation(org.code);
  if (!(await findLocationRefs(db, operationId, [custody])).has(custody)) {
    const ru = org.names?.ru?.name;
    const names: LocalisedNames = ru ? { ru: { name: `На ответственном хранении: ${ru}` } } : {};
    await db.transaction((tx) =>
      insertLocations(tx, operationId, [
        { code: custody, name: `In the custody of ${org.name}`, kind: "custody", organisationId: org.id, names },
      ]),
    );
  }
  return custody;
}

export type { Asset };

/** Equipment and where it is: at a warehouse of the operation, on a transport unit, or in an organisation's custody. */
export async function listAssets(db: Db, principal: Principal, operationCode: string): Promise<Asset[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return listEquipment(db, operation.id);
}
