// Bootstrap for the claims reader's worker thread. Node 20 ignores ESM loader hooks passed in a
// Worker's execArgv (`--import tsx`, nodejs/node#47747), so the worker registers tsx itself
// through its programmatic API and then loads the TypeScript worker shell (as the allocation
// worker does). The production build bundles claims.worker.ts under this name instead.
import { register } from "tsx/esm/api";

register();
await import("./claims.worker.ts");
