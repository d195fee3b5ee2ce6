-- Reliefline schema 5: needs per neighbourhood and item, and allocation plans with their lines.
-- Keys lead with operation_id like every operation-scoped table (Citus distribution key).

create table needs (
  operation_id uuid not null references operations (id),
  neighbourhood_code text not null,
  item_code text not null,
  quantity numeric not null check (quantity >= 0),
  priority numeric not null default 1 check (priority > 0),
  households integer check (households >= 0),
  people integer check (people >= 0),
  source text not null,
  assessed_on date not null,
  recorded_at timestamptz not null,
  recorded_by uuid not null references users (id),
  primary key (operation_id, neighbourhood_code, item_code),
  foreign key (operation_id, neighbourhood_code) references locations (operation_id, code),
  foreign key (operation_id, item_code) references items (operation_id, code)
);

create table allocation_plans (
  operation_id uuid not null references operations (id),
  id uuid not null,
  status text not null check (status in ('draft', 'approved')),
  hub_code text not null,
  transport jsonb,
  min_coverage double precision not null,
  fair_share double precision not null,
  total_coverage double precision not null,
  binding jsonb not null,
  shadow jsonb not null,
  explanation jsonb not null,
  created_at timestamptz not null,
  created_by uuid not null references users (id),
  approved_at timestamptz,
  approved_by uuid references users (id),
  primary key (operation_id, id)
);

create table allocation_plan_lines (
  operation_id uuid not null,
  plan_id uuid not null,
  line integer not null,
  neighbourhood_code text not null,
  item_code text not null,
  quantity numeric not null check (quantity >= 0),
  needed numeric not null,
  coverage double precision not null,
  primary key (operation_id, plan_id, line),
  foreign key (operation_id, plan_id) references allocation_plans (operation_id, id)
);
