// How much work reading a text took, in steps: each token a pass visits, each candidate a
// scan compares. Reading must stay linear in the text's length for every shape of input (a
// check holds a thread for as long as it reads), and a unit test compares the steps for a
// text and one ten times longer, which a clock cannot do reliably. Counting is a plain
// increment; the counter is only read by `measureWork`.

let steps = 0;

/** Records `n` steps of reading work. */
export function countSteps(n = 1): void {
  steps += n;
}

/** Runs `read` and says how many steps it counted. */
export function measureWork<T>(read: () => T): { result: T; steps: number } {
  const before = steps;
  const result = read();
  return { result, steps: steps - before };
}
