-- The initial snapshot pages through a province's live records one fiscal
-- year at a time, ordered by id (server/sync/pull.ts snapshotPage): with this
-- index each page is a range scan instead of a sort of the whole province.
CREATE INDEX records_snapshot_idx ON records (province_code, fiscal_year, id) WHERE NOT deleted;
