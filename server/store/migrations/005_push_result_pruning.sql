-- Pruning of stored push results (server/sync/prune.ts). A device's results
-- are kept for exactly-once replies; once the device has moved past them
-- (acked_seq: it sent a batch starting above them, so it holds their
-- answers) and they are older than the retention, only a network duplicate
-- days late could still ask, and that one is refused below pruned_through.
ALTER TABLE sync_devices ADD COLUMN acked_seq bigint NOT NULL DEFAULT 0;
ALTER TABLE sync_devices ADD COLUMN pruned_through bigint NOT NULL DEFAULT 0;
CREATE INDEX sync_mutations_device_seq_idx ON sync_mutations (device_id, seq);
