using System.Text.Json;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Measurements;

[Collection(MeasurementsCollection.Name)]
public sealed class LiveFeedAndAlertTests(MeasurementsFixture fixture)
{
    [Fact]
    public async Task A_low_glucose_reading_reaches_the_live_feed_with_an_alert_and_a_notice_without_health_data()
    {
        var person = await fixture.PersonWithAppAsync("cgm", "measurements.write:glucose");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await fixture.App.PatientClient(person).GetAsync("/api/v1/me/measurements/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        (await NextEventAsync(reader, timeout.Token)).Type.Should().Be("ready");

        var at = new DateTimeOffset(2026, 5, 1, 3, 0, 0, TimeSpan.Zero);
        await fixture.SendAsync(person, MeasurementsFixture.Glucose("cgm", "low", at, 48), MeasurementsFixture.Glucose("cgm", "ok", at.AddMinutes(5), 95));
        var (type, data) = await NextEventAsync(reader, timeout.Token);

        type.Should().Be("measurements");
        var live = JsonSerializer.Deserialize<LiveMeasurements>(data, Json.Options)!;
        live.Items.Select(i => (i.Reading.Value, i.Alert)).Should().Equal((48.0, "glucose-low"), (95.0, (string?)null));
        (await fixture.CountAsync("SELECT count(*) FROM mes_outbox WHERE kind = 'MeasurementAlert' AND dedup_key LIKE @key", ("key", $"alert:{person.Value}:%"))).Should().Be(1);
        (await fixture.CountAsync("SELECT count(*) FROM mes_outbox WHERE kind = 'MeasurementAlert' AND channel = 'Push' AND email IS NULL AND postal_address IS NULL AND wave_id IS NULL AND deadline IS NULL AND dedup_key LIKE @key", ("key", $"alert:{person.Value}:%"))).Should().Be(1);
    }

    [Fact]
    public async Task Readings_of_a_person_nobody_watches_cost_no_live_stream_registration()
    {
        var person = await fixture.PersonWithAppAsync("cgm", "measurements.write:glucose");
        var pubSubRows = await fixture.CountAsync("SELECT count(*) FROM orleans_storage");

        await fixture.SendAsync(person, MeasurementsFixture.Glucose("cgm", "unwatched", new DateTimeOffset(2026, 5, 2, 3, 0, 0, TimeSpan.Zero), 48));
        await fixture.WaitStoredAsync(person, 1);

        // A negative: a publish would register the stream with its pub-sub within a few seconds; give it that long.
        var registered = async () => await fixture.CountAsync("SELECT count(*) FROM orleans_storage") > pubSubRows;
        await Task.WhenAny(Eventually.HoldsAsync(registered, TimeSpan.FromSeconds(5), "a live stream registration"));
        (await registered()).Should().BeFalse("no live feed is open, so nothing is published");
        (await fixture.CountAsync("SELECT count(*) FROM mes_outbox WHERE kind = 'MeasurementAlert' AND dedup_key LIKE @key", ("key", $"alert:{person.Value}:%"))).Should().Be(1, "the alert notice does not depend on a feed being open");
    }

    private static async Task<(string Type, string Data)> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? type = null;
        var data = "";
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0 && type is not null)
            {
                return (type, data);
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data += line["data: ".Length..];
            }
        }

        throw new EndOfStreamException("The live feed ended.");
    }
}
