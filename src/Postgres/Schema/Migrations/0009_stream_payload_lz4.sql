-- A queue row's payload is a segment of up to hundreds of events (tens of KB): PostgreSQL compresses
-- it before storing it out of line. Its default (pglz) compresses a few tens of MB per second, which a
-- wave's fan-out, producing millions of events at once, pays on its critical path; lz4 compresses about
-- ten times faster. Servers built without lz4 keep pglz.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE mes_stream_queue ALTER COLUMN payload SET COMPRESSION lz4;
        ALTER TABLE mes_stream_dead_letter ALTER COLUMN payload SET COMPRESSION lz4;
    END IF;
END
$$;
