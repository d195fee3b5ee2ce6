-- Reliefline schema 11: sign-in throttling that survives restarts and is shared by every
-- server process on one database, and an audit trail of who signed in, failed to, changed
-- a password, or created or revoked an API token. Staff accounts only: no data of aid
-- recipients is involved. Neither table is scoped to an operation (like users).

-- One row per thing being throttled: 'account:<email>', 'address:<ip>', 'password:<user id>'.
-- Consecutive failures since the last success; while locked_until is in the future the
-- key is refused without checking a password, and each lock is longer than the last.
create table auth_throttle (
  key text primary key,
  failures integer not null check (failures >= 0),
  last_failure_at timestamptz not null,
  locked_until timestamptz
);

create table auth_audit (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  kind text not null check (kind in (
    'signed-in', 'sign-in-failed', 'sign-in-refused-locked', 'signed-out',
    'password-changed', 'password-change-failed', 'password-reset',
    'token-created', 'token-revoked'
  )),
  user_id uuid references users (id) on delete set null,
  email text,
  address text,
  detail text not null default ''
);

create index auth_audit_by_time on auth_audit (at desc, id desc);
