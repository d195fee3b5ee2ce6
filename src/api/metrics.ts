// Prometheus metrics at GET /api/metrics, for system administrators (a session or an API
// token: `Authorization: Bearer <token>` in the scrape config). In the text exposition format:
//   reliefline_http_requests_total{method,route,status}     requests answered, by route template
//   reliefline_http_request_duration_seconds{method,route}  a histogram of their latencies
//   reliefline_events_appended_total{operation}             events in each operation's ledger
//   reliefline_discrepancies_open{operation}                discrepancies still open
//   reliefline_sync_lag_seconds{operation,stat}             for events recorded in the last hour:
//       how long after it happened each was recorded (median and max), i.e. how far behind
//       the field's devices and clerks are; reliefline_sync_lag_events counts those events
//   reliefline_ledger_figures_available                     0 while a worker of a Citus cluster
//       is down: the ledger figures above are then left out, the rest still answers
//   process_resident_memory_bytes, process_start_time_seconds, nodejs_eventloop_delay_seconds
// The HTTP figures are this process's since it started; the ledger figures come from the
// database and hold for every process on it.
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Queryable } from "../store/db.ts";
import { operationFigures } from "../store/metrics.sql.ts";
import { unreachable } from "../store/unavailable.ts";

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const LAG_WINDOW_MS = 3_600_000;

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

/** One method and route: its labels (written once), requests by status, and the latency histogram. */
interface Series {
  labels: string;
  byStatus: Map<number, number>;
  durations: Histogram;
}

export class HttpMetrics {
  /** By method and route as Fastify gives them, so a request builds no label text. */
  private readonly series = new Map<string, Series>();
  private readonly loop = monitorEventLoopDelay({ resolution: 20 });
  readonly startedAt = Date.now();

  constructor() {
    this.loop.enable();
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const id = `${method} ${route}`;
    let series = this.series.get(id);
    if (!series) {
      const labels = `method="${method}",route="${escapeLabel(route)}"`;
      const durations = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.series.set(id, (series = { labels, byStatus: new Map(), durations }));
    }
    series.byStatus.set(status, (series.byStatus.get(status) ?? 0) + 1);
    const h = series.durations;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) h.counts[i]! += 1;
    h.sum += seconds;
    h.count += 1;
  }

  async render(db: Queryable, now: Date): Promise<string> {
    const out: string[] = [];
    const family = (name: string, type: string, help: string) =>
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    family(
      "reliefline_http_requests_total",
      "counter",
      "HTTP requests answered by this process, by route template and status",
    );
    for (const { labels, byStatus } of this.series.values())
      for (const [status, n] of byStatus) out.push(`reliefline_http_requests_total{${labels},status="${status}"} ${n}`);
    family("reliefline_http_request_duration_seconds", "histogram", "Time to answer an HTTP request");
    for (const { labels, durations: h } of this.series.values()) {
      BUCKETS.forEach((le, i) =>
        out.push(`reliefline_http_request_duration_seconds_bucket{${labels},le="${le}"} ${h.counts[i]}`),
      );
      out.push(`reliefline_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
      out.push(
        `reliefline_http_request_duration_seconds_sum{${labels}} ${h.sum}`,
        `reliefline_http_request_duration_seconds_count{${labels}} ${h.count}`,
      );
    }
    // The ledger figures read every operation: a worker that is down leaves them out rather than the whole scrape.
    const read = await operationFigures(db, new Date(now.getTime() - LAG_WINDOW_MS)).catch((error: unknown) => {
      if (unreachable(error) === "worker") return null;
      throw error;
    });
    const figures = read ?? [];
    family(
      "reliefline_ledger_figures_available",
      "gauge",
      "1 when the ledger figures were read from every node; 0 while a worker of the database cluster is down",
    );
    out.push(`reliefline_ledger_figures_available ${read ? 1 : 0}`);
    family("reliefline_events_appended_total", "counter", "Events appended to the operation's ledger");
    for (const f of figures)
      out.push(`reliefline_events_appended_total{operation="${escapeLabel(f.code)}"} ${f.events}`);
    family("reliefline_discrepancies_open", "gauge", "Discrepancies of the operation still open");
    for (const f of figures)
      out.push(`reliefline_discrepancies_open{operation="${escapeLabel(f.code)}"} ${f.openDiscrepancies}`);
    family(
      "reliefline_sync_lag_seconds",
      "gauge",
      "For events recorded in the last hour: seconds from event time to record time (median, max)",
    );
    for (const f of figures) {
      if (f.lagMedianSeconds === null || f.lagMaxSeconds === null) continue;
      out.push(`reliefline_sync_lag_seconds{operation="${escapeLabel(f.code)}",stat="median"} ${f.lagMedianSeconds}`);
      out.push(`reliefline_sync_lag_seconds{operation="${escapeLabel(f.code)}",stat="max"} ${f.lagMaxSeconds}`);
    }
    family(
      "reliefline_sync_lag_events",
      "gauge",
      "Events recorded in the last hour (what the sync lag is measured over)",
    );
    for (const f of figures)
      out.push(`reliefline_sync_lag_events{operation="${escapeLabel(f.code)}"} ${f.recentEvents}`);
    family("process_resident_memory_bytes", "gauge", "Resident memory of this process");
    out.push(`process_resident_memory_bytes ${process.memoryUsage().rss}`);
    family("process_start_time_seconds", "gauge", "When this process started, in seconds since the epoch");
    out.push(`process_start_time_seconds ${Math.floor(this.startedAt / 1000)}`);
    family("nodejs_eventloop_delay_seconds", "gauge", "Event-loop delay of this process (p99 since the last scrape)");
    out.push(`nodejs_eventloop_delay_seconds ${this.loop.percentile(99) / 1e9}`);
    this.loop.reset();
    return out.join("\n") + "\n";
  }

  close(): void {
    this.loop.disable();
  }
}

const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/** Counts every answered request by its route template (never the raw URL: ids would explode the label set). */
export function recordRequests(app: FastifyInstance, metrics: HttpMetrics): void {
  // Synchronous: no promise per request.
  app.addHook("onResponse", (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = request.routeOptions.url ?? "unmatched";
    metrics.observe(request.method, request.is404 ? "unmatched" : route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  app.addHook("onClose", async () => metrics.close());
}
