namespace MonEspaceSante.Interfaces.Measurements;

/// <summary>The canonical UCUM unit each measure type is stored and shown in.</summary>
public static class MeasureUnits
{
    public static string Canonical(MeasureType type) => type switch
    {
        MeasureType.BodyWeight => "kg",
        MeasureType.BodyHeight => "cm",
        MeasureType.Bmi => "kg/m2",
        MeasureType.Steps => "1/(24.h)",
        MeasureType.BodyTemperature => "Cel",
        MeasureType.HeartRate => "/min",
        MeasureType.BloodPressure => "mm[Hg]",
        MeasureType.OxygenSaturation => "%",
        MeasureType.Glucose => "mg/dL",
        MeasureType.HbA1c => "%",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown measure type"),
    };
}
