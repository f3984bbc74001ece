-- Observations read by id, and what an app said about its reading (src/Grains/Measurements).

-- The Observation id of each reading, computed by the application (ObservationIds) when the reading is accepted:
-- 6 bytes of SHA-256 over the INS, then 10 bytes of SHA-256 over ins|app|reading key. The person's part first keeps
-- one person's readings together in the index, so a Bundle of one person's readings touches few index pages (a
-- fully random id cost three times the insert time of the primary key alone, measured). One index serves a read by
-- id (which names no person) and the check that an identifier is not reused for another measurement.
ALTER TABLE mes_measurement ADD COLUMN IF NOT EXISTS observation_id uuid;

-- Rows stored before this migration get the same id the application would give them (SQL for the backfill only: the
-- hash in SQL costs more than the insert itself). Text becomes bytes through bytea's escape input, backslashes doubled.
UPDATE mes_measurement SET observation_id = encode(
    substring(sha256(replace(ins, '\', '\\')::bytea) FROM 1 FOR 6)
    || substring(sha256(replace(ins || '|' || app_id || '|' || reading_key, '\', '\\')::bytea) FROM 1 FOR 10), 'hex')::uuid
WHERE observation_id IS NULL;

CREATE INDEX IF NOT EXISTS mes_measurement_by_observation_id ON mes_measurement (observation_id);

-- meta.source and meta.profile (space-separated canonical URLs) as the app sent them.
ALTER TABLE mes_measurement ADD COLUMN IF NOT EXISTS source text;
ALTER TABLE mes_measurement ADD COLUMN IF NOT EXISTS profile text;
