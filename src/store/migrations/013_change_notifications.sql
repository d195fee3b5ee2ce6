-- Reliefline schema 13: change notifications. Every statement that writes a table
-- notifies the channel reliefline_changes with the table's name (PostgreSQL sends one
-- notification per table per transaction, at commit). A server keeps read answers and
-- sign-ins in memory while nothing they depend on changed; this is how it hears about
-- writes made by other processes (a CLI writing to the same PostgreSQL server).
-- src/store/changes.ts attaches the trigger to every table, including tables that later
-- migrations create (ensureChangeTriggers runs after each migrate).

create function reliefline_notify_change() returns trigger language plpgsql as $$
begin
  perform pg_notify('reliefline_changes', tg_table_name);
  return null;
end
$$;

do $$
declare t record;
begin
  for t in select tablename from pg_tables where schemaname = current_schema() and tablename <> 'schema_migrations' loop
    execute format('create trigger reliefline_changed after insert or update or delete or truncate on %I for each statement execute function reliefline_notify_change()', t.tablename);
  end loop;
end
$$;
