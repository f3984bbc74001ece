using System.Net;
using Microsoft.AspNetCore.Http;
using MonEspaceSante.Api.Errors;

namespace MonEspaceSante.Tests.Security;

/// <summary>A silo or the database out of reach is a 503 the caller can retry, never a 500.</summary>
[Trait("Category", "Unit")]
public sealed class TransportErrorTests
{
    public static TheoryData<string> Transient => new()
    {
        "silo unavailable", "message rejected", "gateway too busy", "timeout", "timeout inside an Orleans exception", "socket", "transient PostgreSQL",
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task A_transport_failure_answers_503_with_Retry_After_and_says_nothing_was_saved(string what)
    {
        Exception failure = what switch
        {
            "silo unavailable" => new Orleans.Runtime.SiloUnavailableException(),
            "message rejected" => new Orleans.Runtime.SiloUnavailableException("The target silo is no longer active"),
            "gateway too busy" => new Orleans.Runtime.GatewayTooBusyException(),
            "timeout" => new TimeoutException("Response did not arrive on time in 00:00:30"),
            "timeout inside an Orleans exception" => new Orleans.Runtime.OrleansException("call failed", new TimeoutException()),
            "socket" => new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused),
            _ => new Npgsql.NpgsqlException("Exception while connecting", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)),
        };
        var http = new DefaultHttpContext();
        http.Request.Path = "/fhir/Observation";
        http.Response.Body = new MemoryStream();

        var translated = TransportErrors.Translate(http, failure);
        var mapping = ErrorTable.For(translated);
        await ErrorWriter.WriteAsync(http, mapping, ErrorWriter.DetailOf(translated, mapping), null);

        http.Response.StatusCode.Should().Be((int)HttpStatusCode.ServiceUnavailable, what);
        http.Response.Headers.RetryAfter.ToString().Should().Be("5");
        ErrorWriter.DetailOf(translated, mapping).Should().Contain("nothing was saved");
        http.Response.Body.Position = 0;
        new StreamReader(http.Response.Body).ReadToEnd().Should().Contain("OperationOutcome").And.Contain("transient");
    }

    [Fact]
    public void A_bug_stays_a_500_whose_text_is_not_shown()
    {
        var http = new DefaultHttpContext();
        var translated = TransportErrors.Translate(http, new InvalidOperationException("secret internals"));

        var mapping = ErrorTable.For(translated);

        mapping.Status.Should().Be(500);
        ErrorWriter.DetailOf(translated, mapping).Should().NotContain("secret");
    }

    [Fact]
    public void A_body_over_the_server_limit_is_a_413_naming_the_endpoint_limit()
    {
        var http = new DefaultHttpContext();
        TransportErrors.LimitBody(http, 4096);

        var translated = TransportErrors.Translate(http, new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge));

        ErrorTable.For(translated).Status.Should().Be(413);
        translated.Message.Should().Contain("4,096 bytes");
    }
}
