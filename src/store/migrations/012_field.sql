-- Reliefline schema 12: the field app.
--
-- Device credentials: a bearer credential a phone gets when its user signs in on it
-- (online, after a normal sign-in). It is bound to the user, one operation and the role
-- the user had there, lasts a shift, and can be revoked from the operations room. Only its
-- SHA-256 digest is stored. The phone reports its outbox size and clock at each contact.
create table device_credentials (
  operation_id uuid not null references operations (id),
  id uuid not null,
  token_hash text not null unique,
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in ('admin', 'logistician', 'field-officer', 'distribution-officer', 'press-officer', 'viewer')),
  -- the app's own id, kept on the phone across sign-ins: events name it as their origin
  installation_id uuid not null,
  label text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  revoked_by uuid references users (id),
  last_sync_at timestamptz,
  last_outbox_size integer,
  -- server time minus the phone's clock at the last contact
  last_clock_offset_ms bigint,
  primary key (operation_id, id)
);
create index device_credentials_user on device_credentials (operation_id, user_id);

-- What changed in an operation's working set (the catalogue a phone keeps offline), so a
-- phone can ask "what changed since my cursor" cheaply. One row per entity, holding the id
-- of the last transaction that changed it; a reader takes the oldest transaction still
-- running (pg_snapshot_xmin) as its next cursor, so a change committed late is never
-- skipped. Unit states follow the ledger and are found by sequence number instead.
create table working_set_changes (
  operation_id uuid not null,
  kind text not null,
  key text not null,
  xid bigint not null,
  primary key (operation_id, kind, key)
);
create index working_set_changes_xid on working_set_changes (operation_id, xid);

-- Arguments: the entity kind, and the column holding its key.
create function note_working_set_change() returns trigger language plpgsql as $$
declare
  changed jsonb;
begin
  foreach changed in array case tg_op when 'INSERT' then array[to_jsonb(new)] when 'DELETE' then array[to_jsonb(old)]
    else array[to_jsonb(old), to_jsonb(new)] end loop
    insert into working_set_changes (operation_id, kind, key, xid)
    values ((changed ->> 'operation_id')::uuid, tg_argv[0], changed ->> tg_argv[1], pg_current_xact_id()::text::bigint)
    on conflict (operation_id, kind, key) do update set xid = excluded.xid;
  end loop;
  return null;
end $$;

create trigger working_set_items after insert or update or delete on items
  for each row execute function note_working_set_change('item', 'code');
create trigger working_set_locations after insert or update or delete on locations
  for each row execute function note_working_set_change('location', 'code');
create trigger working_set_teams after insert or update or delete on teams
  for each row execute function note_working_set_change('team', 'code');
create trigger working_set_consignments after insert or update or delete on consignments
  for each row execute function note_working_set_change('consignment', 'code');
create trigger working_set_units after insert or update or delete on transport_units
  for each row execute function note_working_set_change('unit', 'number');
create trigger working_set_manifests after insert or update or delete on manifest_lines
  for each row execute function note_working_set_change('unit', 'unit_number');
create trigger working_set_plans after insert or update or delete on allocation_plans
  for each row execute function note_working_set_change('plan', 'id');
