-- Reliefline schema 8: tracking, second cut.
--
-- unit_states is applied incrementally: an event that comes after the last one applied
-- (in event-time order, ties broken by type and id) is applied on top of the stored
-- state, so the state keeps the last event's id and the open arrival the rule "arrived
-- twice" needs. Rows written before this migration have no last_event_id: the next
-- event for such a unit replays its history once, which fills them in.
alter table unit_states add column last_event_id uuid;
alter table unit_states add column open_arrival jsonb;

-- Units that travel one leg of a consignment without belonging to any of its parts: the
-- trucks of a road leg carry the consignment's cargo on from the transshipment point,
-- trip after trip (and may serve other consignments' legs too). Per-leg progress
-- counts these beside the consignment's own units.
create table consignment_leg_units (
  operation_id uuid not null,
  consignment_code text not null,
  leg_seq integer not null,
  unit_number text not null,
  primary key (operation_id, consignment_code, leg_seq, unit_number),
  foreign key (operation_id, consignment_code, leg_seq) references consignment_legs (operation_id, consignment_code, seq),
  foreign key (operation_id, unit_number) references transport_units (operation_id, number)
);
create index consignment_leg_units_unit on consignment_leg_units (operation_id, unit_number);
