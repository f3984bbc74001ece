using Hl7.Fhir.Model;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Api.Fhir;

/// <summary>
/// Gathers the issues of one resource under its root expression (<c>Observation</c>, or
/// <c>Bundle.entry[3].resource</c> inside a Bundle), so that rules name fields relative to the resource.
/// </summary>
internal sealed class IssueCollector
{
    private readonly Shared shared;

    public IssueCollector(string root)
        : this(root, new Shared())
    {
    }

    private IssueCollector(string root, Shared shared)
    {
        Root = root;
        this.shared = shared;
    }

    public string Root { get; }

    public bool HasIssues => shared.Issues is { Count: > 0 };

    public IReadOnlyList<FhirIssue> Issues => shared.Issues ?? [];

    /// <summary>A collector for an element of this one (<c>resource</c> of an entry) adding to the same list.</summary>
    public IssueCollector Under(string path) => new(Root + "." + path, shared);

    /// <summary>Adds an issue at <paramref name="path"/> (relative, e.g. <c>valueQuantity.code</c>; empty for the resource).</summary>
    public void Add(string path, string message, OperationOutcome.IssueType type) =>
        AddAt(path.Length == 0 ? Root : Root + "." + path, message, type);

    /// <summary>Adds an issue at an expression that is already complete.</summary>
    public void AddAt(string expression, string message, OperationOutcome.IssueType type)
    {
        // The safety net behind the rule that messages never carry an INS: texts from Firely may quote a value.
        var safe = InsRedactor.ContainsIns(message) ? InsRedactor.Redact(message) : message;
        (shared.Issues ??= []).Add(new FhirIssue(expression, safe, type));
    }

    private sealed class Shared
    {
        public List<FhirIssue>? Issues { get; set; }
    }
}
