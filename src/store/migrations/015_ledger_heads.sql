-- Reliefline schema 15: the head of each operation's hash chain gets a table of its own.
--
-- Until now `operations` held the head (last_seq, last_hash), and every append locked that
-- row FOR UPDATE. On a Citus cluster `operations` is a reference table (it has no
-- operation_id column and is looked up by code from every request), copied to every node:
-- locking or updating one of its rows touches every node, so an append could no longer be
-- a transaction on the one worker that holds the operation. `ledger_heads` has the
-- operation's id as its distribution column and is co-located with `events`, so the head,
-- the chain and the projections of one operation live and are locked on one worker.
-- Nothing else changes: one row per operation, created with it, locked and advanced by
-- every append, compared with the end of the chain by `verify`.
create table ledger_heads (
  operation_id uuid primary key references operations (id),
  last_seq bigint not null default 0 check (last_seq >= 0),
  last_hash text not null default repeat('0', 64)
);

insert into ledger_heads (operation_id, last_seq, last_hash)
  select id, last_seq, last_hash from operations;

alter table operations drop column last_seq;
alter table operations drop column last_hash;
