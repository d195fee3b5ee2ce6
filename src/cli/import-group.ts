import type { Command } from "commander";

/** The one `reliefline import` command; each feature adds its kind of file as a subcommand. */
export function importGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === "import") ??
    program.command("import").description("Import data from files: manifests, needs, EPCIS documents")
  );
}
