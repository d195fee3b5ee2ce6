// Stopping the server cleanly, whoever asks: SIGTERM or SIGINT sent to the node process,
// Ctrl+C in a terminal, or the end of the npm process that started it.
//
// `npm start` and `npx reliefline start` run the server as `sh -c '…'` under npm; killing
// the npm process makes npm pass the signal to that shell, which dies without passing it
// on (dash does not forward signals), so the server used to be left running as an orphan.
// When npm started us (npm sets npm_command), we watch our parent process: when it is
// gone we stop exactly as if we had been sent SIGTERM.
//
// Stopping: no new connections; requests in flight finish (their transactions commit or
// roll back as usual); open event streams end; the database closes and the data folder's
// lock is released. If that takes longer than `graceMs`, the process exits anyway (1).

export interface ShutdownOptions {
  say(line: string): void;
  graceMs: number;
  /** How often to look whether the npm process that started us is still there. */
  parentCheckMs?: number;
}

export function stopOnSignals(stop: () => Promise<void>, options: ShutdownOptions): void {
  let stopping = false;
  /** `force`: asked again while stopping, exit at once (Ctrl+C twice); else the stop already under way goes on. */
  const begin = (why: string, force: boolean) => {
    if (stopping) {
      if (!force) return;
      options.say(`${why} again: exiting now.`);
      process.exit(1);
    }
    stopping = true;
    options.say(`Stopping… (${why})`);
    const deadline = setTimeout(() => {
      options.say(`Not stopped within ${options.graceMs / 1000} s: exiting anyway.`);
      process.exit(1);
    }, options.graceMs);
    deadline.unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        options.say(`Error while stopping: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => begin("SIGTERM", true));
  process.on("SIGINT", () => begin("SIGINT", true));
  // A stop sent to the whole process group (systemd, `kill -- -pgid`, pkill) ends npm's shell
  // too: its end is then no second request, and must not cut the stop under way short.
  if (process.env.npm_command !== undefined)
    watchParent(() => begin("the npm process that started it ended", false), options.parentCheckMs ?? 500);
}

function watchParent(gone: () => void, everyMs: number): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      gone();
    }
  }, everyMs);
  timer.unref();
}
