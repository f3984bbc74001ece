namespace MonEspaceSante.Grains.Erasure;

/// <summary>How one table of the schema holds a person's data, and so how erasure reaches it.</summary>
public enum PersonDataKind
{
    /// <summary>Rows of one person, found by <see cref="PersonTable.Where"/>: erased with the person.</summary>
    PersonRows,

    /// <summary>Rows shared by content (stored once by hash): freed when no row of anyone refers to them any more.</summary>
    SharedContent,

    /// <summary>Rows that name a person but live briefly (a staged upload for a day, a queued event until it is delivered).</summary>
    Transient,

    /// <summary>No person's data: cluster-wide state (membership, waves, catalogue, sign-in clients, jobs).</summary>
    None,
}

/// <summary>One table and its place in the erasure of a person: what identifies their rows, or why none are there.</summary>
/// <param name="Table">The table as the migrations create it (schema-qualified when not in the default schema).</param>
/// <param name="Kind">What the table holds of a person.</param>
/// <param name="Where">For person rows: the condition over <c>@ins</c> (INS), <c>@keys</c> (their keyed hashes), <c>@grains</c> (grain ids), <c>@liveKeys</c> (the pub-sub ids of their live feeds) or <c>@streamKeys</c> (LIKE patterns ending in the person's stream key).</param>
/// <param name="Why">Why it is classified so, in a line.</param>
public sealed record PersonTable(string Table, PersonDataKind Kind, string? Where, string Why);

/// <summary>
/// The inventory of every table the migrations create, each with its place in the erasure of a person (issue 19): the test
/// <c>PersonDataInventoryTests</c> reads the migrations and fails for a table that is not listed here, so that a new table
/// cannot hold a person's data without saying how that data is erased. <see cref="ErasureStore"/> deletes every person-rows table of it.
/// </summary>
public static class PersonData
{
    public static IReadOnlyList<PersonTable> Tables { get; } =
    [
        new("mes_grain_state", PersonDataKind.PersonRows, "grain_id = ANY(@grains)", "every facet of the person's grain (profile, consents, controls, documents, agenda, inbox, medical profile, contact)"),
        new("mes_measurement", PersonDataKind.PersonRows, "ins = ANY(@ins)", "readings, every monthly partition"),
        new("mes_access_history", PersonDataKind.PersonRows, "ins = ANY(@ins)", "who accessed the space (append-only but for erasure)"),
        new("mes_document_locator", PersonDataKind.PersonRows, "ins = ANY(@ins)", "whose space a document id belongs to"),
        new("mes_inbox_message", PersonDataKind.PersonRows, "ins = ANY(@ins)", "message bodies"),
        new("mes_outbox", PersonDataKind.PersonRows, "person_key = ANY(@keys)", "notices to the person (older rows without a key are purged with sent notices)"),
        new("mes_wave_member", PersonDataKind.PersonRows, "(wave_id, ins) IN (SELECT w.wave_id, p FROM mes_wave w CROSS JOIN unnest(@ins) p)", "the person in a wave, with their contact and identity traits"),
        new("oidc.\"OpenIddictTokens\"", PersonDataKind.PersonRows, "\"Subject\" = ANY(@ins)", "a person's tokens (before their grants, which they refer to)"),
        new("oidc.\"OpenIddictAuthorizations\"", PersonDataKind.PersonRows, "\"Subject\" = ANY(@ins)", "a person's sign-in grants (apps paired, frontends)"),
        new("orleans_storage", PersonDataKind.PersonRows, "grain_id_extension = ANY(@liveKeys)", "stream pub-sub state of the person's live feeds (its grain ids end in the person's key)"),
        new("mes_stream_dead_letter", PersonDataKind.PersonRows, "stream_id LIKE ANY(@streamKeys)", "events that could not be delivered to the person's grain (a segment of several streams names none: operators purge those)"),
        new("mes_document_upload", PersonDataKind.PersonRows, "author_role = 'Patient' AND author_id = ANY(@ins)", "a Binary the person staged before its DocumentReference (kept a day; a professional's staged ones name no patient)"),
        new("mes_erasure_due", PersonDataKind.PersonRows, "ins = ANY(@ins)", "when the closed space is erased: goes with the erasure"),
        new("mes_document_content", PersonDataKind.SharedContent, null, "document contents by SHA-256, which documents of several people may share: freed when the last locator referring to it is deleted"),
        new("mes_inbox_attachment", PersonDataKind.SharedContent, null, "attachments by SHA-256, shared likewise"),
        new("mes_stream_queue", PersonDataKind.Transient, null, "events until delivered (deleted once acknowledged)"),
        new("mes_wave", PersonDataKind.None, null, "a wave's definition and counts"),
        new("mes_wave_partition", PersonDataKind.None, null, "a wave partition's cursor (an INS as the last one paged: erased people are past it)"),
        new("mes_wave_upload", PersonDataKind.None, null, "an upload's progress"),
        new("mes_wave_upload_error", PersonDataKind.None, null, "refused line numbers and reasons, never the INS"),
        new("mes_device", PersonDataKind.None, null, "an app's devices by their identifier, no person"),
        new("mes_erasure_tombstone", PersonDataKind.None, null, "the proof of an erasure: the INS's keyed hash and the dates, nothing else"),
        new("mes_daily_job", PersonDataKind.None, null, "runs of the daily jobs, with counts"),
        new("orleansquery", PersonDataKind.None, null, "Orleans' queries"),
        new("orleans_membership_version", PersonDataKind.None, null, "cluster membership"),
        new("orleans_membership", PersonDataKind.None, null, "cluster membership"),
        new("orleans_reminders", PersonDataKind.None, null, "the waves' and platform grains' reminders (never one per person)"),
        new("oidc.\"OpenIddictApplications\"", PersonDataKind.None, null, "OAuth clients: apps, frontends, operators"),
        new("oidc.\"OpenIddictScopes\"", PersonDataKind.None, null, "OAuth scopes"),
        new("oidc.\"DataProtectionKeys\"", PersonDataKind.None, null, "the nodes' data-protection keys"),
    ];
}
