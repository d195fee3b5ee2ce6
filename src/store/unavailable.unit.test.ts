import { describe, expect, it } from "vitest";
import { unreachable } from "./unavailable.ts";

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("telling an unreachable database from other failures", () => {
  it("names a Citus worker the coordinator cannot reach", () => {
    expect(
      unreachable(
        pgError(
          "08006",
          "connection to the remote node postgres@10.0.0.7:5432 failed with the following error: Connection refused",
        ),
      ),
    ).toBe("worker");
    expect(unreachable(pgError("08006", "connection establishment for node 10.0.0.7:5432 failed"))).toBe("worker");
  });

  it("names the database itself: a refused or dropped socket, a connection exception, a server shutting down", () => {
    expect(unreachable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(
      "database",
    );
    expect(unreachable(new Error("Connection terminated unexpectedly"))).toBe("database");
    // The next statement on a client whose socket died between two statements of a transaction.
    expect(unreachable(new Error("Client has encountered a connection error and is not queryable"))).toBe("database");
    expect(unreachable(new Error("Client was closed and is not queryable"))).toBe("database");
    expect(unreachable(pgError("57P01", "terminating connection due to administrator command"))).toBe("database");
    expect(unreachable(pgError("08001", "could not connect"))).toBe("database");
  });

  it("leaves every other error alone", () => {
    expect(
      unreachable(pgError("23505", 'duplicate key value violates unique constraint "teams_pkey"')),
    ).toBeUndefined();
    expect(unreachable(pgError("22P02", "invalid input syntax for type uuid"))).toBeUndefined();
    expect(unreachable(new Error("boom"))).toBeUndefined();
    expect(unreachable(null)).toBeUndefined();
  });
});
