// How many connections the server holds. Each one takes a file descriptor, and so does each file
// the embedded database opens (its WAL segments, flushed at every commit). Node drops a request
// whose headers trickle in only after 60 s (headersTimeout), and an attacker simply opens new
// ones: 20,000 connections from one address, each sending a header byte every few seconds, took
// every descriptor, so nobody could connect and a write under way was committed but answered 500
// (its WAL flush refused with EMFILE). Two bounds:
// - per address: one address may hold CONNECTIONS_PER_ADDRESS connections; one more is hung up
//   on as it is accepted. Behind a reverse proxy every connection comes from the proxy, so there
//   is no such count: the proxy should limit connections per client.
// - in all: Node's own server.maxConnections, kept below the process's limit on open files with
//   room for the database, so many addresses together can keep clients out but never the database
//   from its files.
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { Socket } from "node:net";
import { InFlight } from "../core/in-flight.ts";

/**
 * Connections one address may hold. A browser opens up to 6 to a site and one per live tab's
 * event stream; a hub's office or a carrier's NAT puts dozens of people behind one address.
 */
export const CONNECTIONS_PER_ADDRESS = 1024;

/** When the limit on open files cannot be read (not Linux): the usual default soft limit. */
const ASSUMED_OPEN_FILE_LIMIT = 1024;

/** The soft "Max open files" of a /proc/<pid>/limits text; undefined when absent or unlimited. */
export function softOpenFileLimit(limits: string): number | undefined {
  const soft = /^Max open files\s+(\d+)\s/m.exec(limits)?.[1];
  return soft === undefined ? undefined : Number(soft);
}

/** This process's limit on open files (descriptors), as far as it can be read. */
export function openFileLimit(): number {
  try {
    return softOpenFileLimit(readFileSync("/proc/self/limits", "utf8")) ?? ASSUMED_OPEN_FILE_LIMIT;
  } catch {
    return ASSUMED_OPEN_FILE_LIMIT;
  }
}

/**
 * Connections the server may hold with `fileLimit` descriptors: the rest is kept for the
 * database's files, the logs and the process itself (a tenth, at least 256).
 */
export function connectionCap(fileLimit: number): number {
  return Math.max(16, fileLimit - Math.max(256, Math.floor(fileLimit / 10)));
}

export interface ConnectionLimits {
  /** Connections one address may hold; null for none (behind a reverse proxy). */
  perAddress: number | null;
  /** Connections the server holds in all (Node's maxConnections). */
  total: number;
}

export function limitConnections(server: Server, limits: ConnectionLimits): void {
  server.maxConnections = limits.total;
  if (limits.perAddress === null) return;
  const open = new InFlight(limits.perAddress);
  server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress;
    if (address === undefined) return;
    if (!open.enter(address)) {
      socket.destroy();
      return;
    }
    socket.once("close", () => open.leave(address));
  });
}
