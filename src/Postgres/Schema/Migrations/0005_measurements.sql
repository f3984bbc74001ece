-- Health measurements pushed by apps (src/Grains/Measurements) and the access history.

-- The time series: compact typed rows, partitioned by month of the measurement. One row per reading;
-- (ins, app, reading key, effective time) makes a resent reading change nothing. The primary key
-- also serves every read: one person's series of one type over a period.
CREATE TABLE IF NOT EXISTS mes_measurement (
    ins          text             NOT NULL,
    type         smallint         NOT NULL,
    effective_at timestamptz      NOT NULL,
    app_id       text             NOT NULL,
    reading_key  text             NOT NULL,
    value        double precision NOT NULL,
    secondary    double precision,
    code         text             NOT NULL,
    device       text,
    received_at  timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (ins, type, effective_at, app_id, reading_key)
) PARTITION BY RANGE (effective_at);

-- Creates the month's partition if missing; serialised so that silos writing the same new month
-- together do not collide.
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
END
$f$;

-- Who read or wrote a person's data, other than the person: append-only (an UPDATE or DELETE is refused).
CREATE TABLE IF NOT EXISTS mes_access_history (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ins        text        NOT NULL,
    at         timestamptz NOT NULL DEFAULT now(),
    actor_role text        NOT NULL,
    actor_id   text        NOT NULL,
    action     text        NOT NULL,
    resource   text        NOT NULL,
    how        text        NOT NULL
);
CREATE INDEX IF NOT EXISTS mes_access_history_by_person ON mes_access_history (ins, id);

CREATE OR REPLACE FUNCTION mes_access_history_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $f$
BEGIN
    RAISE EXCEPTION 'mes_access_history is append-only';
END
$f$;

DROP TRIGGER IF EXISTS mes_access_history_append_only ON mes_access_history;
CREATE TRIGGER mes_access_history_append_only BEFORE UPDATE OR DELETE ON mes_access_history
    FOR EACH ROW EXECUTE FUNCTION mes_access_history_is_append_only();
