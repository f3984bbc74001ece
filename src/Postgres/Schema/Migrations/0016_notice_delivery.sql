-- Notices that reach the person (src/Grains/Notices): each names its recipient (name, e-mail, mobile or the push
-- registrations of the person's app) and is delivered by the dispatcher, which claims due rows with a lease, retries
-- with backoff and gives up after its last attempt (failed_at, last_error: the operators' view). Letters stay for the
-- mailing service's export. person_key: whose notice it is (the INS's keyed hash, as logs mask it), for erasure; never
-- exported. details: what an access digest lists
-- (who and when, no health content).
ALTER TABLE mes_outbox ADD COLUMN IF NOT EXISTS person_key text;
ALTER TABLE mes_outbox ADD COLUMN IF NOT EXISTS recipient_name text;
ALTER TABLE mes_outbox ADD COLUMN IF NOT EXISTS mobile text;
ALTER TABLE mes_outbox ADD COLUMN IF NOT EXISTS push_tokens jsonb;
ALTER TABLE mes_outbox ADD COLUMN IF NOT EXISTS details jsonb;
ALTER TABLE mes_outbox ADD COLUMN IF NOT EXISTS attempts integer NOT NULL DEFAULT 0;
ALTER TABLE mes_outbox ADD COLUMN IF NOT EXISTS next_attempt_at timestamptz;
ALTER TABLE mes_outbox ADD COLUMN IF NOT EXISTS lease_until timestamptz;
ALTER TABLE mes_outbox ADD COLUMN IF NOT EXISTS last_error text;
ALTER TABLE mes_outbox ADD COLUMN IF NOT EXISTS failed_at timestamptz;

-- What the dispatcher claims: pending, not given up, not a letter.
CREATE INDEX IF NOT EXISTS mes_outbox_due ON mes_outbox (id) WHERE sent_at IS NULL AND failed_at IS NULL AND channel <> 'Letter';
CREATE INDEX IF NOT EXISTS mes_outbox_failed ON mes_outbox (id) WHERE failed_at IS NOT NULL AND sent_at IS NULL;
CREATE INDEX IF NOT EXISTS mes_outbox_by_person ON mes_outbox (person_key) WHERE person_key IS NOT NULL;
