// A TCP proxy between the browser and the server, for the field app's tests: "pass"
// forwards everything; "down" refuses every connection (a phone with no signal); "cut"
// forwards requests to the server but drops the connection as soon as the server
// answers, so the server did the work and the phone never hears of it (a lost answer).
import { createServer, connect, type Server, type Socket } from "node:net";

export type ProxyMode = "pass" | "down" | "cut";

export interface CuttingProxy {
  base: string;
  mode: ProxyMode;
  /** Answers the server sent that the proxy dropped while cutting. */
  cutAnswers: number;
  close(): Promise<void>;
}

export async function startCuttingProxy(target: { host: string; port: number }): Promise<CuttingProxy> {
  const sockets = new Set<Socket>();
  const proxy: CuttingProxy = { base: "", mode: "pass", cutAnswers: 0, close: async () => undefined };
  const track = (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => s.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (proxy.mode === "down") return client.destroy();
    const upstream = connect(target.port, target.host);
    track(upstream);
    client.on("data", (chunk) => {
      if (proxy.mode === "down") {
        client.destroy();
        upstream.destroy();
      } else upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      if (proxy.mode === "pass") return void client.write(chunk);
      if (proxy.mode === "cut") proxy.cutAnswers += 1;
      client.destroy();
      upstream.destroy();
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  proxy.base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return proxy;
}
