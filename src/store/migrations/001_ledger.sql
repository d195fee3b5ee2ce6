-- Reliefline schema 1: identity, operations, catalogues, the event ledger and stock.
-- Every operation-scoped table leads its primary key with operation_id (the
-- distribution key for Citus); organisations, users and units of measure are shared.

create table units_of_measure (
  code text primary key,
  name text not null,
  symbol text,
  level text not null
);

create table organisations (
  id uuid primary key,
  code text not null unique,
  name text not null,
  kind text not null check (kind in ('government', 'ngo', 'un-agency', 'company', 'local-authority', 'other')),
  created_at timestamptz not null default now()
);

create table users (
  id uuid primary key,
  email text not null unique,
  name text not null,
  organisation_id uuid references organisations (id),
  password_hash text not null,
  is_admin boolean not null default false,
  must_change_password boolean not null default false,
  created_at timestamptz not null default now()
);

create table sessions (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);

create table api_tokens (
  id uuid primary key,
  token_hash text not null unique,
  user_id uuid not null references users (id) on delete cascade,
  name text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table operations (
  id uuid primary key,
  code text not null unique,
  name text not null,
  description text not null default '',
  time_zone text not null default 'UTC',
  created_at timestamptz not null default now(),
  created_by uuid not null references users (id),
  -- head of the hash chain: appends lock this row, so sequence numbers are gap-free
  last_seq bigint not null default 0,
  last_hash text not null default repeat('0', 64)
);

create table memberships (
  operation_id uuid not null references operations (id),
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in ('admin', 'logistician', 'field-officer', 'distribution-officer', 'press-officer', 'viewer')),
  granted_at timestamptz not null default now(),
  primary key (operation_id, user_id)
);

create table locations (
  operation_id uuid not null references operations (id),
  code text not null,
  name text not null,
  kind text not null,
  parent_code text,
  unlocode text,
  latitude numeric(9, 6),
  longitude numeric(9, 6),
  organisation_id uuid references organisations (id),
  primary key (operation_id, code),
  foreign key (operation_id, parent_code) references locations (operation_id, code)
);

create table items (
  operation_id uuid not null references operations (id),
  code text not null,
  name text not null,
  uom text not null references units_of_measure (code),
  kind text not null check (kind in ('goods', 'equipment')),
  weight_kg numeric,
  volume_m3 numeric,
  primary key (operation_id, code)
);

create table events (
  operation_id uuid not null references operations (id),
  seq bigint not null,
  id uuid not null,
  type text not null,
  event_time timestamptz not null,
  recorded_at timestamptz not null,
  recorded_by uuid not null references users (id),
  body jsonb not null,
  prev_hash text not null,
  hash text not null,
  primary key (operation_id, seq),
  unique (operation_id, id)
);

create table stock_moves (
  operation_id uuid not null,
  seq bigint not null,
  line integer not null,
  item_code text not null,
  quantity numeric not null check (quantity > 0),
  from_code text not null,
  to_code text not null,
  event_time timestamptz not null,
  primary key (operation_id, seq, line),
  foreign key (operation_id, seq) references events (operation_id, seq)
);
create index stock_moves_item on stock_moves (operation_id, item_code);

create table stock_balances (
  operation_id uuid not null,
  location_code text not null,
  item_code text not null,
  quantity numeric not null,
  primary key (operation_id, location_code, item_code)
);
