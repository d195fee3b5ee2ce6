// Prints each test project's wall time at the end of a run: from its first test file
// starting to its last one ending (projects run one after another: unit, int, e2e).
import type { Reporter, TestModule } from "vitest/node";

interface Span {
  files: number;
  start: number;
  end: number;
}

export default class ProjectTimes implements Reporter {
  private readonly spans = new Map<string, Span>();

  onTestModuleStart(module: TestModule): void {
    const name = module.project.name || "default";
    const span = this.spans.get(name) ?? { files: 0, start: performance.now(), end: 0 };
    span.files += 1;
    this.spans.set(name, span);
  }

  onTestModuleEnd(module: TestModule): void {
    const span = this.spans.get(module.project.name || "default");
    if (span) span.end = performance.now();
  }

  onTestRunEnd(): void {
    if (this.spans.size === 0) return;
    const lines = [...this.spans].map(
      ([name, s]) =>
        `  ${name.padEnd(5)} ${String(s.files).padStart(3)} files  ${((s.end - s.start) / 1000).toFixed(1).padStart(6)} s wall`,
    );
    process.stdout.write(`\nTest projects:\n${lines.join("\n")}\n`);
  }
}
