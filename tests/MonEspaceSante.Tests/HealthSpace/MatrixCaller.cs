namespace MonEspaceSante.Tests.HealthSpace;

/// <summary>The callers of the authorization matrix, as the issue lists them.</summary>
public enum MatrixCaller
{
    Holder,
    OtherPatient,
    Professional,
    BlockedProfessional,
    BreakGlass,
    BreakGlassRefused,
    AppWithScope,
    AppWithoutScope,
    AppRevoked,
    Operator,
    Anonymous,
}

/// <summary>What the matrix expects: let through (any answer but 401/403, never 5xx), refused (403), or asked to authenticate (401).</summary>
public enum MatrixOutcome
{
    Admitted,
    Forbidden,
    Unauthorized,

    /// <summary>Answered 404 as if it did not exist: another professional's conversation, to a professional admitted to the space.</summary>
    Hidden,

    /// <summary>Sent to the sign-in page (302 to /signin): what needs a session at the authorization server, not a token.</summary>
    SignIn,

    /// <summary>Never expected: a 5xx means an endpoint failed instead of deciding.</summary>
    ServerError,
}
