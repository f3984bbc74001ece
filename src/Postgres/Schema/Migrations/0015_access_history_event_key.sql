-- A line of the access history that an event writes (an app's readings, stored from the device-readings stream) carries
-- the event's key: a redelivered event finds its line there and writes none, so each event leaves exactly one line
-- however often it is delivered (src/Grains/Access/AccessHistory.cs). Lines of a request carry none.
ALTER TABLE mes_access_history ADD COLUMN IF NOT EXISTS event_key text;

-- A line about a minor's confidential care (a document labelled INVISIBLE_REPRESENTANTS_LEGAUX) is the minor's alone:
-- the legal representatives reading the history do not get it.
ALTER TABLE mes_access_history ADD COLUMN IF NOT EXISTS minor_only boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX IF NOT EXISTS mes_access_history_event ON mes_access_history (ins, event_key) WHERE event_key IS NOT NULL;
