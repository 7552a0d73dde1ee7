-- Device ids belong to users (issue 14): the first user to log in with a
-- device id owns it, and another user's login with it is refused
-- (DEVICE_TAKEN), so nobody can push as a colleague's device and move its
-- sequence. A laptop shared by several officers gives each its own device id
-- (renderer/sync/meta.ts), so sharing a laptop never needs a shared id.
CREATE TABLE device_owners (
  device_id      text PRIMARY KEY,
  user_id        text NOT NULL REFERENCES users (id),
  registered_at  timestamptz NOT NULL DEFAULT now()
);

-- Existing ids go to the user whose token for them is the oldest.
INSERT INTO device_owners (device_id, user_id, registered_at)
SELECT DISTINCT ON (device_id) device_id, user_id, created_at
FROM device_tokens
ORDER BY device_id, created_at, id;

-- Tokens other users hold for an id they do not own stop working: they log in
-- again, and their laptop then takes an id of their own.
UPDATE device_tokens t SET revoked_at = now()
FROM device_owners o
WHERE o.device_id = t.device_id AND o.user_id <> t.user_id AND t.revoked_at IS NULL;
