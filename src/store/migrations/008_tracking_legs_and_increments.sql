-- Reliefline schema 8: tracking, second cut.
--
-- unit_states is applied incrementally: an event that comes after the last one applied
-- (in event-time order, ties broken by type and id) is applied on top of the stored
-- state, so the state keeps the last event's id and the open arrival the rule "arrived
-- twice" needs. Rows written before this migration have no last_event_id: the next
-- event for such a unit replays its history once, which fills them in.
alter table unit_states add column last_event_id uuid;
alter table unit_states add column open_arrival jsonb;
