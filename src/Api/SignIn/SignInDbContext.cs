using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// OpenIddict's stores (clients, authorizations, tokens, scopes) in our PostgreSQL, schema <c>oidc</c>. The tables are
/// created by the schema migrations like every other (0010_openiddict.sql, checked against this model by a test), never
/// by EF Core at start: EnsureCreated does nothing in a database that already holds tables. It also keeps ASP.NET Core's
/// data-protection keys (0011_data_protection_keys.sql), which protect session cookies and forms: every node must
/// read the cookies another node wrote, and a restart must not sign everyone out.
/// </summary>
public sealed class SignInDbContext(DbContextOptions<SignInDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public const string Schema = "oidc";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.UseOpenIddict();
    }
}
