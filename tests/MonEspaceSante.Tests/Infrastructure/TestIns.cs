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
