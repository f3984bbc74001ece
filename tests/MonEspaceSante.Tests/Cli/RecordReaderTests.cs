using System.Text;
using MonEspaceSante.Cli.Uploads;

namespace MonEspaceSante.Tests.Cli;

[Trait("Category", "Unit")]
public sealed class RecordReaderTests
{
    [Fact]
    public async Task Records_and_bytes_read_add_up_to_the_file_across_buffer_boundaries()
    {
        var text = string.Concat(Enumerable.Range(0, 50_000).Select(i => $"{{\"line\":{i},\"padding\":\"{new string('x', 60)}\"}}\n"));
        var (records, bytesRead) = await ReadAllAsync(text, csv: false);

        records.Should().HaveCount(50_000);
        records.Select(r => r.FirstLine).Should().Equal(Enumerable.Range(1, 50_000).Select(i => (long)i));
        records.Sum(r => r.FileBytes).Should().Be(Encoding.UTF8.GetByteCount(text));
        bytesRead.Should().Be(Encoding.UTF8.GetByteCount(text));
        string.Concat(records.Select(r => r.Text)).Should().Be(text);
    }

    [Fact]
    public async Task A_quoted_csv_field_spanning_lines_stays_in_one_record()
    {
        var (records, _) = await ReadAllAsync("ins,email,postal_address\n1,a@b.fr,\"1 rue X\nNantes\"\n2,c@d.fr,\n", csv: true);

        records.Select(r => (r.FirstLine, r.Lines, r.Text)).Should().Equal(
            (1L, 1, "ins,email,postal_address\n"),
            (2L, 2, "1,a@b.fr,\"1 rue X\nNantes\"\n"),
            (4L, 1, "2,c@d.fr,\n"));
    }

    [Fact]
    public async Task The_byte_order_mark_is_dropped_and_a_last_line_without_newline_gets_one()
    {
        var (records, bytesRead) = await ReadAllAsync("\uFEFF{\"a\":1}\r\n\n{\"a\":2}", csv: false);

        records.Select(r => (r.FirstLine, r.Text)).Should().Equal((1L, "{\"a\":1}\r\n"), (2L, "\n"), (3L, "{\"a\":2}\n"));
        records.Select(r => r.FileBytes).Should().Equal(9, 1, 7);
        bytesRead.Should().Be(3 + 9 + 1 + 7, "the mark counts as read, the added newline does not");
    }

    private static async Task<(List<(long FirstLine, int Lines, long FileBytes, string Text)> Records, long BytesRead)> ReadAllAsync(string text, bool csv)
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await using var reader = new RecordReader(stream, "memory", csv);
        var records = new List<(long, int, long, string)>();
        while (await reader.ReadAsync(CancellationToken.None) is { } record)
        {
            records.Add((record.FirstLine, record.Lines, record.FileBytes, Encoding.UTF8.GetString(record.Bytes.Span)));
        }

        return (records, reader.BytesRead);
    }
}
