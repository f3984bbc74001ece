-- The secure inbox (src/Grains/Inbox): message bodies and attachments, outside grain state (unbounded).

-- One row per message. (ins, conversation, seq) is the key the grain writes before its state: a row whose
-- seq is beyond the conversation's count in grain state was never acknowledged, and the next message of
-- that conversation overwrites it. client_id is the sender's own id of the message (a resend finds it).
CREATE TABLE IF NOT EXISTS mes_inbox_message (
    ins             text        NOT NULL,
    conversation_id text        NOT NULL,
    seq             integer     NOT NULL,
    sender_role     text        NOT NULL,
    sender_id       text        NOT NULL,
    sent_at         timestamptz NOT NULL,
    body            text        NOT NULL,
    attachments     jsonb       NOT NULL DEFAULT '[]',
    client_id       text,
    PRIMARY KEY (ins, conversation_id, seq)
);

CREATE INDEX IF NOT EXISTS mes_inbox_message_client ON mes_inbox_message (ins, conversation_id, client_id)
    WHERE client_id IS NOT NULL;

-- Attachment bytes, stored once by SHA-256 (a message's attachments column names them with their own
-- media type and title). Kept apart from the documents' content table so the bricks stay independent.
CREATE TABLE IF NOT EXISTS mes_inbox_attachment (
    sha256     text   PRIMARY KEY,
    media_type text   NOT NULL,
    size       bigint NOT NULL,
    content    bytea  NOT NULL
);
