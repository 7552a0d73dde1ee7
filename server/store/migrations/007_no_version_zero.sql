-- Rows the demo seed stored at version 0 count in the scope checksum like any
-- other (shared/sync/checksum.ts): a row on the server is at least version 1.
-- A laptop still holding such a row at version 0 sees the checksum differ
-- once and fetches its scope again. The rule holds for every row from now on.
UPDATE records SET version = 1 WHERE version = 0;
ALTER TABLE records ALTER COLUMN version SET DEFAULT 1;
ALTER TABLE records ADD CONSTRAINT records_version_positive CHECK (version >= 1);
