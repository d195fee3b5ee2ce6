// Stopping with connections kept alive. Fastify's close() stops accepting connections and
// closes those idle at that moment, then waits for every other one to end. A request in flight
// at that moment was answered on a connection kept alive, which then sat idle until the client
// let it go: Node's fetch (undici) keeps one for the server's Keep-Alive timeout, 72 s with
// Fastify, so a SIGTERM under load took 71 s to stop (past the 30 s grace, exit 1 and the data
// folder left locked). Once stopping, every answer says `Connection: close`, so Node ends each
// connection as its last answer goes out.
import type { FastifyInstance } from "fastify";

export function endConnectionsOnClose(app: FastifyInstance): void {
  let closing = false;
  app.addHook("preClose", (done) => {
    closing = true;
    done();
  });
  app.addHook("onSend", (_request, reply, payload, done) => {
    if (closing) reply.header("connection", "close");
    done(null, payload);
  });
}
