using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MonEspaceSante.Api.SignIn;
using MonEspaceSante.Postgres.Schema;

namespace MonEspaceSante.Tests.SignIn;

/// <summary>The sign-in tables are created by our migrations, not by EF Core: the migration must be what the model asks for.</summary>
[Trait("Category", "Unit")]
public sealed partial class SignInSchemaTests
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Blanks();

    [Fact]
    public void The_migration_creates_exactly_the_tables_and_indexes_of_the_openiddict_model()
    {
        using var context = new SignInDbContext(new DbContextOptionsBuilder<SignInDbContext>().UseNpgsql("Host=unused").Options);
        var model = context.Database.GenerateCreateScript();
        var migration = PostgresMigrator.Shipped.Single(m => m.Name == "openiddict").Sql;

        Normalise(migration.Replace(" IF NOT EXISTS oidc.", " oidc.", StringComparison.Ordinal).Replace(" IF NOT EXISTS \"", " \"", StringComparison.Ordinal)).Should().Be(Normalise(model), "0010_openiddict.sql is the script of the model; regenerate it when OpenIddict's model changes, as a new migration");
    }

    private static string Normalise(string sql) => Blanks().Replace(string.Join('\n', sql.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))), " ").Trim();
}
