-- Reliefline schema 3: tracking. Teams, consignments with parts and legs, transport
-- units with manifests, the unit_states projection (written in the append's
-- transaction), discrepancies with their status history, and claimed figures.
-- Every primary key starts with operation_id.

create table teams (
  operation_id uuid not null references operations (id),
  code text not null,
  name text not null,
  organisation_id uuid references organisations (id),
  primary key (operation_id, code)
);

create table consignments (
  operation_id uuid not null references operations (id),
  code text not null,
  name text not null,
  origin_code text not null,
  destination_code text not null,
  donor_organisation_id uuid references organisations (id),
  planned_units integer not null check (planned_units >= 0),
  mode text not null check (mode in ('rail', 'road', 'air', 'sea', 'multimodal')),
  primary key (operation_id, code),
  foreign key (operation_id, origin_code) references locations (operation_id, code),
  foreign key (operation_id, destination_code) references locations (operation_id, code)
);

create table consignment_parts (
  operation_id uuid not null,
  consignment_code text not null,
  number integer not null check (number > 0),
  planned_departure date,
  planned_units integer check (planned_units >= 0),
  primary key (operation_id, consignment_code, number),
  foreign key (operation_id, consignment_code) references consignments (operation_id, code)
);

create table consignment_legs (
  operation_id uuid not null,
  consignment_code text not null,
  seq integer not null check (seq > 0),
  mode text not null check (mode in ('rail', 'road', 'air', 'sea')),
  from_code text not null,
  to_code text not null,
  primary key (operation_id, consignment_code, seq),
  foreign key (operation_id, consignment_code) references consignments (operation_id, code),
  foreign key (operation_id, from_code) references locations (operation_id, code),
  foreign key (operation_id, to_code) references locations (operation_id, code)
);

-- A unit belongs to at most one consignment part: one row per unit number.
create table transport_units (
  operation_id uuid not null,
  number text not null,
  scheme text not null check (scheme in ('uic12', 'rail1520', 'iso6346', 'plate')),
  kind text not null check (kind in ('covered-wagon', 'flatcar', 'gondola', 'tank', 'container', 'truck')),
  number_verified boolean not null,
  consignment_code text,
  part_number integer,
  registered_at timestamptz not null,
  primary key (operation_id, number),
  foreign key (operation_id, consignment_code, part_number) references consignment_parts (operation_id, consignment_code, number),
  check ((consignment_code is null) = (part_number is null))
);
create index transport_units_consignment on transport_units (operation_id, consignment_code, part_number);

create table manifest_lines (
  operation_id uuid not null,
  unit_number text not null,
  line integer not null,
  item_code text not null,
  quantity numeric not null check (quantity > 0),
  primary key (operation_id, unit_number, line),
  foreign key (operation_id, unit_number) references transport_units (operation_id, number),
  foreign key (operation_id, item_code) references items (operation_id, code)
);

-- A unit's events are found by its number (rebuilding a unit's state replays them).
create index events_unit on events (operation_id, (body ->> 'unit'));

-- Projection: each unit's state, a function of its events ordered by event time.
create table unit_states (
  operation_id uuid not null,
  unit_number text not null,
  status text not null,
  trip integer not null,
  loaded_at timestamptz,
  departed_at timestamptz,
  departed_from text,
  arrived_at timestamptz,
  arrived_location text,
  unloaded_at timestamptz,
  unloaded_location text,
  received_at timestamptz,
  last_location text,
  last_event_type text,
  last_event_time timestamptz,
  loaded jsonb not null,
  unloaded jsonb not null,
  received jsonb not null,
  event_count integer not null,
  primary key (operation_id, unit_number)
);

create table discrepancies (
  operation_id uuid not null references operations (id),
  id uuid not null,
  key text not null,
  kind text not null,
  subject text not null,
  status text not null check (status in ('open', 'explained', 'resolved', 'superseded')),
  explanation text not null,
  evidence jsonb not null,
  first_found_at timestamptz not null,
  last_found_at timestamptz not null,
  primary key (operation_id, id),
  unique (operation_id, key)
);
create index discrepancies_subject on discrepancies (operation_id, subject);

create table discrepancy_history (
  operation_id uuid not null,
  discrepancy_id uuid not null,
  n integer not null,
  at timestamptz not null,
  status text not null,
  note text not null,
  changed_by uuid references users (id),
  primary key (operation_id, discrepancy_id, n),
  foreign key (operation_id, discrepancy_id) references discrepancies (operation_id, id)
);

create table claims (
  operation_id uuid not null references operations (id),
  id uuid not null,
  consignment_code text not null,
  metric text not null check (metric in ('loaded', 'departed', 'arrived', 'unloaded', 'received')),
  claimed integer not null check (claimed >= 0),
  of_total integer,
  as_of date not null,
  source text not null,
  recorded_by uuid not null references users (id),
  recorded_at timestamptz not null,
  primary key (operation_id, id),
  foreign key (operation_id, consignment_code) references consignments (operation_id, code)
);
