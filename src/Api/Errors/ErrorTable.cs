using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Api.Errors;

/// <summary>
/// The one table from exception type to HTTP status and FHIR issue type. Both the JSON API (problem
/// details) and the FHIR API (OperationOutcome) answer from it. Only exceptions listed here have
/// their message shown to the caller; anything else is a 500 whose text is never echoed.
/// </summary>
public static class ErrorTable
{
    public sealed record ErrorMapping(int Status, string Title, OperationOutcome.IssueType IssueType, bool ShowMessage);

    private static readonly ErrorMapping Unexpected =
        new(StatusCodes.Status500InternalServerError, "Unexpected error", OperationOutcome.IssueType.Exception, false);

    private static readonly Dictionary<Type, ErrorMapping> Table = new()
    {
        [typeof(InvalidInputException)] = new(StatusCodes.Status400BadRequest, "Invalid input", OperationOutcome.IssueType.Invalid, true),
        [typeof(BadHttpRequestException)] = new(StatusCodes.Status400BadRequest, "Malformed request", OperationOutcome.IssueType.Structure, true),
        [typeof(JsonException)] = new(StatusCodes.Status400BadRequest, "Malformed JSON", OperationOutcome.IssueType.Structure, true),
        [typeof(AccessDeniedException)] = new(StatusCodes.Status403Forbidden, "Forbidden", OperationOutcome.IssueType.Forbidden, true),
        [typeof(ResourceNotFoundException)] = new(StatusCodes.Status404NotFound, "Not found", OperationOutcome.IssueType.NotFound, true),
        [typeof(StateConflictException)] = new(StatusCodes.Status409Conflict, "Conflict", OperationOutcome.IssueType.Conflict, true),
        [typeof(UnprocessableException)] = new(StatusCodes.Status422UnprocessableEntity, "Unprocessable resource", OperationOutcome.IssueType.Invalid, true),
        [typeof(PreconditionFailedException)] = new(StatusCodes.Status412PreconditionFailed, "Precondition failed", OperationOutcome.IssueType.Conflict, true),
        [typeof(Fhir.NotAcceptableException)] = new(StatusCodes.Status406NotAcceptable, "Not acceptable", OperationOutcome.IssueType.NotSupported, true),
        [typeof(Waves.UnsupportedMediaTypeException)] = new(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", OperationOutcome.IssueType.NotSupported, true),
        [typeof(Measurements.Fhir.BundleTooLargeException)] = new(StatusCodes.Status413PayloadTooLarge, "Payload too large", OperationOutcome.IssueType.TooLong, true),
        [typeof(FeatureUnavailableException)] = new(StatusCodes.Status503ServiceUnavailable, "Feature unavailable", OperationOutcome.IssueType.NotSupported, true),
        [typeof(TemporarilyUnavailableException)] = new(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", OperationOutcome.IssueType.Transient, true),
        [typeof(Live.TooManyFeedsException)] = new(StatusCodes.Status429TooManyRequests, "Too many requests", OperationOutcome.IssueType.Throttled, true),
        [typeof(PayloadTooLargeException)] = new(StatusCodes.Status413PayloadTooLarge, "Payload too large", OperationOutcome.IssueType.TooLong, true),
    };

    /// <summary>The mapping of <paramref name="exception"/>, walking up its base types.</summary>
    public static ErrorMapping For(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var type = exception.GetType(); type is not null; type = type.BaseType)
        {
            if (Table.TryGetValue(type, out var mapping))
            {
                return mapping;
            }
        }

        return Unexpected;
    }

    /// <summary>The mapping for a bare status code (no exception: 401 challenge, 404 route, 405...).</summary>
    public static ErrorMapping ForStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => new(status, "Unauthorized", OperationOutcome.IssueType.Login, false),
        StatusCodes.Status403Forbidden => new(status, "Forbidden", OperationOutcome.IssueType.Forbidden, false),
        StatusCodes.Status404NotFound => new(status, "Not found", OperationOutcome.IssueType.NotFound, false),
        StatusCodes.Status405MethodNotAllowed => new(status, "Method not allowed", OperationOutcome.IssueType.NotSupported, false),
        StatusCodes.Status413PayloadTooLarge => new(status, "Payload too large", OperationOutcome.IssueType.TooLong, false),
        StatusCodes.Status415UnsupportedMediaType => new(status, "Unsupported media type", OperationOutcome.IssueType.NotSupported, false),
        StatusCodes.Status429TooManyRequests => new(status, "Too many requests", OperationOutcome.IssueType.Throttled, false),
        >= 500 => Unexpected with { Status = status },
        _ => new(status, "Request refused", OperationOutcome.IssueType.Invalid, false),
    };

    /// <summary>The default explanation of a bare status code.</summary>
    public static string DescribeStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "A valid bearer token is required.",
        StatusCodes.Status403Forbidden => "The token's role may not use this endpoint.",
        StatusCodes.Status404NotFound => "No such resource or endpoint.",
        StatusCodes.Status405MethodNotAllowed => "This endpoint does not accept this method.",
        StatusCodes.Status415UnsupportedMediaType => "This endpoint does not read a body of this media type: see its request body in /openapi/v1.json.",
        _ => "The request could not be processed.",
    };
}
