// Stopping with connections kept alive. Fastify's close() stops accepting connections and
// closes those idle at that moment, then waits for every other one to end. A connection busy
// at that moment and answered afterwards was kept alive, then sat idle until the client let it
// go: Node's fetch (undici) keeps one for the server's Keep-Alive timeout, 72 s with Fastify, so
// a SIGTERM under load took 71 s to stop (past the 30 s grace, exit 1 and the data folder left
// locked). Two measures, for every way an answer can be written:
// - once stopping, every answer that passes the hooks says `Connection: close`, so Node ends its
//   connection as it goes out;
// - answers written outside them (a malformed URL's 400, written raw; an event stream ended by
//   the stop) are caught by a sweep: until the server has closed, idle connections are closed
//   every quarter second, as close() itself does only once at the start.
import type { FastifyInstance } from "fastify";

export function endConnectionsOnClose(app: FastifyInstance, sweepMs = 250): void {
  let closing = false;
  let sweep: NodeJS.Timeout | undefined;
  app.addHook("preClose", (done) => {
    closing = true;
    sweep = setInterval(() => app.server.closeIdleConnections(), sweepMs);
    sweep.unref();
    app.server.once("close", () => clearInterval(sweep));
    done();
  });
  app.addHook("onSend", (_request, reply, payload, done) => {
    if (closing) reply.header("connection", "close");
    done(null, payload);
  });
}
