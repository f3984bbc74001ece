using System.Net;
using System.Net.Sockets;
using MonEspaceSante.Api.SignIn;
using Npgsql;

namespace MonEspaceSante.Tests.SignIn;

/// <summary>A token store that does not answer is a 503 to retry (TimeoutException), never a refusal of a good token.</summary>
[Trait("Category", "Unit")]
public sealed class TokenEntriesTests
{
    [Fact]
    public async Task A_store_that_does_not_answer_is_a_timeout_not_a_refusal()
    {
        // A port just released: nothing listens there.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var data = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Username=nobody;Timeout=2");
        await using var entries = new TokenEntries(data);

        var check = () => entries.IsValidAsync("a-token-id");

        (await check.Should().ThrowAsync<TimeoutException>()).WithMessage("*try again*");
    }
}
