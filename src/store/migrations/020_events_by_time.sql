-- Reliefline schema 20: an operation's events by the time they happened. The dashboard's
-- figure for the latest day (src/store/day-events.sql.ts) counts every event of the latest
-- calendar day in the operation's time zone, and events are recorded out of that order (a
-- phone syncs a day late), so without this index each dashboard read scanned all of the
-- operation's events. With it, the latest time is one index lookup and the day one range.

create index if not exists events_by_time on events (operation_id, event_time);
