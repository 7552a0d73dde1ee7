-- Authentication (passwords, device tokens) and the sync protocol's server
-- state: per-device sequence, stored push results, per-field versions,
-- conflicts, the per-province change log and its counters.

ALTER TABLE users ADD COLUMN password_hash text;
ALTER TABLE users ADD COLUMN disabled boolean NOT NULL DEFAULT false;

-- Device tokens: only a SHA-256 of the random token is stored.
CREATE TABLE device_tokens (
  id            uuid PRIMARY KEY,
  token_hash    text NOT NULL UNIQUE,
  user_id       text NOT NULL REFERENCES users (id),
  device_id     text NOT NULL,
  device_name   text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  last_used_at  timestamptz
);
CREATE INDEX device_tokens_user_idx ON device_tokens (user_id);

-- One row per device that ever pushed; locked by each push of that device.
CREATE TABLE sync_devices (
  device_id     text PRIMARY KEY,
  user_id       text NOT NULL REFERENCES users (id),
  last_seq      bigint NOT NULL DEFAULT 0,
  last_push_at  timestamptz NOT NULL DEFAULT now()
);

-- The answer given to each mutation, so a replayed push gets the same answer.
CREATE TABLE sync_mutations (
  mutation_id  text PRIMARY KEY,
  device_id    text NOT NULL,
  user_id      text NOT NULL,
  seq          bigint NOT NULL,
  result       jsonb NOT NULL,
  applied_at   timestamptz NOT NULL DEFAULT now()
);

-- Per field: [server version, device id] of its last write, for delete-vs-edit.
ALTER TABLE records ADD COLUMN field_versions jsonb NOT NULL DEFAULT '{}'::jsonb;

CREATE TABLE conflicts (
  id              uuid PRIMARY KEY,
  table_name      text NOT NULL,
  record_id       uuid NOT NULL,
  province_code   text NOT NULL REFERENCES provinces (code),
  lao_id          text NOT NULL REFERENCES laos (id),
  kind            text NOT NULL CHECK (kind IN ('fields', 'edit_vs_delete', 'delete_vs_edit')),
  fields          jsonb NOT NULL,
  server_version  bigint NOT NULL,
  mutation_id     text NOT NULL,
  author          text NOT NULL,
  device_id       text NOT NULL,
  client_time     text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  resolved_at     timestamptz,
  resolved_by     text
);
CREATE INDEX conflicts_scope_idx ON conflicts (province_code, resolved_at);

-- The change log: n is per province and taken as the last step of the
-- writing transaction, so n order is commit order.
CREATE TABLE province_counters (
  province_code      text PRIMARY KEY REFERENCES provinces (code),
  n                  bigint NOT NULL DEFAULT 0,
  -- entries up to here were removed by compaction; older cursors must reset
  compacted_through  bigint NOT NULL DEFAULT 0
);

CREATE TABLE change_log (
  province_code  text NOT NULL,
  n              bigint NOT NULL,
  lao_id         text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('record', 'conflict')),
  table_name     text NOT NULL,
  entity_id      uuid NOT NULL,
  payload        jsonb NOT NULL,
  committed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (province_code, n)
);
