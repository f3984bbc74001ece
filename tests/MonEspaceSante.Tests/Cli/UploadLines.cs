using System.Text.Json;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Cli;

/// <summary>Lines of upload files: people with fresh INS, and lines the server must refuse.</summary>
public static class UploadLines
{
    public static string Person(string email) =>
        JsonSerializer.Serialize(new { ins = TestIns.Next().Value, email, birthDate = "1984-12-01", departement = "31" });

    public static IEnumerable<string> People(int count, string tag) =>
        Enumerable.Range(1, count).Select(n => Person($"{tag}-{n}@example.org"));

    public static string WithBadIns() => JsonSerializer.Serialize(new { ins = "123", email = "bad-ins@example.org" });

    public static string WithBadEmail() => JsonSerializer.Serialize(new { ins = TestIns.Next().Value, email = "not an address" });

    public static string CsvPerson(string email, string departement = "44", string postalAddress = "") =>
        $"{TestIns.Next().Value},{email},{postalAddress},1990-05-17,{departement},Martin,Claire";
}
