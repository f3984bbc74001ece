using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Api.SignIn;
using Npgsql;

namespace MonEspaceSante.Tests.SignIn;

/// <summary>Session cookies and forms are protected by one key ring in PostgreSQL: another node (or this one restarted) reads them.</summary>
[Collection(SignInCollection.Name)]
public sealed class DataProtectionTests(SignInFixture fixture)
{
    [Fact]
    public async Task Another_node_on_the_same_database_unprotects_what_this_one_protected()
    {
        var protectedHere = fixture.App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("mes-session-test").Protect("agent-7");
        var data = fixture.App.Services.GetRequiredService<NpgsqlDataSource>();
        var otherNode = new ServiceCollection()
            .AddDbContext<SignInDbContext>(options => options.UseNpgsql(data))
            .AddDataProtection().SetApplicationName("mon-espace-sante").PersistKeysToDbContext<SignInDbContext>().Services
            .BuildServiceProvider();
        await using var _ = otherNode;

        var read = otherNode.GetRequiredService<IDataProtectionProvider>().CreateProtector("mes-session-test").Unprotect(protectedHere);

        read.Should().Be("agent-7");
        await using var count = data.CreateCommand("SELECT count(*) FROM oidc.\"DataProtectionKeys\"");
        ((long)(await count.ExecuteScalarAsync())!).Should().BeGreaterThan(0, "the key ring is in the database, not in the process");
    }
}
