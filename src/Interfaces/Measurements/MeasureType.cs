namespace MonEspaceSante.Interfaces.Measurements;

/// <summary>The kinds of health measurement apps may push (LOINC codes in <c>MeasureCatalogue</c>); each is a consent scope of its own.</summary>
public enum MeasureType
{
    /// <summary>Body weight (LOINC 29463-7, kg).</summary>
    BodyWeight = 0,

    /// <summary>Body height (8302-2, cm).</summary>
    BodyHeight = 1,

    /// <summary>Body mass index (39156-5, kg/m2).</summary>
    Bmi = 2,

    /// <summary>Steps per day (41950-7, 1/(24.h)).</summary>
    Steps = 3,

    /// <summary>Body temperature (8310-5, Cel).</summary>
    BodyTemperature = 4,

    /// <summary>Heart rate (8867-4, /min).</summary>
    HeartRate = 5,

    /// <summary>Blood pressure panel (85354-9; systolic 8480-6 and diastolic 8462-4, mm[Hg]).</summary>
    BloodPressure = 6,

    /// <summary>Oxygen saturation (2708-6, %).</summary>
    OxygenSaturation = 7,

    /// <summary>Blood glucose (2345-7 in mg/dL, 15074-8 in mmol/L; kept in mg/dL).</summary>
    Glucose = 8,

    /// <summary>Haemoglobin A1c (4548-4, %).</summary>
    HbA1c = 9,
}
