using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Tests.Documents;
using MonEspaceSante.Tests.Infrastructure;
using MonEspaceSante.Tests.Measurements;

namespace MonEspaceSante.Tests.Fuzzing;

/// <summary>
/// The same hostile inputs sent to the running application, where a parser's refusal must become an answer: every
/// request gets a 2xx or a 4xx, never a 5xx, and a refusal is an OperationOutcome (FHIR) or problem details (JSON)
/// that says what is wrong. Fewer iterations than <see cref="ParserFuzzTests"/>: each is a request.
/// </summary>
public sealed class ApiFuzzTests(HealthSpaceFixture fixture) : IClassFixture<HealthSpaceFixture>
{
    private const int Requests = 150;

    [Fact]
    public async Task Any_variant_of_an_observation_gets_an_answer_or_an_operation_outcome()
    {
        var person = await fixture.OpenSpaceAsync();
        await fixture.ConnectAsync(person, Samples.AppId, "measurements.write:glucose", "measurements.write:body-weight");
        var app = fixture.App.ClientFor("app", Samples.AppId);
        var valid = Samples.Observation(person, "2339-0", "mg/dL", 105m);
        valid["identifier"] = new JsonArray(Samples.Identifier("urn:app-glyco", "fuzz-1"));

        await ParserFuzzTests.Variants(valid).SampleAsync(
            async body => await AnswersAsync(await app.PostAsync("/fhir/Observation", Fhir(body)), fhir: true),
            iter: Requests, threads: 2);
    }

    [Fact]
    public async Task Any_variant_of_a_measurement_transaction_gets_an_answer_or_an_operation_outcome()
    {
        var person = await fixture.OpenSpaceAsync();
        await fixture.ConnectAsync(person, Samples.AppId, "measurements.write:glucose", "measurements.write:body-weight", "measurements.write:blood-pressure");
        var app = fixture.App.ClientFor("app", Samples.AppId);
        var device = Samples.Entry(new JsonObject
        {
            ["resourceType"] = "Device",
            ["identifier"] = new JsonArray(Samples.Identifier("urn:oid:1.2.3", "SN-FUZZ")),
            ["patient"] = new JsonObject { ["identifier"] = Samples.Identifier(IdentifierSystems.InsNir, person.Value) },
        }, "urn:uuid:0c1d6f3a-5f1e-4a8b-b4a5-d43f1c2e9a77");
        device["request"]!["ifNoneExist"] = "identifier=urn:oid:1.2.3|SN-FUZZ";
        var weight = Samples.Observation(person, "29463-7", "kg", 71m);
        weight["device"] = new JsonObject { ["reference"] = "urn:uuid:0c1d6f3a-5f1e-4a8b-b4a5-d43f1c2e9a77" };
        var valid = Samples.Bundle(device, Samples.Entry(weight), Samples.Entry(Samples.BloodPressure(person, 120, 80)));
        valid["type"] = "transaction";

        await ParserFuzzTests.Variants(valid).SampleAsync(
            async body => await AnswersAsync(await app.PostAsync("/fhir", Fhir(body)), fhir: true),
            iter: Requests, threads: 2);
    }

    [Fact]
    public async Task Any_variant_of_a_document_deposit_gets_an_answer_or_an_operation_outcome()
    {
        var person = await fixture.OpenSpaceAsync();
        var professional = fixture.App.ProfessionalClient(DocumentsFixture.Physician);
        var valid = DocumentSamples.Reference(person.Value);

        await ParserFuzzTests.Variants(valid).SampleAsync(
            async body => await AnswersAsync(await professional.PostAsync("/fhir/DocumentReference", Fhir(body)), fhir: true),
            iter: Requests, threads: 2);
    }

    [Fact]
    public async Task Any_multipart_upload_gets_an_answer_or_problem_details()
    {
        var person = await fixture.OpenSpaceAsync();
        var holder = fixture.App.PatientClient(person);
        var part = Gen.Select(Gen.OneOf(Gen.Const("classCode"), Gen.Const("typeCode"), Gen.Const("title"), Gen.Const("date"), Gen.Const("masked"), Gen.Const("replaces"), Mutations.Text), Mutations.Text);
        var file = Gen.OneOf(Gen.Const(DocumentSamples.Pdf()), Gen.Const(DocumentSamples.Png()), Gen.Const(DocumentSamples.Executable()), Gen.Byte.Array[0, 300]);
        var upload = Gen.Select(file, Gen.OneOf(Gen.Const("application/pdf"), Gen.Const("image/png"), Gen.Const(""), Mutations.Text), Mutations.Text, part.Array[0, 4], Mutations.One.Array[0, 2]);

        await upload.SampleAsync(async (content, mediaType, fileName, fields, damage) =>
        {
            const string boundary = "fuzz-boundary-7f3a";
            var body = new MemoryStream();
            void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
            Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: {mediaType}\r\n\r\n");
            body.Write(content);
            foreach (var (name, value) in fields)
            {
                Write($"\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}");
            }

            Write($"\r\n--{boundary}--\r\n");
            var bytes = damage.Aggregate(body.ToArray(), (b, m) => Mutations.ApplyBytes(b, m));
            var request = new ByteArrayContent(bytes);
            request.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
            await AnswersAsync(await holder.PostAsync("/api/v1/me/documents", request), fhir: false);
        }, iter: Requests, threads: 2);
    }

    [Fact]
    public async Task Any_ndjson_or_csv_upload_keeps_its_good_lines_and_numbers_its_bad_ones()
    {
        var waveOperator = fixture.App.ClientFor("operator", "op-fuzz");
        var waveId = Waves.WaveApiFixture.NewWaveId();
        (await waveOperator.PostAsJsonAsync("/api/v1/waves", new { id = waveId, name = "Fuzz", territory = "31", oppositionWindowDays = 42 })).EnsureSuccessStatusCode();
        var line = Gen.OneOf(Gen.Const((Good: true, Text: "")), Mutations.Text.Select(t => (Good: false, Text: t)));
        var uploads = 0;

        await Gen.Select(line.Array[1, 20], Gen.Bool).SampleAsync(async (lines, csv) =>
        {
            // Errors name file lines: in CSV the header is line 1.
            var good = new HashSet<long>();
            var offset = csv ? 1 : 0;
            var body = new StringBuilder(csv ? "ins,email,postal_address,birth_date,departement\n" : "");
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Good)
                {
                    good.Add(i + 1 + offset);
                    var ins = TestIns.Next().Value;
                    body.Append(csv ? $"{ins},fuzz{i}@example.fr,,,31\n" : $"{{\"ins\":\"{ins}\",\"email\":\"fuzz{i}@example.fr\"}}\n");
                }
                else
                {
                    var kept = new string([.. lines[i].Text.Where(c => c is not '\n' and not '\r' and not '"')]);
                    body.Append(kept.Length == 0 ? "x" : kept).Append('\n');
                }
            }

            var uploadId = $"u{Interlocked.Increment(ref uploads)}";
            var response = await waveOperator.PostAsync($"/api/v1/waves/{waveId}/uploads/{uploadId}",
                new StringContent(body.ToString(), Encoding.UTF8, csv ? "text/csv" : "application/x-ndjson"));
            var status = response.StatusCode;
            var text = await AnswersAsync(response, fhir: false);
            status.Should().Be(HttpStatusCode.OK, "a body of lines is always read line by line: {0}", text);
            var answer = JsonDocument.Parse(text).RootElement;
            answer.GetProperty("accepted").GetInt64().Should().BeGreaterThanOrEqualTo(good.Count, "every good line is kept");
            answer.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("lineNumber").GetInt64())
                .Where(n => good.Contains(n) || n < 1 + offset || n > lines.Length + offset).Should().BeEmpty("only bad lines are reported, by their number");
        }, iter: Requests, threads: 2);
    }

    [Fact]
    public async Task Any_search_parameters_get_a_bundle_or_an_operation_outcome()
    {
        var person = await fixture.OpenSpaceAsync();
        var holder = fixture.App.PatientClient(person);
        var name = Gen.OneOf(Gen.Const("date"), Gen.Const("code"), Gen.Const("_count"), Gen.Const("_offset"), Gen.Const("_sort"), Gen.Const("_summary"),
            Gen.Const("_total"), Gen.Const("_include"), Gen.Const("patient"), Gen.Const("subject.identifier"), Gen.Const("category"), Gen.Const("type"), Mutations.Text);
        var value = Gen.OneOf(Mutations.Text, Gen.Const("ge2025-01-01"), Gen.Const("2025-13-45"), Gen.Const("-date"), Gen.Const("0"), Gen.Const("99999999999999999999"),
            Gen.Const($"{IdentifierSystems.InsNir}|{person.Value}"));
        var search = Gen.Select(Gen.OneOf(Gen.Const("Observation"), Gen.Const("DocumentReference"), Gen.Const("Appointment"), Gen.Const("Communication"), Gen.Const("Device")),
            Gen.Select(name, value).Array[0, 5]);

        await search.SampleAsync(async (type, parameters) =>
        {
            var query = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}"));
            await AnswersAsync(await holder.GetAsync($"/fhir/{type}?{query}"), fhir: true);
        }, iter: Requests, threads: 2);
    }

    private static ByteArrayContent Fhir(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/fhir+json");
        return content;
    }

    /// <summary>A 2xx, or a 4xx with a body in the caller's format that says why; never a 5xx. Returns the body.</summary>
    private static async Task<string> AnswersAsync(HttpResponseMessage response, bool fhir)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).Should().BeLessThan(500, "no input makes the server fail: {0}", text);
            if ((int)response.StatusCode >= 400 && response.StatusCode != HttpStatusCode.NotFound)
            {
                response.Content.Headers.ContentType?.MediaType.Should().Be(fhir ? "application/fhir+json" : "application/problem+json", text);
                using var json = JsonDocument.Parse(text);
                if (fhir)
                {
                    json.RootElement.GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
                    json.RootElement.GetProperty("issue")[0].GetProperty("diagnostics").GetString().Should().NotBeNullOrWhiteSpace();
                }
                else
                {
                    json.RootElement.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
                }
            }

            return text;
        }
    }
}
