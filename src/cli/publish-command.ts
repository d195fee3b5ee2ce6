// `reliefline publish statement|snapshot`: publishing from the command line, through the
// same guard as the API. When open discrepancies touch the figures it lists them and
// exits 1; naming every one with --acknowledge and a --note publishes anyway, and the
// acknowledgement is shown with the publication.
import { Command, Option } from "commander";
import type { StoreOptions } from "./store.ts";
import { withStore } from "./ledger-commands.ts";
import { ensureAdmin } from "./admin.ts";
import { reportOperation } from "./report-commands.ts";
import { publish } from "../app/publications.ts";
import type { PublishRequest } from "../app/publication-types.ts";
import type { TouchingDiscrepancy } from "../app/publish-guard.ts";
import { AppError } from "../app/errors.ts";
import { PUBLICATION_LANGUAGES, type PublicationLanguage } from "../core/publication.ts";

const note = (line: string) => console.error(line);

type PublishOptions = StoreOptions & {
  operation?: string;
  date?: string;
  lang: PublicationLanguage;
  title?: string;
  acknowledge?: string;
  note?: string;
};

export async function publishCommand(kind: "statement" | "snapshot", options: PublishOptions): Promise<void> {
  if (kind === "statement" && !options.date)
    throw new AppError("bad-request", "a statement is for a day: give --date YYYY-MM-DD");
  await withStore(options, async (db) => {
    const admin = await ensureAdmin(db, note);
    const code = await reportOperation(db, options.operation);
    const acknowledge =
      options.acknowledge === undefined
        ? undefined
        : {
            discrepancies: options.acknowledge
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean),
            note: options.note ?? "",
          };
    const common = {
      lang: options.lang,
      ...(options.title && { title: options.title }),
      ...(acknowledge && { acknowledge }),
    };
    const request: PublishRequest =
      kind === "statement" ? { kind, date: options.date!, ...common } : { kind, ...common };
    try {
      const created = await publish(db, admin, code, request, new Date());
      console.log(
        `Published ${created.kind} ${created.id} "${created.title}" at ledger event ${created.ledgerSeq} (hash ${created.ledgerHash}).`,
      );
      if (created.acknowledgement)
        console.log(
          `With ${created.acknowledgement.discrepancies.length} open discrepancies acknowledged: ${created.acknowledgement.note}`,
        );
      console.log(`Public page: /public/${code}`);
    } catch (error) {
      const listed =
        error instanceof AppError ? (error.extensions.discrepancies as TouchingDiscrepancy[] | undefined) : undefined;
      if (!listed) throw error;
      note(
        `Nothing was published: ${listed.length} open ${listed.length === 1 ? "discrepancy touches" : "discrepancies touch"} its figures.`,
      );
      for (const d of listed) {
        note(
          `\n- ${d.id} [${d.kind}] ${d.subject}\n  touches: ${d.figures.map((f) => f.label).join("; ")}\n  ${d.explanation}`,
        );
      }
      note(
        `\nResolve them, or publish anyway naming every one and saying why:\n  --acknowledge ${listed.map((d) => d.id).join(",")} --note "…"`,
      );
      process.exitCode = 1;
    }
  });
}

/** `reliefline publish statement|snapshot`; `storeOptions` adds --data / --database-url. */
export function registerPublishCommand(program: Command, storeOptions: (cmd: Command) => Command): void {
  storeOptions(
    program
      .command("publish")
      .description(
        "Publish a day's press statement or a snapshot of the figures to the public view (refused while open discrepancies touch its figures, unless acknowledged)",
      )
      .argument("<kind>", "statement or snapshot")
      .option("--date <YYYY-MM-DD>", "the day of the statement, in the operation's time zone")
      .addOption(
        new Option("--lang <lang>", "language of the publication").choices([...PUBLICATION_LANGUAGES]).default("en"),
      )
      .option("--operation <code>", "the operation (needed when the store holds several)")
      .option("--title <title>", "the heading (default: made from the statement or the operation's name)")
      .option(
        "--acknowledge <ids>",
        "publish anyway: every open discrepancy that touches the figures, by id, comma-separated",
      )
      .option("--note <text>", "why it is published anyway (required with --acknowledge; shown with the publication)")
      .addHelpText(
        "after",
        `
Without --acknowledge, a publication whose figures are touched by open discrepancies is
refused: the command lists each one (id, kind, the figures it touches, its explanation)
and the exact --acknowledge to give, and exits 1.

Examples:
  reliefline publish statement --date 2020-12-19 --lang ru
  reliefline publish statement --date 2020-12-19 --lang ru --acknowledge ID1,ID2 --note "Arrivals are being confirmed"`,
      ),
  ).action(async (kind: string, options: PublishOptions) => {
    if (kind !== "statement" && kind !== "snapshot")
      throw new AppError("bad-request", `publish statement or snapshot, not ${kind}`);
    await publishCommand(kind, options);
  });
}
