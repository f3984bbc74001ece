using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace MonEspaceSante.Postgres.Streams;

/// <summary>
/// What one partition's reader holds: the rows it leased, their messages in flight with the agent, and
/// the messages read but not handed over yet. A row is leased whole while the agent's cache takes at most
/// what it asks for; a row is done, and may be deleted, once every one of its messages is settled
/// (delivered, or written back after a failed delivery). No I/O: the reader does that with what this says.
/// Thread-safe: the agent reads, acknowledges and reports failures from different turns.
/// </summary>
internal sealed class LeaseBook
{
    private readonly Lock sync = new();
    private readonly Dictionary<long, PostgresBatchContainer> inFlight = [];
    private readonly Dictionary<long, LeasedRow> leased = [];
    private readonly Queue<IBatchContainer> held = new();
    private long nextToken;

    public int LeasedRows
    {
        get
        {
            lock (sync)
            {
                return leased.Count;
            }
        }
    }

    /// <summary>Records row <paramref name="id"/> as leased and returns one container per message, with fresh tokens.</summary>
    public List<PostgresBatchContainer> Lease(long id, int receipt, DateTimeOffset enqueuedAt, IReadOnlyList<(PostgresStreamMessage Message, byte[] Bytes)> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        lock (sync)
        {
            leased[id] = new LeasedRow(id, receipt, enqueuedAt, messages.Select(m => m.Bytes).ToArray());
            var containers = new List<PostgresBatchContainer>(messages.Count);
            for (var i = 0; i < messages.Count; i++)
            {
                var container = new PostgresBatchContainer(messages[i].Message, new EventSequenceTokenV2(++nextToken), id, receipt, i);
                inFlight[container.Token.SequenceNumber] = container;
                containers.Add(container);
            }

            return containers;
        }
    }

    /// <summary>Keeps messages the agent has no room for, to hand over at its next read.</summary>
    public void Hold(IEnumerable<IBatchContainer> containers)
    {
        lock (sync)
        {
            foreach (var container in containers)
            {
                held.Enqueue(container);
            }
        }
    }

    /// <summary>At most <paramref name="room"/> held messages, oldest first.</summary>
    public List<IBatchContainer> TakeHeld(int room)
    {
        lock (sync)
        {
            var taken = new List<IBatchContainer>(Math.Min(room, held.Count));
            while (taken.Count < room && held.TryDequeue(out var container))
            {
                taken.Add(container);
            }

            return taken;
        }
    }

    /// <summary>Settles messages the agent delivered; returns how many were in flight and the rows now done.</summary>
    public (int Delivered, List<LeasedRow> Done) Delivered(IEnumerable<IBatchContainer> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var done = new List<LeasedRow>();
        var delivered = 0;
        lock (sync)
        {
            foreach (var container in messages.OfType<PostgresBatchContainer>())
            {
                if (inFlight.Remove(container.Token.SequenceNumber))
                {
                    delivered++;
                    Settle(container, done);
                }
            }
        }

        return (delivered, done);
    }

    /// <summary>
    /// Settles the message of <paramref name="token"/> that the agent gave up on: its container and row (to write
    /// it back from), and the rows now done; null when the message is not in flight here (already settled).
    /// </summary>
    public (PostgresBatchContainer Container, LeasedRow Row, List<LeasedRow> Done)? Failed(StreamSequenceToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (sync)
        {
            if (!inFlight.Remove(token.SequenceNumber, out var container) || !leased.TryGetValue(container.RowId, out var row))
            {
                return null;
            }

            var done = new List<LeasedRow>();
            Settle(container, done);
            return (container, row, done);
        }
    }

    /// <summary>The rows leased now, whose leases the reader renews.</summary>
    public List<LeasedRow> Leased()
    {
        lock (sync)
        {
            return [.. leased.Values];
        }
    }

    /// <summary>Forgets everything (the reader shuts down) and returns the rows that were still leased, to hand back.</summary>
    public List<LeasedRow> Release()
    {
        lock (sync)
        {
            List<LeasedRow> pending = [.. leased.Values];
            leased.Clear();
            inFlight.Clear();
            held.Clear();
            return pending;
        }
    }

    private void Settle(PostgresBatchContainer container, List<LeasedRow> done)
    {
        if (leased.TryGetValue(container.RowId, out var row) && --row.Outstanding == 0)
        {
            leased.Remove(container.RowId);
            done.Add(row);
        }
    }
}

/// <summary>A row a reader leased: its receipt, and its messages not yet settled.</summary>
internal sealed class LeasedRow(long id, int receipt, DateTimeOffset enqueuedAt, byte[][] messages)
{
    public long Id => id;

    public int Receipt => receipt;

    public DateTimeOffset EnqueuedAt => enqueuedAt;

    public byte[][] Messages => messages;

    public int Outstanding { get; set; } = messages.Length;
}
