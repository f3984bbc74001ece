using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace MonEspaceSante.Tests.Fuzzing;

/// <summary>One change to a valid input: what to do, where (an index taken modulo the places there are) and with what.</summary>
public sealed record Mutation(MutationKind Kind, int Where, string Text, long Number)
{
    public override string ToString() => $"{Kind}@{Where}:{Number}:\"{Text}\"";
}

public enum MutationKind
{
    RemoveMember,
    Null,
    Text,
    Number,
    HugeNumber,
    EmptyObject,
    WrapInArray,
    Boolean,
    DeepNesting,
    LongText,
    Truncate,
    InsertBytes,
    FlipByte,
}

/// <summary>
/// Generators of hostile variants of valid inputs: a valid JSON resource with a few members removed or given
/// values of the wrong kind, then possibly cut short or with bytes inserted or flipped. Starting from valid
/// inputs keeps most variants deep enough to reach the rules behind the parser; CsCheck shrinks a failure to
/// the fewest, simplest changes.
/// </summary>
public static class Mutations
{
    /// <summary>Text with the characters parsers trip on: quotes, escapes, separators, controls, surrogates, digits.</summary>
    public static readonly Gen<string> Text = Gen.OneOf(
        Gen.String[Gen.Char["0123456789"], 0, 20],
        Gen.String[Gen.Char["\"\\/{}[],:;\r\n\t |=&?#%+-.eE0129AaZz"], 0, 20],
        Gen.String[Gen.Char, 0, 20],
        Gen.Const("2A"), Gen.Const("urn:oid:1.2.250.1.213.1.4.8"), Gen.Const("2025-02-30T25:61:00Z"), Gen.Const("\ud800"));

    public static readonly Gen<Mutation> One = Gen.Select(Gen.Enum<MutationKind>(), Gen.Int[0, 10_000], Text, Gen.OneOf(Gen.Long, Gen.Long[-1000, 1000]),
        (kind, where, text, number) => new Mutation(kind, where, text, number));

    public static readonly Gen<Mutation[]> Some = One.Array[1, 4];

    /// <summary>Applies <paramref name="mutations"/> to a copy of <paramref name="valid"/> and returns the bytes to send.</summary>
    public static byte[] Apply(JsonNode valid, IEnumerable<Mutation> mutations)
    {
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(mutations);
        var root = valid.DeepClone();
        var tail = new List<Mutation>();
        foreach (var mutation in mutations)
        {
            if (mutation.Kind is MutationKind.Truncate or MutationKind.InsertBytes or MutationKind.FlipByte)
            {
                tail.Add(mutation);
                continue;
            }

            var places = Places(root).ToList();
            if (places.Count == 0)
            {
                continue;
            }

            var (parent, key, index) = places[mutation.Where % places.Count];
            var replacement = Replacement(mutation, parent is JsonObject o ? o[key!] : ((JsonArray)parent)[index]);
            switch (parent)
            {
                case JsonObject obj when mutation.Kind == MutationKind.RemoveMember:
                    obj.Remove(key!);
                    break;
                case JsonObject obj:
                    obj[key!] = replacement;
                    break;
                case JsonArray array when mutation.Kind == MutationKind.RemoveMember:
                    array.RemoveAt(index);
                    break;
                case JsonArray array:
                    array[index] = replacement;
                    break;
            }
        }

        var bytes = Encoding.UTF8.GetBytes(root.ToJsonString());
        foreach (var mutation in tail)
        {
            bytes = ApplyBytes(bytes, mutation);
        }

        return bytes;
    }

    /// <summary>A byte-level change: cut short, bytes inserted, one byte flipped.</summary>
    public static byte[] ApplyBytes(byte[] bytes, Mutation mutation)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(mutation);
        var at = bytes.Length == 0 ? 0 : mutation.Where % bytes.Length;
        return mutation.Kind switch
        {
            MutationKind.Truncate => bytes[..at],
            MutationKind.InsertBytes => [.. bytes[..at], .. Encoding.UTF8.GetBytes(mutation.Text), .. bytes[at..]],
            MutationKind.FlipByte when bytes.Length > 0 => [.. bytes[..at], (byte)(bytes[at] ^ (byte)(1 << (int)((ulong)mutation.Number % 8))), .. bytes[(at + 1)..]],
            _ => bytes,
        };
    }

    private static JsonNode? Replacement(Mutation mutation, JsonNode? current) => mutation.Kind switch
    {
        MutationKind.Null or MutationKind.RemoveMember => null,
        MutationKind.Text => JsonValue.Create(mutation.Text),
        MutationKind.Number => JsonValue.Create(mutation.Number),
        MutationKind.HugeNumber => JsonNode.Parse(mutation.Number % 2 == 0 ? "1e400" : "-123456789012345678901234567890.5"),
        MutationKind.EmptyObject => new JsonObject(),
        MutationKind.WrapInArray => new JsonArray(current?.DeepClone(), current?.DeepClone()),
        MutationKind.Boolean => JsonValue.Create(mutation.Number % 2 == 0),
        MutationKind.DeepNesting => JsonNode.Parse(new string('[', 200) + new string(']', 200), documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1000 }),
        MutationKind.LongText => JsonValue.Create(new string(mutation.Text.Length == 0 ? 'x' : mutation.Text[0], 100_000)),
        _ => current?.DeepClone(),
    };

    /// <summary>Every member and element of the tree, with its parent: the places a mutation may land.</summary>
    private static IEnumerable<(JsonNode Parent, string? Key, int Index)> Places(JsonNode root)
    {
        var pending = new Stack<JsonNode>();
        pending.Push(root);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj.ToList())
                    {
                        yield return (obj, key, -1);
                        if (child is not null)
                        {
                            pending.Push(child);
                        }
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        yield return (array, null, i);
                        if (array[i] is { } child)
                        {
                            pending.Push(child);
                        }
                    }

                    break;
            }
        }
    }
}
