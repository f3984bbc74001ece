namespace MonEspaceSante.Interfaces.Measurements;

/// <summary>
/// One measurement pushed by an app, checked and in canonical units (glucose in mg/dL).
/// </summary>
/// <param name="AppId">The referenced app that sent it (the token's subject).</param>
/// <param name="ReadingKey">What makes it unique for its app: <c>id:</c> + the Observation's identifier (system|value), or
/// <c>dev:</c> + device|code|effective time when it has none. A resent reading has the same key and changes nothing.</param>
/// <param name="Type">The kind of measurement.</param>
/// <param name="Code">The LOINC code as sent (the panel code for blood pressure).</param>
/// <param name="EffectiveAt">When it was measured.</param>
/// <param name="Value">The value in <paramref name="Unit"/> (systolic for blood pressure).</param>
/// <param name="Secondary">Diastolic for blood pressure; otherwise null.</param>
/// <param name="Unit">The canonical UCUM unit of <paramref name="Type"/>.</param>
/// <param name="Device">The device identifier or reference, when given.</param>
/// <param name="Source">The app's <c>meta.source</c>, kept and read back.</param>
/// <param name="Profiles">The <c>meta.profile</c> URLs it declared, kept and read back.</param>
/// <param name="ReceivedAt">When it was accepted (the <c>Last-Modified</c> of its 201 and its <c>meta.lastUpdated</c>).</param>
[GenerateSerializer, Immutable, Alias("mes.Reading")]
public sealed record Reading(
    [property: Id(0)] string AppId,
    [property: Id(1)] string ReadingKey,
    [property: Id(2)] MeasureType Type,
    [property: Id(3)] string Code,
    [property: Id(4)] DateTimeOffset EffectiveAt,
    [property: Id(5)] double Value,
    [property: Id(6)] double? Secondary,
    [property: Id(7)] string Unit,
    [property: Id(8)] string? Device,
    [property: Id(9)] string? Source = null,
    [property: Id(10)] IReadOnlyList<string>? Profiles = null,
    [property: Id(11)] DateTimeOffset? ReceivedAt = null)
{
    /// <summary>What starts the key of a computed body mass index, followed by its weight's key.</summary>
    public const string BmiKeyPrefix = "bmi:";

    /// <summary>The id of its Observation in the space of <paramref name="ins"/>.</summary>
    public string ObservationId(string ins) => WeightKey is { } weight
        ? ObservationIds.BmiPrefix + ObservationIds.Of(ins, AppId, weight)
        : ObservationIds.Of(ins, AppId, ReadingKey);

    /// <summary>For a body mass index the service computed, the key of the weight it was computed from; otherwise null.</summary>
    public string? WeightKey => Type == MeasureType.Bmi && ReadingKey.StartsWith(BmiKeyPrefix, StringComparison.Ordinal) ? ReadingKey[BmiKeyPrefix.Length..] : null;

    /// <summary>
    /// Whether <paramref name="other"/>, sent under the same (app, key), measures the same thing (type, code, time to the
    /// microsecond PostgreSQL keeps, value): a resend, which changes nothing, rather than an identifier reused.
    /// </summary>
    public bool SameMeasurementAs(Reading other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Type == other.Type && string.Equals(Code, other.Code, StringComparison.Ordinal)
            && Microseconds(EffectiveAt) == Microseconds(other.EffectiveAt)
            && Value.Equals(other.Value) && Nullable.Equals(Secondary, other.Secondary);
    }

    private static long Microseconds(DateTimeOffset at) => at.UtcTicks / 10;
}
