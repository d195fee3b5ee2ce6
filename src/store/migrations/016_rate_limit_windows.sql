-- Reliefline schema 16: request rate limits shared by every server process on one database.
--
-- Sign-in and the public view are rate-limited per client address. Counted in each process's
-- memory, two servers behind a load balancer would each allow the limit. One row per limited
-- route and client holds the hits of its current window; every process counts in it. The
-- rows are short-lived counters, not records: unlogged (no WAL, emptied after a crash), and on
-- a Citus cluster kept on the coordinator only (never distributed: see store/citus.sql.ts).
create unlogged table rate_limit_windows (
  key text primary key,
  window_start timestamptz not null,
  hits integer not null check (hits > 0)
);
