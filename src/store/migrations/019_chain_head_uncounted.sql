-- Reliefline schema 19: taking an operation's chain head is not a change of its data. An
-- append locks the head with an UPDATE that changes nothing (src/store/ledger.sql.ts,
-- lockChainHead: on a Citus cluster only a modification takes the shard metadata lock that a
-- shard move's switch waits for), so a batch of duplicates, which stores nothing, would move
-- the change counters through this table's trigger and make every read kept between writes
-- stale. The head moves for real only when events are inserted, and the events table
-- notifies then; src/store/changes.ts (UNCOUNTED_TABLES) leaves ledger_heads out of the
-- counters and out of the triggers it attaches after a migration, as 018 did for a phone's
-- contact. On a Citus cluster the table is distributed and has no trigger already.

drop trigger if exists reliefline_changed on ledger_heads;
