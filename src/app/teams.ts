// Teams an organisation fields in an operation; events name the team that did them.
import type { Db } from "../store/db.ts";
import { findCodesIgnoringCase, findOrganisation } from "../store/catalogue.sql.ts";
import type { Team } from "../store/tracking.sql.ts";
import * as store from "../store/tracking.sql.ts";
import type { LocalisedNames } from "../core/names.ts";
import { AppError, notFound } from "./errors.ts";
import type { Principal } from "./principal.ts";
import { authorise } from "./principal.ts";
import { sameOrCaseTwin } from "./catalogue.ts";

export async function addTeam(
  db: Db,
  principal: Principal,
  operationCode: string,
  input: { code: string; name: string; organisation?: string; names?: LocalisedNames },
): Promise<Team> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "manage-catalogue" });
  const org = input.organisation ? await findOrganisation(db, input.organisation) : undefined;
  if (input.organisation && !org)
    throw new AppError("invalid", `unknown organisation ${input.organisation}`, [
      { field: "/organisation", message: `unknown organisation ${input.organisation}` },
    ]);
  const twin = (await findCodesIgnoringCase(db, "teams", operation.id, [input.code])).get(input.code.toLowerCase());
  if (twin !== undefined) {
    throw new AppError("conflict", `team ${sameOrCaseTwin("team", input.code, twin)} in operation ${operationCode}`, [
      { field: "/code", message: "already in use" },
    ]);
  }
  await store.insertTeam(db, operation.id, {
    code: input.code,
    name: input.name,
    organisationId: org?.id ?? null,
    ...(input.names && { names: input.names }),
  });
  return {
    code: input.code,
    name: input.name,
    organisation: org?.code ?? null,
    ...(input.names && { names: input.names }),
  };
}

export async function listTeams(db: Db, principal: Principal, operationCode: string): Promise<Team[]> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  return store.listTeams(db, operation.id);
}

export interface TeamActivity extends Team {
  day: string | null;
  steps: (Omit<store.TeamStep, "first" | "last"> & { first: string; last: string })[];
}

/** What a team did, by event type and class of unit ("the joint grouping unloaded 17 rail cars on 19 December"). */
export async function getTeamActivity(
  db: Db,
  principal: Principal,
  operationCode: string,
  team: string,
  day?: string,
): Promise<TeamActivity> {
  const { operation } = await authorise(db, principal, operationCode, { kind: "read" });
  const found = (await store.listTeams(db, operation.id)).find((t) => t.code === team);
  if (!found) throw notFound(`team ${team} in operation ${operationCode}`);
  const steps = await store.teamActivity(db, operation.id, team, day ?? null, operation.timeZone);
  return {
    ...found,
    day: day ?? null,
    steps: steps.map((s) => ({ ...s, first: new Date(s.first).toISOString(), last: new Date(s.last).toISOString() })),
  };
}
