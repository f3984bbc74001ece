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

    [Theory]
    [InlineData("1 85 02 75 123 456 25")]
    [InlineData("1.85.02.75.123.456.25")]
    [InlineData("1-85-02-75-123-456-25")]
    [InlineData("1\u00A085\u00A002\u00A075\u00A0123\u00A0456\u00A025")]
    public void Redactor_masks_an_ins_written_with_the_separators_Ins_accepts(string written)
    {
        Ins.Parse(written).Value.Should().Be(Clear, "the parser takes it");

        InsRedactor.Redact($"holder {written} asked").Should().Be($"holder {InsMask.Mask(Clear)} asked", "masked as the same person");
    }

    [Fact]
    public void A_mask_holds_64_bits_so_that_69_million_people_do_not_collide()
    {
        var masks = Enumerable.Range(0, 200_000).Select(i => InsMask.Mask(Ins.FromBody($"1850275{i:000000}").Value)).ToHashSet(StringComparer.Ordinal);

        masks.Should().HaveCount(200_000);
        masks.First().Should().MatchRegex("^ins#[0-9a-f]{16}$");
    }

    [Fact]
    public void Trace_processor_masks_the_status_and_drops_a_span_whose_events_carry_an_ins()
    {
        using var failed = new Activity("IPatientGrain/GetSpace") { ActivityTraceFlags = ActivityTraceFlags.Recorded };
        failed.SetStatus(ActivityStatusCode.Error, $"grain patient/ins:{Clear} timed out");
        using var exception = new Activity("IPatientGrain/GetSpace") { ActivityTraceFlags = ActivityTraceFlags.Recorded };
        exception.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection { ["exception.message"] = $"no space for {Clear}" }));
        using var plain = new Activity("IPatientGrain/GetSpace") { ActivityTraceFlags = ActivityTraceFlags.Recorded };
        plain.AddEvent(new ActivityEvent("retry"));

        var processor = new InsRedactingProcessor();
        processor.OnEnd(failed);
        processor.OnEnd(exception);
        processor.OnEnd(plain);

        failed.StatusDescription.Should().Be($"grain patient/ins:{InsMask.Mask(Clear)} timed out");
        failed.Recorded.Should().BeTrue();
        exception.Recorded.Should().BeFalse("its event cannot be rewritten, so it is not exported");
        plain.Recorded.Should().BeTrue();
    }
}
