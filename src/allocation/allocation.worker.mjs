// Bootstrap for the allocation worker thread. Node 20 ignores ESM loader hooks passed in a
// Worker's execArgv (`--import tsx`, nodejs/node#47747), so the worker registers tsx itself
// through its programmatic API and then loads the TypeScript worker shell.
import { register } from "tsx/esm/api";

register();
await import("./allocation.worker.ts");
