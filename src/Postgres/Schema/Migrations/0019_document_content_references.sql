-- Deleting a document frees its content when no other document refers to it (src/Grains/Documents): each locator now
-- names its content (sha256) and whether its document was deleted. Locators written before this migration name no
-- content: while any such row remains, no content is freed (the documents' index, in grain state, is the only record of
-- what they refer to), so an upgraded database frees contents only once those rows are backfilled (docs/operations.md).
ALTER TABLE mes_document_locator ADD COLUMN IF NOT EXISTS sha256 text;
ALTER TABLE mes_document_locator ADD COLUMN IF NOT EXISTS deleted_at timestamptz;
CREATE INDEX IF NOT EXISTS mes_document_locator_by_content ON mes_document_locator (sha256) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS mes_document_locator_unknown_content ON mes_document_locator (document_id) WHERE sha256 IS NULL;
