-- Reliefline schema 9: figures that cannot mislead.
--
-- Names in other languages for the operation, its consignments and organisations (as
-- migration 006 gave items, locations and teams): {"ru": {"name": "54 вагона"}}. An
-- operation's may also carry a description: {"ru": {"name": "…", "description": "…"}}.
alter table operations add column names jsonb not null default '{}'::jsonb;
alter table consignments add column names jsonb not null default '{}'::jsonb;
alter table organisations add column names jsonb not null default '{}'::jsonb;

-- What a discrepancy is about, as structured facts (codes, quantities, instants), so its
-- explanation is written in the reader's language when it is read. `explanation` stays:
-- the English text as found, for readers of rows written before this migration.
alter table discrepancies add column facts jsonb;

-- Publishing anyway: the open discrepancies that touched the published figures, as the
-- publisher acknowledged them ([{id, kind, subject, figures, facts, explanation}]), and
-- the publisher's note. Both null when nothing open touched the figures.
alter table publications add column acknowledged jsonb;
alter table publications add column acknowledgement_note text;
alter table publications add constraint publications_acknowledgement
  check ((acknowledged is null) = (acknowledgement_note is null));

-- The append-only guard of migration 7, now covering the acknowledgement as well.
create or replace function publications_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'publications are never deleted; withdraw publication % instead', old.id;
  end if;
  if old.withdrawn_at is not null
     or new.operation_id is distinct from old.operation_id or new.id is distinct from old.id
     or new.kind is distinct from old.kind or new.title is distinct from old.title
     or new.language is distinct from old.language or new.content is distinct from old.content
     or new.ledger_seq is distinct from old.ledger_seq or new.ledger_hash is distinct from old.ledger_hash
     or new.published_at is distinct from old.published_at or new.published_by is distinct from old.published_by
     or new.acknowledged is distinct from old.acknowledged
     or new.acknowledgement_note is distinct from old.acknowledgement_note then
    raise exception 'publication % cannot be changed: a publication is only ever withdrawn, once', old.id;
  end if;
  return new;
end
$$;

-- Stock in event-time order: each append checks whether a real location went below zero
-- at any moment from its earliest new move on. That reads the moves of one item at one
-- place from a point in time, so the item index gains the event time (it still serves
-- every query by item alone).
create index stock_moves_item_time on stock_moves (operation_id, item_code, event_time);
drop index stock_moves_item;
