-- Reliefline schema 18: a phone's contact is not a change of the operation's data. Every
-- request of the field app notes its last sync, outbox size and clock offset in
-- device_credentials; with migration 013's trigger on that table, every phone's sync moved
-- the change counters, so every read kept between writes (progress, stock, the unit board)
-- was computed anew for everyone. No kept read depends on device_credentials (device
-- sign-ins are checked against it on every request), so the table no longer notifies;
-- src/store/changes.ts (UNCOUNTED_TABLES) leaves its writes out of the counters and out of
-- the triggers it attaches after a migration. On a Citus cluster the table is distributed
-- and has no trigger already (the query layer notifies instead, and skips it likewise).

drop trigger if exists reliefline_changed on device_credentials;
