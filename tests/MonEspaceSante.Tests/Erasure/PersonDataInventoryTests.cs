using System.Text.RegularExpressions;
using MonEspaceSante.Grains.Erasure;
using MonEspaceSante.Postgres.Schema;

namespace MonEspaceSante.Tests.Erasure;

/// <summary>Every table the migrations create has its place in a person's erasure: a new one without it fails here.</summary>
[Trait("Category", "Unit")]
public sealed partial class PersonDataInventoryTests
{
    [GeneratedRegex(@"CREATE TABLE IF NOT EXISTS\s+([A-Za-z_.""]+)", RegexOptions.CultureInvariant)]
    private static partial Regex CreatedTable();

    private static IReadOnlySet<string> TablesOfTheMigrations()
    {
        var assembly = typeof(PostgresMigrator).Assembly;
        var tables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            tables.UnionWith(CreatedTable().Matches(reader.ReadToEnd()).Select(m => m.Groups[1].Value));
        }

        return tables;
    }

    [Fact]
    public void Every_table_of_the_migrations_says_how_a_persons_rows_in_it_are_erased_and_none_is_listed_that_does_not_exist()
    {
        var created = TablesOfTheMigrations();
        var listed = PersonData.Tables.Select(t => t.Table).ToList();

        created.Should().Contain(["mes_measurement", "mes_grain_state", "oidc.\"OpenIddictTokens\""], "the migrations are read");
        string.Join(", ", created.Except(listed)).Should().BeEmpty("a table holding a person's data must say how erasure reaches it (src/Grains/Erasure/PersonData.cs)");
        string.Join(", ", listed.Except(created)).Should().BeEmpty("the inventory lists only tables that exist");
        listed.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void A_table_of_a_persons_rows_names_how_they_are_found_and_no_other_kind_does()
    {
        PersonData.Tables.Where(t => (t.Kind == PersonDataKind.PersonRows) != (t.Where is not null)).Select(t => t.Table).Should().BeEmpty();
        PersonData.Tables.Where(t => string.IsNullOrWhiteSpace(t.Why)).Should().BeEmpty();
    }
}
