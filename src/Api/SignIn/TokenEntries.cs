using MonEspaceSante.Postgres.Batching;
using Npgsql;
using NpgsqlTypes;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// Whether access tokens are still valid in the token store: their row and their grant's row (a revoked pairing,
/// a sign-out, a withdrawn app revoke them there). Checked on every request so that a revocation holds from the next
/// request on any node.
/// </summary>
/// <remarks>
/// Written here rather than left to OpenIddict's token-entry validation: that runs two Entity Framework queries per
/// request (the token, then its authorization), which cut the patient read path to about 500 requests/s at 16
/// connections on the benchmark machine (docs/benchmarks.md, "Sign-in"). Here concurrent requests share one
/// indexed, prepared query on both tables.
/// </remarks>
public sealed class TokenEntries : IAsyncDisposable
{
    private const string ValidQuery = """
        SELECT t."Id" FROM oidc."OpenIddictTokens" t
        LEFT JOIN oidc."OpenIddictAuthorizations" a ON a."Id" = t."AuthorizationId"
        WHERE t."Id" = ANY($1) AND t."Status" = 'valid'
          AND (t."ExpirationDate" IS NULL OR t."ExpirationDate" > now())
          AND (t."AuthorizationId" IS NULL OR a."Status" = 'valid')
        """;

    private readonly NpgsqlDataSource data;
    private readonly GroupCommit<Lookup> lookups;

    public TokenEntries(NpgsqlDataSource data)
    {
        this.data = data;
        lookups = new GroupCommit<Lookup>(laneCount: 2, maxBatch: 256, lookup => lookup.TokenId.GetHashCode(StringComparison.Ordinal), CheckAsync);
    }

    /// <summary>True while the token <paramref name="tokenId"/> and its grant are valid; a store that does not answer is a <see cref="TimeoutException"/> (503), not a refusal.</summary>
    public Task<bool> IsValidAsync(string tokenId)
    {
        var lookup = new Lookup(tokenId);
        lookups.Enqueue(lookup);
        return lookup.Done.Task;
    }

    private async Task CheckAsync(List<Lookup> batch)
    {
        var ids = batch.Select(l => l.TokenId).Distinct(StringComparer.Ordinal).ToArray();
        var valid = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var connection = await data.OpenConnectionAsync();
            await using var command = new NpgsqlCommand(ValidQuery, connection) { CommandTimeout = 5 };
            command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });

            // Prepared once per pooled connection (Npgsql keeps it): planning cost as much as the lookup itself.
            await command.PrepareAsync();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                valid.Add(reader.GetString(0));
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            throw new TimeoutException("The sign-in store did not answer: the token could not be checked. Try again.", exception);
        }

        foreach (var lookup in batch)
        {
            lookup.Done.TrySetResult(valid.Contains(lookup.TokenId));
        }
    }

    public ValueTask DisposeAsync() => lookups.DisposeAsync();

    private sealed class Lookup(string tokenId) : GroupCommitItem<bool>
    {
        public string TokenId { get; } = tokenId;
    }
}
