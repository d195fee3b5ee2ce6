// Loading the HiGHS WebAssembly solver once per thread, and a small helper that
// builds, runs and disposes one model. Solving is deterministic computation with no
// I/O, so the planner that uses it stays in the core.
import highsDefault, { type Highs, type ModelData } from "highs";

// The package's typings are CommonJS-flavoured, so under NodeNext TypeScript types the default
// import as the module object; at run time the ESM build's default export is the loader itself.
const loader: unknown = highsDefault;
const loadHighs = (
  typeof loader === "function" ? loader : (loader as { default: unknown }).default
) as () => Promise<Highs>;
let highsPromise: Promise<Highs> | undefined;
export const highs = (): Promise<Highs> => (highsPromise ??= loadHighs());

export const MODEL_STATUS: Record<number, string> = {
  7: "Optimal",
  8: "Infeasible",
  9: "Infeasible or unbounded",
  10: "Unbounded",
  13: "Time limit reached",
  14: "Iteration limit reached",
};

export interface Solved {
  optimal: boolean;
  status: string;
  objective: number;
  colValue: Float64Array;
  rowDual: Float64Array;
}

/** One solve from scratch: LPs by simplex (vertex duals); MIPs by branch and bound. The max-min rounds keep their own warm-started model (lexmaxmin.ts). */
export function runModel(h: Highs, data: ModelData, timeLimitSeconds: number, mip = false, presolve = true): Solved {
  const model = h.createModel(data);
  try {
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.01, timeLimitSeconds),
      ...(mip ? { mip_rel_gap: 1e-9 } : { solver: "simplex" }),
      ...(!presolve && { presolve: "off" }),
    });
    const { modelStatus } = model.run();
    const solution = model.getSolution();
    return {
      optimal: modelStatus === 7,
      status: MODEL_STATUS[modelStatus] ?? `status ${modelStatus}`,
      objective: model.getObjectiveValue(),
      colValue: solution.colValue,
      rowDual: solution.rowDual,
    };
  } finally {
    model.dispose();
  }
}

/** Columns given as sparse (row, value) lists, turned into the CSC matrix HiGHS takes. */
export function cscOf(numRows: number, columns: readonly (readonly [number, number][])[]): ModelData["matrix"] {
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const col of columns) {
    for (const [row, value] of col) {
      if (value !== 0) {
        indices.push(row);
        values.push(value);
      }
    }
    starts.push(indices.length);
  }
  return { format: "csc", numRows, numCols: columns.length, starts, indices, values };
}
