using System.Globalization;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>Fresh, valid and distinct INS for each test.</summary>
public static class TestIns
{
    private static int counter = Random.Shared.Next(0, 100_000);

    public static Ins Next()
    {
        var n = Interlocked.Increment(ref counter);
        var sex = 1 + (n % 2);
        var year = 30 + (n / 7 % 70);
        var month = 1 + (n % 12);
        var departement = 1 + (n / 3 % 95);
        var commune = n / 100 % 1000;
        var order = n % 1000;
        var body = string.Create(CultureInfo.InvariantCulture, $"{sex}{year:00}{month:00}{departement:00}{commune:000}{order:000}");
        return Ins.FromBody(body);
    }

    /// <summary>The birth date an appointing record would give for <paramref name="ins"/>: the 1st of its month, in the century the policy reads it in.</summary>
    public static DateOnly BirthDateOf(Ins ins)
    {
        var yy = int.Parse(ins.Value.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var mm = int.Parse(ins.Value.AsSpan(3, 2), CultureInfo.InvariantCulture);
        return new DateOnly(yy <= DateTime.UtcNow.Year % 100 ? 2000 + yy : 1900 + yy, mm is >= 1 and <= 12 ? mm : 1, 1);
    }

    /// <summary>The query parameter giving <paramref name="ins"/>'s birth date to the representatives endpoint.</summary>
    public static string BirthDateParameter(Ins ins) => $"birthDate={BirthDateOf(ins):yyyy-MM-dd}";

    /// <summary>A fresh INS of a person of <paramref name="sex"/> (1 man, 2 woman) born in <paramref name="year"/>-<paramref name="month"/> (the INS carries two digits of the year).</summary>
    public static Ins Born(int year, int month, int sex)
    {
        var n = Interlocked.Increment(ref counter);
        var departement = 1 + (n / 3 % 95);
        var commune = n / 100 % 1000;
        var order = n % 1000;
        var body = string.Create(CultureInfo.InvariantCulture, $"{sex}{year % 100:00}{month:00}{departement:00}{commune:000}{order:000}");
        return Ins.FromBody(body);
    }
}
