-- Rows the demo seed stored at version 0 count in the scope checksum like any
-- other (shared/sync/checksum.ts): a row on the server is at least version 1.
-- A laptop still holding such a row at version 0 sees the checksum differ
-- once and fetches its scope again.
UPDATE records SET version = 1 WHERE version = 0;
