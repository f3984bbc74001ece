using Microsoft.EntityFrameworkCore;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// OpenIddict's stores (clients, authorizations, tokens, scopes) in our PostgreSQL, schema <c>oidc</c>. The tables are
/// created by the schema migrations like every other (0010_openiddict.sql, checked against this model by a test), never
/// by EF Core at start: EnsureCreated does nothing in a database that already holds tables.
/// </summary>
public sealed class SignInDbContext(DbContextOptions<SignInDbContext> options) : DbContext(options)
{
    public const string Schema = "oidc";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.UseOpenIddict();
    }
}
