// LISTEN on a PostgreSQL server: one connection of its own per channel listened to,
// outside the pool (a pooled connection is shared and returned; a listening one must stay).
// When the connection drops (the server restarted, a proxy cut it) it reconnects, backing
// off to every 30 s, and tells the caller it resumed, since notifications sent in between
// are lost. On Citus the connection goes to the coordinator, where the application's
// pg_notify calls run (see store/feed.sql.ts).
import type pg from "pg";

export async function listenOn(
  driver: typeof pg,
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  onResume: () => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = 250;

  const connect = async (): Promise<void> => {
    const c = new driver.Client({ connectionString: url });
    c.on("notification", (n) => {
      if (n.channel === channel) onMessage(n.payload ?? "");
    });
    c.on("error", () => undefined); // reported through "end", which reconnects
    c.on("end", () => {
      if (client !== c || stopped) return;
      client = undefined;
      later();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${quoteIdent(channel)}`);
    } catch (error) {
      await c.end().catch(() => undefined);
      throw error;
    }
    if (stopped) return void (await c.end().catch(() => undefined));
    client = c;
    delay = 250;
  };
  const later = () => {
    if (stopped) return;
    retry = setTimeout(() => {
      connect().then(onResume, later);
    }, delay);
    retry.unref();
    delay = Math.min(delay * 2, 30_000);
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const c = client;
    client = undefined;
    await c?.end().catch(() => undefined);
  };
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
