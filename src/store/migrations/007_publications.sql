-- Reliefline schema 7: what a press officer published for the public view.
-- A publication is never edited: its content, and the ledger head (seq, hash) it was
-- computed at, stay as they were published. It can only be withdrawn, once; a withdrawn
-- publication leaves /public but its row stays as a tombstone with who, when and why.

create table publications (
  operation_id uuid not null references operations (id),
  id uuid not null,
  kind text not null check (kind in ('snapshot', 'statement')),
  title text not null check (length(title) between 1 and 200),
  language text not null check (language in ('en', 'ru')),
  content jsonb not null,
  ledger_seq bigint not null check (ledger_seq >= 0),
  ledger_hash text not null check (ledger_hash ~ '^[0-9a-f]{64}$'),
  published_at timestamptz not null,
  published_by uuid not null references users (id),
  withdrawn_at timestamptz,
  withdrawn_by uuid references users (id),
  withdrawal_reason text,
  primary key (operation_id, id),
  check ((withdrawn_at is null) = (withdrawn_by is null) and (withdrawn_at is null) = (withdrawal_reason is null))
);

create index publications_by_time on publications (operation_id, published_at desc);

-- Append-only in spirit, enforced: an update may only withdraw a publication that is still
-- published (setting the three withdrawal columns); nothing else may change, and rows are never deleted.
create function publications_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'publications are never deleted; withdraw publication % instead', old.id;
  end if;
  if old.withdrawn_at is not null
     or new.operation_id is distinct from old.operation_id or new.id is distinct from old.id
     or new.kind is distinct from old.kind or new.title is distinct from old.title
     or new.language is distinct from old.language or new.content is distinct from old.content
     or new.ledger_seq is distinct from old.ledger_seq or new.ledger_hash is distinct from old.ledger_hash
     or new.published_at is distinct from old.published_at or new.published_by is distinct from old.published_by then
    raise exception 'publication % cannot be changed: a publication is only ever withdrawn, once', old.id;
  end if;
  return new;
end
$$;

create trigger publications_append_only before update or delete on publications
  for each row execute function publications_append_only();
