using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.Options;
using MonEspaceSante.Api.Documents;
using MonEspaceSante.Api.Measurements.Fhir;
using MonEspaceSante.Api.Waves;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Tests.Documents;
using MonEspaceSante.Tests.Infrastructure;
using MonEspaceSante.Tests.Measurements;
using Xunit.Abstractions;

namespace MonEspaceSante.Tests.Fuzzing;

/// <summary>
/// Property-based fuzzing of every parser on its own, many inputs a second: whatever the bytes, a parser answers
/// a value or the refusal it documents (an <see cref="InvalidInputException"/> naming the field, issues), never
/// another exception; it returns promptly and allocates in proportion to its input. Iterations are fixed, so the
/// run time is bounded (a few seconds in all); a failure prints the shrunk input and the seed that replays it.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    /// <summary>No input may take this long: far above any real parse, it only catches a hang or a blow-up.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(5);

    private static readonly Gen<string> InsLike = Gen.OneOf(
        Gen.String,
        Gen.String[Gen.Char["0123456789"], 13, 17],
        Gen.String[Gen.Char["0123456789 .-AaBb"], 10, 25]);

    [Fact]
    public void The_ins_parser_refuses_or_accepts_any_text_and_what_it_accepts_reads_back_the_same()
    {
        InsLike.Sample(text =>
        {
            if (Ins.TryParse(text, out var ins, out var reason))
            {
                ins.Value.Should().HaveLength(Ins.Length).And.MatchRegex("^[0-9]{5}(2A|2B|[0-9]{2})[0-9]{8}$");
                Ins.Parse(ins.Value).Should().Be(ins);
            }
            else
            {
                reason.Should().NotBeNullOrWhiteSpace();
                var act = () => Ins.Parse(text, "subject");
                act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("subject");
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Any_one_digit_changed_in_a_valid_ins_is_refused_by_its_key()
    {
        Gen.Select(Gen.Int[1, 2], Gen.Int[0, 99], Gen.Int[1, 12], Gen.Int[1, 95], Gen.Int[0, 999], Gen.Int[1, 999], Gen.Int[0, 14], Gen.Int[1, 9])
            .Sample((sex, year, month, departement, commune, order, position, shift) =>
            {
                var valid = Ins.FromBody(FormattableString.Invariant($"{sex}{year:00}{month:00}{departement:00}{commune:000}{order:000}"));
                var digits = valid.Value.ToCharArray();
                digits[position] = (char)('0' + ((digits[position] - '0' + shift) % 10));

                Ins.TryParse(new string(digits), out _, out var reason).Should().BeFalse("a mod-97 key catches every single-digit error");
                reason.Should().NotBeNull();
            }, iter: 5_000);
    }

    [Fact]
    public void The_observation_reader_answers_a_reading_or_issues_for_any_variant_of_a_valid_observation()
    {
        var valid = Samples.Observation(TestIns.Next(), "2339-0", "mg/dL", 105m);
        valid["identifier"] = new JsonArray(Samples.Identifier("urn:app-glyco", "r-1"));
        var reader = new ObservationReader();
        var worst = 0.0;
        Variants(valid).Sample(bytes =>
        {
            var result = Bounded(bytes, () => reader.Read(bytes, Samples.AppId), ref worst);
            (result.IsAccepted || result.Issues.Count > 0).Should().BeTrue("a refused Observation says why");
            result.Issues.Should().OnlyContain(i => !string.IsNullOrWhiteSpace(i.Message) && !string.IsNullOrWhiteSpace(i.Expression));
        }, iter: 3_000, threads: 1);
        output.WriteLine($"most bytes allocated per input byte (inputs of 1 KB or more): {worst:0}");
    }

    [Fact]
    public void The_bundle_reader_refuses_the_envelope_or_answers_each_entry_for_any_variant_of_a_transaction()
    {
        var person = TestIns.Next();
        var device = Samples.Entry(new JsonObject
        {
            ["resourceType"] = "Device",
            ["identifier"] = new JsonArray(Samples.Identifier("urn:oid:1.2.3", "SN-1")),
            ["patient"] = new JsonObject { ["identifier"] = Samples.Identifier(IdentifierSystems.InsNir, person.Value) },
        }, "urn:uuid:8f0a2d2e-0f3c-4b47-9a57-9d1e8b1f4c11");
        device["request"]!["ifNoneExist"] = "identifier=urn:oid:1.2.3|SN-1";
        var weight = Samples.Observation(person, "29463-7", "kg", 71m);
        weight["device"] = new JsonObject { ["reference"] = "urn:uuid:8f0a2d2e-0f3c-4b47-9a57-9d1e8b1f4c11" };
        var valid = Samples.Bundle(device, Samples.Entry(weight), Samples.Entry(Samples.BloodPressure(person, 120, 80)));
        valid["type"] = "transaction";
        var reader = new MeasurementBundleReader(Options.Create(new MeasurementBundleOptions()));
        var worst = 0.0;
        Variants(valid).Sample(bytes =>
        {
            try
            {
                var result = Bounded(bytes, () => reader.Read(bytes, Samples.AppId), ref worst);
                result.Entries.Should().OnlyContain(e => e.Kind != BundleEntryKind.Refused || e.Issues.Count > 0, "a refused entry says why");
            }
            catch (InvalidInputException refused)
            {
                refused.Field.Should().NotBeNullOrWhiteSpace();
            }
        }, iter: 2_000, threads: 1);
        output.WriteLine($"most bytes allocated per input byte (inputs of 1 KB or more): {worst:0}");
    }

    [Fact]
    public void The_document_reference_reader_refuses_naming_a_field_or_reads_any_variant_of_a_valid_deposit()
    {
        var valid = DocumentSamples.Reference(TestIns.Next().Value);
        var worst = 0.0;
        Variants(valid).Sample(bytes =>
        {
            try
            {
                var submission = Bounded(bytes, () => DocumentReferenceReader.Read(bytes, AccessorRole.Professional), ref worst);
                submission.Should().NotBeNull();
            }
            catch (InvalidInputException refused)
            {
                refused.Field.Should().StartWith("DocumentReference");
            }
        }, iter: 1_500, threads: 1);
        output.WriteLine($"most bytes allocated per input byte (inputs of 1 KB or more): {worst:0}");
    }

    [Fact]
    public async Task The_upload_reader_keeps_every_good_line_and_numbers_every_bad_one_in_ndjson_and_csv()
    {
        var line = Gen.OneOf(
            Gen.Const(0).Select(_ => (Good: true, Text: "")),
            Mutations.Text.Select(t => (Good: false, Text: t)),
            Mutations.Some.Select(m => (Good: false, Text: "garbage")));
        await Gen.Select(line.Array[1, 30], Gen.Bool).SampleAsync(async (lines, csv) =>
        {
            var people = new Dictionary<long, string>();
            var body = new StringBuilder(csv ? "ins,email,postal_address,birth_date,departement\n" : "");
            for (var i = 0; i < lines.Length; i++)
            {
                var number = i + 1;
                if (lines[i].Good)
                {
                    var ins = TestIns.Next().Value;
                    people[number] = ins;
                    body.Append(csv ? $"{ins},p{number}@example.fr,,,31\n" : $"{{\"ins\":\"{ins}\",\"email\":\"p{number}@example.fr\",\"departement\":\"31\"}}\n");
                }
                else
                {
                    // A bad line stays one line: no newline, and in CSV no quote, which may rightly span lines.
                    var text = new string([.. lines[i].Text.Where(c => c is not '\n' and not '\r' and not '"')]);
                    body.Append(text.Length == 0 ? "x" : text).Append('\n');
                }
            }

            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body.ToString()));
            var read = new List<(long Number, string? Ins, string? Error)>();
            using var timeout = new CancellationTokenSource(Hang);
            await foreach (var (good, error) in UploadReader.ReadAsync(stream, csv, 1, timeout.Token))
            {
                read.Add(good is not null ? (good.LineNumber, good.Ins, null) : (error!.LineNumber, null, error.Reason));
            }

            foreach (var (number, ins) in people)
            {
                read.Should().ContainSingle(r => r.Number == number).Which.Ins.Should().Be(ins, "line {0} is good", number);
            }

            read.Should().OnlyContain(r => r.Number >= 1 && r.Number <= lines.Length);
            read.Should().NotContain(r => r.Error != null && (people.ContainsKey(r.Number) || r.Error.Length == 0), "only bad lines are refused, each saying why");
        }, iter: 1_000, threads: 1);
    }

    [Fact]
    public async Task A_csv_upload_stays_comma_separated_whatever_its_bad_lines_hold()
    {
        // Found by the fuzzing above (seed fwcy2Imb4ioc): bad lines full of tabs, semicolons and pipes made the reader
        // guess another separator and refuse the whole upload for its header.
        var ins = TestIns.Next().Value;
        var body = $"ins,email,postal_address,birth_date,departement\n2/{{]&]&=e9;}}\t0.\n9=;=1eE|E#Z \t&.2\\Z|\na;b;c\td|e\n{ins},p@example.fr,,,31\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body));

        var read = new List<(long Number, string? Ins)>();
        await foreach (var (good, error) in UploadReader.ReadAsync(stream, true, 1, CancellationToken.None))
        {
            read.Add(good is not null ? (good.LineNumber, good.Ins) : (error!.LineNumber, null));
        }

        read.Should().Equal((1L, (string?)null), (2L, null), (3L, null), (4L, ins));
    }

    /// <summary>Valid input changed a little, or bytes of no shape at all.</summary>
    internal static Gen<byte[]> Variants(JsonNode valid) => Gen.Frequency(
        (8, Mutations.Some.Select(m => Mutations.Apply(valid, m))),
        (1, Gen.Byte.Array[0, 512]),
        (1, Mutations.Text.Select(Encoding.UTF8.GetBytes)));

    /// <summary>Runs a parse, failing if it hangs or allocates out of proportion with its input; tracks the worst ratio seen on inputs of 1 KB or more.</summary>
    private static T Bounded<T>(byte[] input, Func<T> parse, ref double worst)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        var result = parse();
        var took = Stopwatch.GetElapsedTime(started);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        took.Should().BeLessThan(Hang, "no input makes a parser hang");
        bytes.Should().BeLessThan((256L * input.Length) + (16L << 20), "a parser allocates in proportion to its input");
        if (input.Length >= 1024)
        {
            worst = Math.Max(worst, (double)bytes / input.Length);
        }

        return result;
    }
}
