-- Documents (DMP): contents stored once by SHA-256, the locator of each document, and contents uploaded
-- ahead of their DocumentReference (src/Grains/Documents). The index itself is grain state (patient.documents).

-- One row per distinct content: a second deposit of the same bytes writes nothing. Rows are never deleted
-- with a document (its status changes; the record is archived with the space).
CREATE TABLE IF NOT EXISTS mes_document_content (
    sha256     text        PRIMARY KEY,
    media_type text        NOT NULL,
    size       bigint      NOT NULL,
    content    bytea       NOT NULL,
    stored_at  timestamptz NOT NULL DEFAULT now()
);

-- Whose space a document id belongs to: FHIR reads by id (DocumentReference/{id}, Binary/{id}) name no patient.
CREATE TABLE IF NOT EXISTS mes_document_locator (
    document_id uuid        PRIMARY KEY,
    ins         text        NOT NULL,
    located_at  timestamptz NOT NULL DEFAULT now()
);

-- FHIR Binary uploaded before the DocumentReference that points at it; readable by its uploader only, for a day.
CREATE TABLE IF NOT EXISTS mes_document_upload (
    id          uuid        PRIMARY KEY,
    author_role text        NOT NULL,
    author_id   text        NOT NULL,
    media_type  text        NOT NULL,
    size        bigint      NOT NULL,
    content     bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS mes_document_upload_by_age ON mes_document_upload (created_at);
