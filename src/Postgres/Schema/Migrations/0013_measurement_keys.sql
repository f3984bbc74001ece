-- One index less on the ingestion path (src/Grains/Measurements): the Observation id becomes the reading's key.
-- The id is a hash of (person, app, reading key), so a unique id per partition is the old five-column primary key
-- (a resend of the same reading lands in the same month's partition) and also stops an identifier reused for another
-- time within the month, without the probe of every partition that each insert used to make. Reads of a person's
-- series keep a slimmer (ins, type, effective_at) index. Reuse across months is refused at request time
-- (ReadingIngestion asks the store before the reading is acknowledged).

ALTER TABLE mes_measurement DROP CONSTRAINT IF EXISTS mes_measurement_pkey;
DROP INDEX IF EXISTS mes_measurement_by_observation_id;
CREATE INDEX IF NOT EXISTS mes_measurement_series ON mes_measurement (ins, type, effective_at);

-- Rows stored before migration 0012 could repeat an identifier at another time: the first received stays, as
-- 0012 already decided for new rows.
DELETE FROM mes_measurement m
USING mes_measurement earlier
WHERE earlier.observation_id = m.observation_id
  AND (earlier.received_at, earlier.ctid) < (m.received_at, m.ctid)
  AND earlier.tableoid = m.tableoid;

ALTER TABLE mes_measurement ALTER COLUMN observation_id SET NOT NULL;

-- A partitioned table cannot hold a unique index without its partition key, so each month's partition gets its own;
-- ON CONFLICT DO NOTHING checks the unique indexes of the partition a row goes to.
CREATE OR REPLACE FUNCTION mes_ensure_measurement_partition(month date) RETURNS void
LANGUAGE plpgsql AS $f$
DECLARE
    first_day date := date_trunc('month', month)::date;
    name text := format('mes_measurement_%s', to_char(first_day, 'YYYY_MM'));
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('mes_measurement_partitions'));
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF mes_measurement FOR VALUES FROM (%L) TO (%L)',
                   name, first_day, (first_day + interval '1 month')::date);
    EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS %I ON %I (observation_id)', name || '_observation_id', name);
END
$f$;

DO $d$
DECLARE
    part regclass;
BEGIN
    FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'mes_measurement'::regclass LOOP
        EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS %I ON %s (observation_id)', part::text || '_observation_id', part);
    END LOOP;
END
$d$;
