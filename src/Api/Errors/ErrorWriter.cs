using System.Diagnostics;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Api.Errors;

/// <summary>Writes an error as problem details on <c>/api</c> and as an OperationOutcome on <c>/fhir</c>.</summary>
public static class ErrorWriter
{
    public static bool IsFhir(HttpRequest request) =>
        request.Path.StartsWithSegments(FhirRoutes.Base, StringComparison.OrdinalIgnoreCase);

    public static string TraceId(HttpContext context) =>
        Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

    public static Task WriteAsync(HttpContext context, ErrorTable.ErrorMapping mapping, string detail, string? field)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(mapping);
        context.Response.StatusCode = mapping.Status;
        if (mapping.Status == StatusCodes.Status503ServiceUnavailable && !context.Response.Headers.ContainsKey("Retry-After"))
        {
            // A silo is declared dead, and its grains live again elsewhere, within seconds (operations.md).
            context.Response.Headers.RetryAfter = "5";
        }

        return IsFhir(context.Request)
            ? WriteOperationOutcomeAsync(context, mapping, detail, field)
            : WriteProblemAsync(context, mapping, detail, field);
    }

    private static Task WriteOperationOutcomeAsync(HttpContext context, ErrorTable.ErrorMapping mapping, string detail, string? field)
    {
        var issue = new OperationOutcome.IssueComponent
        {
            Severity = mapping.Status >= 500 ? OperationOutcome.IssueSeverity.Fatal : OperationOutcome.IssueSeverity.Error,
            Code = mapping.IssueType,
            Diagnostics = detail,
        };
        if (field is not null)
        {
            issue.Expression = [field];
        }

        var outcome = new OperationOutcome { Id = TraceId(context), Issue = [issue] };
        return FhirJson.WriteAsync(context.Response, outcome);
    }

    private static Task WriteProblemAsync(HttpContext context, ErrorTable.ErrorMapping mapping, string detail, string? field)
    {
        var problem = new ProblemDetails
        {
            Status = mapping.Status,
            Title = mapping.Title,
            Detail = detail,
            Type = $"https://httpstatuses.io/{mapping.Status}",
            Instance = context.Request.Path,
        };
        if (field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        return Results.Problem(problem).ExecuteAsync(context);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    /// <summary>The field an exception names, if any.</summary>
    public static string? FieldOf(Exception exception) => exception switch
    {
        InvalidInputException invalid => invalid.Field,
        PayloadTooLargeException tooLarge => tooLarge.Field,
        UnprocessableException unprocessable => unprocessable.Field,
        _ => null,
    };

    /// <summary>The caller-facing text of an exception: its reason when listed in the table, else a generic line.</summary>
    public static string DetailOf(Exception exception, ErrorTable.ErrorMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(mapping);
        return exception switch
        {
            InvalidInputException invalid => invalid.Reason.Length > 0 ? $"{invalid.Field}: {invalid.Reason}" : invalid.Message,
            BadHttpRequestException { InnerException: System.Text.Json.JsonException { Path: { Length: > 0 } path } json } =>
                $"The body is not valid JSON for this endpoint (at {path}): {FirstLine(json.Message)}",
            _ when mapping.ShowMessage => exception.Message,
            _ => mapping.Status >= 500
                ? "An unexpected error occurred. Quote the trace id when reporting it."
                : ErrorTable.DescribeStatus(mapping.Status),
        };
    }
}
