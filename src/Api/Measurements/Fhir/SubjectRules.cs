using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Identity;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>
/// Finds the patient of an Observation: <c>subject.identifier</c> with an INS system, or
/// <c>subject.reference</c> as <c>Patient/&lt;INS&gt;</c> or <c>Patient?identifier=&lt;system&gt;|&lt;INS&gt;</c>.
/// Messages never repeat the value: it is an INS, or may be one.
/// </summary>
internal static class SubjectRules
{
    private const string Expected = "subject.identifier with an INS system, or subject.reference as Patient/<INS> or Patient?identifier=<system>|<INS>";
    private const string ByIdentifier = "Patient?identifier=";
    private const string ById = "Patient/";

    private static readonly string InsSystems = string.Join(", ", IdentifierSystems.PatientSystems.Order(StringComparer.Ordinal));

    public static Ins? Read(ReferenceFact? subject, IssueCollector issues)
    {
        if (subject is null || (subject.Identifier is null && subject.Reference is null))
        {
            issues.Add("subject", "the patient is required: " + Expected + ".", IssueType.Required);
            return null;
        }

        var fromIdentifier = subject.Identifier is { } identifier
            ? FromSystemAndValue(identifier.System, identifier.Value, "subject.identifier", issues)
            : null;
        var fromReference = subject.Reference is { } reference ? FromReference(reference, issues) : null;
        if (fromIdentifier is { } a && fromReference is { } b && a != b)
        {
            issues.Add("subject", "subject.identifier and subject.reference name different patients.", IssueType.Invalid);
            return null;
        }

        return fromIdentifier ?? fromReference;
    }

    private static Ins? FromReference(string reference, IssueCollector issues)
    {
        if (reference.StartsWith(ByIdentifier, StringComparison.Ordinal))
        {
            var token = Uri.UnescapeDataString(reference[ByIdentifier.Length..]);
            var bar = token.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0)
            {
                return FromSystemAndValue(token[..bar], token[(bar + 1)..], "subject.reference", issues);
            }
        }
        else if (reference.StartsWith(ById, StringComparison.Ordinal) && reference.IndexOf('/', ById.Length) < 0)
        {
            return FromValue(reference[ById.Length..], "subject.reference", issues);
        }

        issues.Add("subject.reference", "the reference is not of a supported form: expected Patient/<INS> or Patient?identifier=<system>|<INS>.", IssueType.Invalid);
        return null;
    }

    private static Ins? FromSystemAndValue(string? system, string? value, string path, IssueCollector issues)
    {
        var systemPath = path == "subject.reference" ? path : path + ".system";
        if (string.IsNullOrEmpty(system))
        {
            issues.Add(systemPath, "the identifier system is required: the patient is identified by an INS (" + InsSystems + ").", IssueType.Required);
            return null;
        }

        if (!IdentifierSystems.PatientSystems.Contains(system))
        {
            issues.Add(systemPath, $"the system '{system}' is not an INS system: expected one of {InsSystems}.", IssueType.NotSupported);
            return null;
        }

        return FromValue(value, path == "subject.reference" ? path : path + ".value", issues);
    }

    private static Ins? FromValue(string? value, string path, IssueCollector issues)
    {
        if (Ins.TryParse(value, out var ins, out var reason))
        {
            return ins;
        }

        // The checksum's reason quotes the key digits: say it without them.
        var why = reason.StartsWith("the control key", StringComparison.Ordinal)
            ? "the INS key is wrong (it does not match the first 13 characters)"
            : reason;
        issues.Add(path, "the patient's INS is not valid: " + why + ".", IssueType.Value);
        return null;
    }
}
