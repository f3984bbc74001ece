using System.Collections.Concurrent;
using System.Diagnostics;

namespace MonEspaceSante.Tests.Streams;

/// <summary>What the probe consumers saw, process-wide (the test clusters run in this process).</summary>
public static class ProbeLedger
{
    public const string Namespace = "probe";

    private static readonly ConcurrentDictionary<string, StreamRecord> Streams = new();

    public sealed class StreamRecord
    {
        private readonly Lock sync = new();
        private readonly List<int> handled = [];
        private readonly Dictionary<int, int> invocations = [];
        private readonly Dictionary<int, long> firstSeen = [];

        public IReadOnlyList<int> Handled
        {
            get
            {
                lock (sync)
                {
                    return [.. handled];
                }
            }
        }

        public int InvocationsOf(int seq)
        {
            lock (sync)
            {
                return invocations.GetValueOrDefault(seq);
            }
        }

        internal void Handle(ProbeEvent item)
        {
            lock (sync)
            {
                var count = invocations[item.Seq] = invocations.GetValueOrDefault(item.Seq) + 1;
                if (!firstSeen.ContainsKey(item.Seq))
                {
                    firstSeen[item.Seq] = Stopwatch.GetTimestamp();
                }

                var fail = item.Behavior switch
                {
                    ProbeBehavior.FailTimes => count <= item.Parameter,
                    ProbeBehavior.FailForMilliseconds => Stopwatch.GetElapsedTime(firstSeen[item.Seq]).TotalMilliseconds < item.Parameter,
                    ProbeBehavior.AlwaysFail => true,
                    _ => false,
                };
                if (fail)
                {
                    throw new InvalidOperationException($"Probe handler fails on event {item.Seq} (invocation {count}).");
                }

                handled.Add(item.Seq);
            }
        }
    }

    public static StreamRecord For(string streamKey) => Streams.GetOrAdd(streamKey, _ => new StreamRecord());

    internal static void Handle(string streamKey, ProbeEvent item) => For(streamKey).Handle(item);
}
