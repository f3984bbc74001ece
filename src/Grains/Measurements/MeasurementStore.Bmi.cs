using MonEspaceSante.Interfaces.Measurements;

namespace MonEspaceSante.Grains.Measurements;

/// <summary>The body mass index, computed from the stored weights and heights when read (never stored).</summary>
public sealed partial class MeasurementStore
{
    /// <summary>
    /// The body mass index is never sent (apps are refused): the service computes one for each weight, over the square of
    /// the height in metres measured last at or before it (else the first one after), rounded to one decimal. It keeps the
    /// weight's app and time, and its key is the weight's prefixed with <c>bmi:</c>; its Observation id is the weight's
    /// prefixed with <c>bmi-</c> (<see cref="ObservationIds.BmiPrefix"/>). The rows of <c>w</c>, the weights, still to filter
    /// (<c>AND …</c>).
    /// </summary>
    private const string BmiRows = """
        SELECT w.app_id, 'bmi:' || w.reading_key AS reading_key, 2::smallint AS type, '39156-5' AS code, w.effective_at,
               round((w.value / ((h.value / 100) ^ 2))::numeric, 1)::double precision AS value, NULL::double precision AS secondary,
               NULL::text AS device, NULL::text AS source, NULL::text AS profile, GREATEST(w.received_at, h.received_at) AS received_at
        FROM mes_measurement w CROSS JOIN LATERAL (
            SELECT value, received_at FROM mes_measurement
            WHERE ins = w.ins AND type = 1 AND value > 0
            ORDER BY effective_at <= w.effective_at DESC, CASE WHEN effective_at <= w.effective_at THEN w.effective_at - effective_at ELSE effective_at - w.effective_at END
            LIMIT 1) AS h
        WHERE w.ins = @ins AND w.type = 0
        """;

    /// <summary>The body mass index computed for the weight stored under <paramref name="weightId"/> in the space of <paramref name="ins"/>, or null.</summary>
    public Task<Reading?> ReadBmiAsync(string ins, Guid weightId) => ReadOneAsync($"{BmiRows} AND w.observation_id = @id LIMIT 1", ins, weightId);
}
