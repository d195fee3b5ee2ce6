-- Reliefline schema 17: a device credential is found within its operation.
--
-- Migration 12 made token_hash unique on its own. On a Citus cluster device_credentials is
-- distributed by operation_id (an operation's devices sit on its worker, where every sync
-- notes its contact), and Citus refuses a unique constraint without the distribution column.
-- The token now names its operation (rld_<operation id>_<secret>), so the server looks a
-- credential up in that operation's rows; the digest of a 256-bit secret stays unique anyway.
alter table device_credentials drop constraint device_credentials_token_hash_key;
alter table device_credentials add constraint device_credentials_token unique (operation_id, token_hash);
