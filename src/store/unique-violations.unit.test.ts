import { describe, expect, it } from "vitest";
import { concurrentCreation, keyOf } from "./unique-violations.ts";

const violation = (constraint: string, detail: string) =>
  Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505", constraint, detail });

describe("unique violations from concurrent creation", () => {
  it("reads the key's columns and values, a text value keeping its commas", () => {
    expect(keyOf("Key (operation_id, code)=(0193a1b2-0000-7000-8000-000000000000, WH, north) already exists.")).toEqual(
      { operation_id: "0193a1b2-0000-7000-8000-000000000000", code: "WH, north" },
    );
    expect(keyOf("Key (operation_id, consignment_code, number)=(x, C54, 3) already exists.")).toEqual({
      operation_id: "x",
      consignment_code: "C54",
      number: "3",
    });
  });

  it("names what already exists for a known constraint", () => {
    expect(
      concurrentCreation(violation("transport_units_pkey", "Key (operation_id, number)=(x, 24073082) already exists.")),
    ).toEqual({ field: "/number", message: "unit 24073082 is already registered" });
    expect(
      concurrentCreation(
        violation("consignment_parts_pkey", "Key (operation_id, consignment_code, number)=(x, C54, 3) already exists."),
      ),
    ).toEqual({ field: "/number", message: "consignment C54 already has part 3" });
  });

  it("names a code taken ignoring case (migration 021's indexes key on lower(code))", () => {
    expect(
      concurrentCreation(
        violation("teams_code_ignoring_case", "Key (operation_id, lower(code))=(x, race-team) already exists."),
      ),
    ).toEqual({ field: "/code", message: "team race-team (or one differing from it only in case) already exists" });
    expect(
      concurrentCreation(violation("operations_code_ignoring_case", "Key (lower(code))=(stp-rail) already exists.")),
    ).toEqual({ field: "/code", message: "operation stp-rail (or one differing from it only in case) already exists" });
  });

  it("reads the constraint from a Citus worker's message, where the shard's copy has the shard id appended", () => {
    const fromWorker = Object.assign(new Error('duplicate key value violates unique constraint "teams_pkey_102040"'), {
      code: "23505",
      detail: "Key (operation_id, code)=(x, T-RACE) already exists.",
    });
    expect(concurrentCreation(fromWorker)).toEqual({ field: "/code", message: "team T-RACE already exists" });
    // An INSERT … SELECT computed on the coordinator reaches the shard by COPY, whose error comes back as XX000.
    const relayed = Object.assign(new Error('duplicate key value violates unique constraint "locations_pkey_102111"'), {
      code: "XX000",
      detail: "Key (operation_id, code)=(x, WH) already exists.",
    });
    expect(concurrentCreation(relayed)).toEqual({ field: "/code", message: "location WH already exists" });
    expect(concurrentCreation({ ...relayed, message: "something else went wrong" })).toBeUndefined();
    const unknown = Object.assign(
      new Error('duplicate key value violates unique constraint "stock_balances_pkey_102064"'),
      { code: "23505", detail: "Key (a)=(b) already exists." },
    );
    expect(concurrentCreation(unknown)).toBeUndefined();
  });

  it("leaves unknown constraints, other SQLSTATEs and unreadable details alone (they stay a logged 500)", () => {
    expect(
      concurrentCreation(
        violation("discrepancies_operation_id_key_key", "Key (operation_id, key)=(x, k) already exists."),
      ),
    ).toBeUndefined();
    expect(
      concurrentCreation({
        ...violation("teams_pkey", "Key (operation_id, code)=(x, T) already exists."),
        code: "23503",
      }),
    ).toBeUndefined();
    expect(concurrentCreation(violation("teams_pkey", "something else"))).toBeUndefined();
    expect(concurrentCreation(new Error("boom"))).toBeUndefined();
  });
});
