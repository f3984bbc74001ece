-- Jobs that run once a day for everyone due (src/Grains/Jobs): the access digest, erasure. One row per job and day:
-- a silo claims it (owner, lease_until, renewed while it runs), marks it finished with a summary; a silo that dies
-- mid-run leaves a lease that ends, and another silo runs the job again (each job is idempotent).
CREATE TABLE IF NOT EXISTS mes_daily_job (
    job         text        NOT NULL,
    day         date        NOT NULL,
    owner       text        NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now(),
    lease_until timestamptz NOT NULL,
    finished_at timestamptz,
    attempts    integer     NOT NULL DEFAULT 1,
    summary     text,
    PRIMARY KEY (job, day)
);

-- The access digest reads one day of the history: a BRIN index over an append-only, time-ordered table costs a few pages.
CREATE INDEX IF NOT EXISTS mes_access_history_at ON mes_access_history USING brin (at);
