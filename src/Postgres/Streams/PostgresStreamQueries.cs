namespace MonEspaceSante.Postgres.Streams;

/// <summary>The SQL of the stream provider, in one place (tables in Schema/Migrations/0002_streams.sql).</summary>
internal static class PostgresStreamQueries
{
    public const string Copy =
        "COPY mes_stream_queue (provider, queue_id, stream_id, payload) FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// Leases the oldest visible rows of a partition after <c>@after</c>: one more attempt, invisible
    /// for the visibility timeout. The reader passes the last id it leased, so that rows in flight at
    /// the head are not scanned again; it passes 0 now and then to pick up released rows and rows whose
    /// transaction committed late. The rows are updated by id (index), never through a join over the
    /// whole partition.
    /// </summary>
    public const string Lease = """
        UPDATE mes_stream_queue q
        SET dequeued = q.dequeued + 1, visible_at = now() + @visibility
        WHERE q.provider = @provider AND q.queue_id = @queue AND q.id = ANY(ARRAY(
            SELECT id FROM mes_stream_queue
            WHERE provider = @provider AND queue_id = @queue AND id > @after
              AND visible_at <= now() AND dequeued < @max_attempts
            ORDER BY id
            LIMIT @max_count
            FOR UPDATE SKIP LOCKED))
        RETURNING q.id, q.dequeued, q.payload, q.enqueued_at
        """;

    /// <summary>Deletes delivered rows, only where the lease receipt still matches (a row re-leased elsewhere stays).</summary>
    public const string Acknowledge = """
        DELETE FROM mes_stream_queue q
        USING unnest(@ids, @receipts) AS a(id, receipt)
        WHERE q.provider = @provider AND q.queue_id = @queue AND q.id = a.id AND q.dequeued = a.receipt
        """;

    /// <summary>Pushes the visibility of leased rows forward (same receipt), or pulls it back to offer them again.</summary>
    public const string SetVisibility = """
        UPDATE mes_stream_queue q
        SET visible_at = now() + @delay
        FROM unnest(@ids, @receipts) AS a(id, receipt)
        WHERE q.provider = @provider AND q.queue_id = @queue AND q.id = a.id AND q.dequeued = a.receipt
        """;

    /// <summary>A new owner of a partition takes over what the previous owner had leased, so that order holds across failover.</summary>
    public const string TakeOver = """
        UPDATE mes_stream_queue SET visible_at = now()
        WHERE provider = @provider AND queue_id = @queue AND visible_at > now()
        """;

    /// <summary>One message of a segment, whose delivery failed, offered again later as a row of its own (attempts carried over).</summary>
    public const string Requeue = """
        INSERT INTO mes_stream_queue (provider, queue_id, stream_id, payload, enqueued_at, visible_at, dequeued)
        VALUES (@provider, @queue, @stream, @payload, @enqueued_at, now() + @delay, @attempts)
        """;

    /// <summary>One message of a segment that failed too often, buried on its own.</summary>
    public const string BuryMessage = """
        INSERT INTO mes_stream_dead_letter (provider, id, queue_id, stream_id, payload, enqueued_at, dequeued, reason)
        VALUES (@provider, nextval(pg_get_serial_sequence('mes_stream_queue', 'id')), @queue, @stream, @payload, @enqueued_at, @attempts, @reason)
        """;

    public const string DeadLetterOne = """
        WITH moved AS (
            DELETE FROM mes_stream_queue
            WHERE provider = @provider AND queue_id = @queue AND id = @id AND dequeued = @receipt
            RETURNING provider, id, queue_id, stream_id, payload, enqueued_at, dequeued)
        INSERT INTO mes_stream_dead_letter (provider, id, queue_id, stream_id, payload, enqueued_at, dequeued, reason)
        SELECT provider, id, queue_id, stream_id, payload, enqueued_at, dequeued, @reason FROM moved
        ON CONFLICT DO NOTHING
        """;

    /// <summary>Rows leased too often without being delivered (their reader died each time) go to the dead letters.</summary>
    public const string SweepExhausted = """
        WITH moved AS (
            DELETE FROM mes_stream_queue
            WHERE provider = @provider AND queue_id = @queue AND dequeued >= @max_attempts AND visible_at <= now()
            RETURNING provider, id, queue_id, stream_id, payload, enqueued_at, dequeued)
        INSERT INTO mes_stream_dead_letter (provider, id, queue_id, stream_id, payload, enqueued_at, dequeued, reason)
        SELECT provider, id, queue_id, stream_id, payload, enqueued_at, dequeued,
               'leased ' || dequeued || ' times without being delivered' FROM moved
        ON CONFLICT DO NOTHING
        """;

    public const string Depth = """
        SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(enqueued_at)), 0)::float8
        FROM mes_stream_queue WHERE provider = @provider AND queue_id = @queue
        """;
}
