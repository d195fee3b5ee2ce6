// `reliefline verify --export FILE [--hash HASH [--seq N]]`: checks a ledger export on its
// own, with no database: recomputes the whole chain from the file, and finds where a
// published hash is the ledger's head. Exit 0 when all holds, 1 when it does not.
import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { exportVerifier } from "../core/ledger-export.ts";
import { AppError } from "../app/errors.ts";

export interface ExportCheckOptions {
  export?: string;
  hash?: string;
  seq?: string;
}

const say = (line: string) => console.log(line);

export async function verifyExportCommand(options: ExportCheckOptions): Promise<void> {
  const file = options.export!;
  const hash = options.hash?.trim().toLowerCase();
  if (hash !== undefined && !/^[0-9a-f]{64}$/.test(hash))
    throw new AppError(
      "bad-request",
      `--hash must be 64 hexadecimal characters (a SHA-256), got ${JSON.stringify(options.hash)}`,
    );
  if (options.seq !== undefined && hash === undefined)
    throw new AppError("bad-request", "--seq needs --hash: the hash you expect at that seq");
  const seq = options.seq === undefined ? undefined : Number(options.seq);
  if (seq !== undefined && !(Number.isInteger(seq) && seq >= 1))
    throw new AppError("bad-request", `--seq must be a whole number from 1, got ${JSON.stringify(options.seq)}`);
  if (!existsSync(file)) throw new AppError("not-found", `there is no file ${file}`);

  const check = exportVerifier(hash === undefined ? undefined : { hash, ...(seq !== undefined && { seq }) });
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  for await (const text of lines) {
    if (!check.line(text)) break;
  }
  lines.close();
  const result = check.finish();
  if (!result.ok) {
    say(`${file}: BROKEN${result.seq !== undefined ? ` at event ${result.seq}` : ""}: ${result.reason}`);
    say(
      `The export does not hold the ledger as it was hashed: ${result.checked} events checked before the first bad one.`,
    );
    process.exitCode = 1;
    return;
  }
  const op = result.operation;
  say(
    `${file}: intact — ${result.checked} events of operation ${op.code} (${op.id}), head at seq ${result.head.seq}, hash ${result.head.hash}`,
  );
  if (hash === undefined) return;
  if (result.found) {
    say(
      `hash ${hash} is the ledger head at seq ${result.found.seq} of operation ${op.code}; ${result.checked} events verified`,
    );
  } else {
    say(
      seq !== undefined
        ? `hash ${hash} is NOT the ledger head at seq ${seq} of operation ${op.code}${seq > result.head.seq ? ` (the export ends at seq ${result.head.seq})` : ""}`
        : `hash ${hash} is NOT the head at any seq of this export of operation ${op.code} (seq 1 to ${result.head.seq})`,
    );
    process.exitCode = 1;
  }
}
