-- Grain state of the patient facets (src/Grains/Storage/PostgresGrainStorage.cs). The key is the
-- whole grain id ("patient/ins:<INS>") and the state name, so neither the grain type nor the key is
-- lost (unlike the ADO.NET contract, which keys rows by hashes of the key and the state name only).
-- Writes of many grains are applied together, one statement per batch, with an optimistic etag check.

CREATE TABLE IF NOT EXISTS mes_grain_state (
    grain_id    text        NOT NULL,
    state_name  text        NOT NULL,
    service_id  text        NOT NULL,
    etag        bigint      NOT NULL,
    payload     bytea       NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_id, state_name, service_id)
) WITH (fillfactor = 85);
