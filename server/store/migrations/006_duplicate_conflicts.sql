-- A second record of a one-per-period key (shared/domain/rules.ts periodKeyOf)
-- made offline is set aside as a conflict of its own kind (server/sync/push.ts).
ALTER TABLE conflicts DROP CONSTRAINT conflicts_kind_check;
ALTER TABLE conflicts ADD CONSTRAINT conflicts_kind_check CHECK (kind IN ('fields', 'edit_vs_delete', 'delete_vs_edit', 'duplicate'));
