// Teams an organisation fields in an operation; events name the team that did them.
import type { Db } from "../store/db.ts";
import { findOrganisation } from "../store/catalogue.sql.ts";
import type { Team } from "../store/tracking.sql.ts";
import * as store from "../store/tracking.sql.ts";
import type { LocalisedNames } from "../core/names.ts";
import { AppError } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";

export async function addTeam(db: Db, principal: Principal, operationCode: string, input: { code: string; name: string; organisation?: string; names?: LocalisedNames }): Promise<Team> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "manage-catalogue" });
  const org = input.organisation ? await findOrganisation(db, input.organisation) : undefined;
  if (input.organisation && !org) throw new AppError("invalid", `unknown organisation ${input.organisation}`, [{ field: "/organisation", message: `unknown organisation ${input.organisation}` }]);
  if ((await store.findTeamCodes(db, operation.id, [input.code])).size > 0) {
    throw new AppError("conflict", `team ${input.code} already exists in operation ${operationCode}`, [{ field: "/code", message: "already in use" }]);
  }
  await store.insertTeam(db, operation.id, { code: input.code, name: input.name, organisationId: org?.id ?? null, ...(input.names && { names: input.names }) });
  return { code: input.code, name: input.name, organisation: org?.code ?? null, ...(input.names && { names: input.names }) };
}

export async function listTeams(db: Db, principal: Principal, operationCode: string): Promise<Team[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return store.listTeams(db, operation.id);
}
