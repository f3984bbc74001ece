namespace MonEspaceSante.Grains.Agenda;

/// <summary>An age, in whole months plus days, at which a prevention window opens or closes.</summary>
public readonly record struct AgeMark(int Months, int Days)
{
    public static AgeMark AtDays(int days) => new(0, days);

    public static AgeMark AtMonths(int months) => new(months, 0);

    public static AgeMark AtYears(int years) => new(12 * years, 0);

    /// <summary>The day a person born on <paramref name="born"/> reaches this age.</summary>
    public DateOnly For(DateOnly born) => born.AddMonths(Months).AddDays(Days);
}
