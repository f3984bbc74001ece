using System.ComponentModel.DataAnnotations;
using MonEspaceSante.Interfaces.Documents;

namespace MonEspaceSante.Grains.Patients.Access;

/// <summary>
/// Configuration <c>HealthSpace:ProfessionMatrix</c>: for each profession (TRE_G15 code: 10 physician,
/// 21 pharmacist, 40 dentist, 50 midwife, 60 nurse, 70 physiotherapist...), the document classes
/// (TRE_A03 codes) it sees, or <c>*</c> for all. A profession absent from the matrix sees no document.
/// </summary>
public sealed class ProfessionMatrixOptions : IValidatableObject
{
    public const string Section = "HealthSpace";

    public const string AllClasses = "*";

    public Dictionary<string, string[]> ProfessionMatrix { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// <c>HealthSpace:CareRelationshipValidity</c>: how long a care relationship a professional declared (the person
    /// agreed) lets them in without declaring it again; 1 day to 5 years, a year by default.
    /// </summary>
    public TimeSpan CareRelationshipValidity { get; set; } = TimeSpan.FromDays(365);

    /// <summary>The classes <paramref name="profession"/> sees: null for all, empty for none.</summary>
    public IReadOnlySet<string>? ClassesFor(string? profession) =>
        profession is not null && ProfessionMatrix.TryGetValue(profession, out var classes)
            ? classes.Contains(AllClasses) ? null : classes.ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CareRelationshipValidity < TimeSpan.FromDays(1) || CareRelationshipValidity > TimeSpan.FromDays(5 * 366))
        {
            yield return new ValidationResult("HealthSpace:CareRelationshipValidity must be between 1 day and 5 years.", [nameof(CareRelationshipValidity)]);
        }

        foreach (var (profession, classes) in ProfessionMatrix)
        {
            if (classes.Any(c => c != AllClasses && !DocumentClassCodes.All.ContainsKey(c)))
            {
                yield return new ValidationResult(
                    $"HealthSpace:ProfessionMatrix:{profession} names an unknown document class; known: {string.Join(", ", DocumentClassCodes.All.Keys)} or *.",
                    [nameof(ProfessionMatrix)]);
            }
        }
    }
}
