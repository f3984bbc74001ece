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
    public void The_migrations_create_exactly_the_tables_and_indexes_of_the_sign_in_model()
    {
        using var context = new SignInDbContext(new DbContextOptionsBuilder<SignInDbContext>().UseNpgsql("Host=unused").Options);
        var model = Statements(context.Database.GenerateCreateScript());
        var migrations = Statements(string.Join('\n', PostgresMigrator.Shipped.Where(m => m.Name is "openiddict" or "data_protection_keys").Select(m => m.Sql))
            .Replace(" IF NOT EXISTS oidc.", " oidc.", StringComparison.Ordinal).Replace(" IF NOT EXISTS \"", " \"", StringComparison.Ordinal));

        migrations.Should().BeEquivalentTo(model, "0010_openiddict.sql and 0011_data_protection_keys.sql are the script of the model; when OpenIddict's model changes, add a migration");
    }

    /// <summary>The statements of a script, blanks and comments aside (EF orders tables its own way).</summary>
    private static List<string> Statements(string sql) =>
        [.. Normalise(sql).Split(';').Select(s => s.Trim()).Where(s => s.Length > 0 && s != "END $EF$")];

    private static string Normalise(string sql) => Blanks().Replace(string.Join('\n', sql.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))), " ").Trim();
}
