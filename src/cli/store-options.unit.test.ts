import { describe, expect, it } from "vitest";
import { Command } from "commander";
import { storeOptions } from "./store-options.ts";

/** Parses `args` with `env` as the environment and returns the options the action saw. */
async function chosen(args: string[], env: Record<string, string>): Promise<Record<string, unknown>> {
  const saved = { ...process.env };
  delete process.env.DATABASE_URL;
  delete process.env.RELIEFLINE_DATA;
  Object.assign(process.env, env);
  try {
    let seen: Record<string, unknown> = {};
    const program = new Command().exitOverride();
    storeOptions(program.command("verify")).action((options: Record<string, unknown>) => {
      seen = options;
    });
    await program.parseAsync(["node", "reliefline", "verify", ...args]);
    return seen;
  } finally {
    process.env = saved;
  }
}

describe("which store a command opens", () => {
  const url = "postgres://u@db/reliefline";

  it("takes --data over a DATABASE_URL in the environment", async () => {
    expect(await chosen(["--data", "./copy"], { DATABASE_URL: url })).toMatchObject({
      data: "./copy",
      databaseUrl: undefined,
      chosenBy: "--data, over DATABASE_URL",
    });
  });

  it("takes --database-url over RELIEFLINE_DATA", async () => {
    expect(await chosen(["--database-url", url], { RELIEFLINE_DATA: "/srv/data" })).toMatchObject({
      databaseUrl: url,
      chosenBy: "--database-url, over RELIEFLINE_DATA",
    });
  });

  it("uses the environment when no flag is given, DATABASE_URL before RELIEFLINE_DATA", async () => {
    expect(await chosen([], { DATABASE_URL: url, RELIEFLINE_DATA: "/srv/data" })).toMatchObject({
      databaseUrl: url,
      chosenBy: "DATABASE_URL",
    });
    expect(await chosen([], { RELIEFLINE_DATA: "/srv/data" })).toMatchObject({
      data: "/srv/data",
      chosenBy: "RELIEFLINE_DATA",
    });
    expect(await chosen([], {})).toMatchObject({ data: "./data", chosenBy: "the default" });
  });

  it("refuses both flags at once", async () => {
    await expect(chosen(["--data", "./x", "--database-url", url], {})).rejects.toThrow("not both");
  });
});
