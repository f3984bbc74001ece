namespace MonEspaceSante.Grains.Inbox;

/// <summary>Message bodies of the secure inbox, in their own PostgreSQL table (unbounded, so outside grain state).</summary>
public sealed class InboxMessageStore(OwnTables tables)
{
    private const string Feature = "The secure inbox";

    internal OwnTables Tables => tables;

    internal static string FeatureName => Feature;
}
