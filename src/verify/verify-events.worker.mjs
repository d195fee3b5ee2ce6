// Bootstrap for verify's worker threads. Node 20 ignores ESM loader hooks passed in a
// Worker's execArgv (nodejs/node#47747), so the worker registers tsx itself and then loads
// the TypeScript worker shell (as the allocation worker does).
import { register } from "tsx/esm/api";

register();
await import("./verify-events.worker.ts");
