-- Erasure of closed spaces (src/Grains/Erasure). A closed space is due for erasure at the end of its archive period, or
-- sooner when the holder asked: its grain writes the due row when it closes (and removes it when it reopens); a daily job
-- erases everyone due, in batches, and leaves a tombstone: the INS's keyed hash (as logs mask it) and the dates, nothing
-- else. The due row names the INS in clear because every person table is found by it; it goes with the erasure.
CREATE TABLE IF NOT EXISTS mes_erasure_due (
    ins          text        PRIMARY KEY,
    due_at       timestamptz NOT NULL,
    closed_at    timestamptz,
    requested_at timestamptz
);
CREATE INDEX IF NOT EXISTS mes_erasure_due_at ON mes_erasure_due (due_at, ins);

CREATE TABLE IF NOT EXISTS mes_erasure_tombstone (
    person_key   text        PRIMARY KEY,
    closed_at    timestamptz,
    requested_at timestamptz,
    due_at       timestamptz NOT NULL,
    erased_at    timestamptz NOT NULL DEFAULT now()
);

-- The erasure finds a person's rows in batches of 500 people: through an index in every table that can grow large.
-- Wave members are found by (wave, person) over the waves (few), without a second index on a table of millions.
CREATE INDEX IF NOT EXISTS "IX_OpenIddictTokens_Subject" ON oidc."OpenIddictTokens" ("Subject");
CREATE INDEX IF NOT EXISTS "IX_OpenIddictAuthorizations_Subject" ON oidc."OpenIddictAuthorizations" ("Subject");
CREATE INDEX IF NOT EXISTS orleans_storage_by_key ON orleans_storage (grain_id_extension);
CREATE INDEX IF NOT EXISTS mes_document_locator_by_person ON mes_document_locator (ins);

-- Which messages still refer to an attachment, found without reading every message: freed when none does.
CREATE INDEX IF NOT EXISTS mes_inbox_message_attachments ON mes_inbox_message USING gin (attachments jsonb_path_ops);

-- The history stays append-only, but for the erasure job, which says so in its transaction (SET LOCAL mes.erasure).
CREATE OR REPLACE FUNCTION mes_access_history_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $f$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('mes.erasure', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'mes_access_history is append-only';
END
$f$;
