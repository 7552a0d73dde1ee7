-- Shared history (issue 15): every write the server accepts, as an audit
-- entry beside the record it changed, written in the push's transaction
-- (server/sync/push.ts). Unlike sync_mutations (answers, pruned) and the
-- change log (compacted), these rows are kept: any device reads a record's
-- full history from here (GET /v1/records/:table/:id/history).
CREATE TABLE record_history (
  record_id          uuid NOT NULL,
  -- the record version this write made: one entry per version
  version            bigint NOT NULL,
  table_name         text NOT NULL,
  province_code      text NOT NULL,
  lao_id             text NOT NULL,
  op                 text NOT NULL CHECK (op IN ('create', 'update', 'delete', 'restore')),
  user_id            text NOT NULL,
  device_id          text NOT NULL,
  mutation_id        text NOT NULL,
  -- the device's clock when its user made the change, as sent (untrusted)
  client_time        text NOT NULL,
  changed_at         timestamptz NOT NULL,
  -- field -> {old, new}: old is the value the server held, new the one stored
  changes            jsonb NOT NULL,
  entered_on_behalf  boolean NOT NULL,
  PRIMARY KEY (record_id, version)
);
