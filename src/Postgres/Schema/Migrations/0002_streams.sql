-- Durable Orleans streams (src/Grains/Streaming/Postgres): one queue table shared by every
-- partition, a dead-letter table. A row is one batch of events of one stream. It is written by the
-- producer (committed before OnNextAsync returns), leased by the partition's reader (dequeued + 1,
-- invisible until visible_at), deleted once every consumer handled it, or moved to the dead letters.

CREATE TABLE IF NOT EXISTS mes_stream_queue (
    provider    text        NOT NULL,
    queue_id    integer     NOT NULL,
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    stream_id   text        NOT NULL,
    payload     bytea       NOT NULL,
    enqueued_at timestamptz NOT NULL DEFAULT now(),
    visible_at  timestamptz NOT NULL DEFAULT now(),
    dequeued    integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (provider, queue_id, id)
) WITH (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.05);

CREATE TABLE IF NOT EXISTS mes_stream_dead_letter (
    provider    text        NOT NULL,
    id          bigint      NOT NULL,
    queue_id    integer     NOT NULL,
    stream_id   text        NOT NULL,
    payload     bytea       NOT NULL,
    enqueued_at timestamptz NOT NULL,
    dequeued    integer     NOT NULL,
    dead_at     timestamptz NOT NULL DEFAULT now(),
    reason      text        NOT NULL,
    PRIMARY KEY (provider, id)
);
CREATE INDEX IF NOT EXISTS mes_stream_dead_letter_by_time ON mes_stream_dead_letter (provider, dead_at DESC);
