using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Silo.Defaults;

namespace MonEspaceSante.Tests.Identity;

[Trait("Category", "Unit")]
public sealed class InsRedactionTests
{
    private const string Clear = "185027512345625";

    [Theory]
    [InlineData("Grain patient/ins:185027512345625 failed")]
    [InlineData("GET /fhir/Patient/185027512345625?x=1")]
    [InlineData("key 185022a12345682 in lower case")]
    public void Redactor_masks_nir_shaped_tokens(string text)
    {
        var redacted = InsRedactor.Redact(text);

        redacted.Should().NotMatchRegex("[0-9]{13}").And.Contain("ins#");
    }

    [Fact]
    public void Redactor_leaves_other_numbers_alone()
    {
        const string text = "order 12345678901 (an RPPS), 2026-01-05, 1234567890123456 (16 digits)";

        InsRedactor.Redact(text).Should().Be(text);
    }

    [Fact]
    public void Console_formatter_masks_the_message_and_the_exception()
    {
        var formatter = new RedactingConsoleFormatter();
        var writer = new StringWriter();
        var exception = new InvalidOperationException($"grain ins:{Clear} is broken");
        var entry = new LogEntry<string>(LogLevel.Error, "Orleans.Runtime.Catalog", default, $"Activation of ins:{Clear} failed", exception, (s, _) => s);

        formatter.Write(entry, null, writer);

        var line = writer.ToString();
        line.Should().NotContain(Clear).And.Contain(InsMask.Mask(Clear)).And.Contain("FAIL Orleans.Runtime.Catalog");
    }

    [Fact]
    public void Trace_processor_masks_span_names_and_tags()
    {
        using var activity = new Activity($"IPatientGrain/GetSpace ins:{Clear}");
        activity.SetTag("url.path", $"/fhir/Patient/{Clear}");
        activity.SetTag("rpc.orleans.target_id", $"patient/ins:{Clear}");
        activity.SetTag("http.response.status_code", 200);

        new InsRedactingProcessor().OnEnd(activity);

        activity.DisplayName.Should().NotContain(Clear);
        activity.GetTagItem("url.path").Should().Be($"/fhir/Patient/{InsMask.Mask(Clear)}");
        activity.GetTagItem("rpc.orleans.target_id").Should().Be($"patient/ins:{InsMask.Mask(Clear)}");
        activity.GetTagItem("http.response.status_code").Should().Be(200);
    }
}
