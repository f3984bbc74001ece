using System.Globalization;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Benchmarks.Waves;

/// <summary>A synthetic person of a wave file: a valid INS, an e-mail (3 in 4) or else a postal address.</summary>
public sealed record SyntheticPerson(string Ins, string? Email, string? PostalAddress, DateOnly BirthDate, string Departement);

/// <summary>
/// Person number n of a synthetic wave, the same every run: distinct valid INS for distinct n, in an
/// order unrelated to n (as in a real file), with the fields an operator's file carries.
/// </summary>
public static class SyntheticPeople
{
    public static SyntheticPerson Of(long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, uint.MaxValue);

        // Multiplying by an odd constant permutes 0..2^32-1; the mixed-radix digits below cover more than
        // 2^32 values (999·999·95·12·100·2), so distinct n give distinct INS.
        var p = (ulong)(uint)(n * 2654435761L);
        var order = (int)(p % 999) + 1;
        p /= 999;
        var commune = (int)(p % 999) + 1;
        p /= 999;
        var departement = (int)(p % 95) + 1;
        p /= 95;
        var month = (int)(p % 12) + 1;
        p /= 12;
        var year = (int)(p % 100);
        p /= 100;
        var sex = (int)(p % 2) + 1;

        var body = string.Create(CultureInfo.InvariantCulture, $"{sex}{year:00}{month:00}{departement:00}{commune:000}{order:000}");
        var ins = body + InsChecksum.ComputeKey(body).ToString("00", CultureInfo.InvariantCulture);
        var birth = new DateOnly(year < 26 ? 2000 + year : 1900 + year, month, (int)(n % 28) + 1);
        var dept = departement.ToString("00", CultureInfo.InvariantCulture);
        return n % 4 == 3
            ? new SyntheticPerson(ins, null, string.Create(CultureInfo.InvariantCulture, $"{(n % 180) + 1} rue des Lilas, {dept}{commune:000} Commune {commune}"), birth, dept)
            : new SyntheticPerson(ins, string.Create(CultureInfo.InvariantCulture, $"personne.{n}@example.org"), null, birth, dept);
    }

    /// <summary>The person as one NDJSON line of an upload, newline included.</summary>
    public static string NdjsonLine(long n)
    {
        var person = Of(n);
        // A letter is addressed by name: the INS record's traits come with a postal address.
        var contact = person.Email is not null ? $"\"email\":\"{person.Email}\"" : $"\"postalAddress\":\"{person.PostalAddress}\",\"birthName\":\"Martin\",\"firstNames\":\"Claire\"";
        return string.Create(CultureInfo.InvariantCulture, $"{{\"ins\":\"{person.Ins}\",{contact},\"birthDate\":\"{person.BirthDate:yyyy-MM-dd}\",\"departement\":\"{person.Departement}\"}}\n");
    }
}
