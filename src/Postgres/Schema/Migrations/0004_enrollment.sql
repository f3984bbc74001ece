-- Opt-out waves (src/Grains/Enrollment) and the notice outbox.

CREATE TABLE IF NOT EXISTS mes_wave (
    wave_id           text        PRIMARY KEY,
    name              text        NOT NULL,
    territory         text        NOT NULL,
    opposition_window interval    NOT NULL,
    starts_at         timestamptz,
    partitions        integer     NOT NULL,
    phase             text        NOT NULL,
    members           bigint      NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL,
    launched_at       timestamptz,
    deadline          timestamptz,
    completed_at      timestamptz
);

-- One row per person of a wave: idempotent by (wave, INS). outcome: what the person's grain
-- reported. No index covers the outcome, so recording it is a HOT update (fillfactor leaves room).
CREATE TABLE IF NOT EXISTS mes_wave_member (
    wave_id        text        NOT NULL,
    ins            text        NOT NULL,
    partition      smallint    NOT NULL,
    channel        text        NOT NULL,
    email          text,
    postal_address text,
    birth_date     date,
    departement    text,
    upload_id      text        NOT NULL,
    line_no        bigint      NOT NULL,
    outcome        text,
    outcome_at     timestamptz,
    PRIMARY KEY (wave_id, ins)
) WITH (fillfactor = 80);
CREATE INDEX IF NOT EXISTS mes_wave_member_by_partition ON mes_wave_member (wave_id, partition, ins);

-- Fan-out progress per partition and phase: a partition pages through its members by INS and
-- records how far it got once per page (not a flag per member, which cost an index update each).
CREATE TABLE IF NOT EXISTS mes_wave_partition (
    wave_id    text     NOT NULL,
    partition  smallint NOT NULL,
    phase      text     NOT NULL,
    cursor_ins text     NOT NULL DEFAULT '',
    done       boolean  NOT NULL DEFAULT false,
    PRIMARY KEY (wave_id, partition, phase)
);

CREATE TABLE IF NOT EXISTS mes_wave_upload (
    wave_id    text        NOT NULL,
    upload_id  text        NOT NULL,
    last_line  bigint      NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (wave_id, upload_id)
);

CREATE TABLE IF NOT EXISTS mes_wave_upload_error (
    wave_id   text   NOT NULL,
    upload_id text   NOT NULL,
    line_no   bigint NOT NULL,
    reason    text   NOT NULL,
    PRIMARY KEY (wave_id, upload_id, line_no)
);

-- Notices to send (e-mail or letter). dedup_key makes each notice exactly-once however often the
-- grain that issues it is replayed. Never health data: kind, channel and address only.
CREATE TABLE IF NOT EXISTS mes_outbox (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedup_key      text        NOT NULL UNIQUE,
    kind           text        NOT NULL,
    channel        text        NOT NULL,
    email          text,
    postal_address text,
    wave_id        text,
    deadline       timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    sent_at        timestamptz
);
CREATE INDEX IF NOT EXISTS mes_outbox_pending ON mes_outbox (id) WHERE sent_at IS NULL;
