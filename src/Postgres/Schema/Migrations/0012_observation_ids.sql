-- Observations read by id, and what an app said about its reading (src/Grains/Measurements).

-- The Observation id of a reading: the first 16 bytes of SHA-256 over ins|app|reading key, as the C# side
-- (ObservationIds) computes it. IMMUTABLE although convert_to is only STABLE: its result depends on the database
-- encoding alone, which never changes for a database.
CREATE OR REPLACE FUNCTION mes_observation_id(ins text, app_id text, reading_key text) RETURNS uuid
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
    SELECT encode(substring(sha256(convert_to(ins || '|' || app_id || '|' || reading_key, 'UTF8')) FROM 1 FOR 16), 'hex')::uuid
$f$;

-- One index serves a read by id (which names no person) and the check that an identifier is not reused for
-- another measurement. Partitioned: each month's partition has its own, probed in turn.
CREATE INDEX IF NOT EXISTS mes_measurement_by_observation_id ON mes_measurement (mes_observation_id(ins, app_id, reading_key));

-- meta.source and meta.profile (space-separated canonical URLs) as the app sent them.
ALTER TABLE mes_measurement ADD COLUMN IF NOT EXISTS source text;
ALTER TABLE mes_measurement ADD COLUMN IF NOT EXISTS profile text;
