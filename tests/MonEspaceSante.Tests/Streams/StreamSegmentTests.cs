using MonEspaceSante.Postgres.Streams;

namespace MonEspaceSante.Tests.Streams;

[Trait("Category", "Unit")]
public sealed class StreamSegmentTests
{
    [Fact]
    public void Messages_framed_together_split_back_in_order()
    {
        byte[][] messages = [[1, 2, 3], [], [9], [.. Enumerable.Range(0, 300).Select(i => (byte)i)]];

        var split = StreamSegment.Split(StreamSegment.Frame(messages));

        split.Select(m => m.ToArray()).Should().BeEquivalentTo(messages, o => o.WithStrictOrdering());
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0xff, 0x00, 0xff })]
    [InlineData(new byte[] { 0x53, 0x02, 1, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0x53, 0x01, 2, 0, 0, 0, 1, 0, 0, 0, 7 })]
    [InlineData(new byte[] { 0x53, 0x01, 1, 0, 0, 0, 200, 0, 0, 0, 7 })]
    [InlineData(new byte[] { 0x53, 0x01, 0, 0, 0, 0 })]
    public void Anything_else_is_refused_as_malformed(byte[] payload)
    {
        var act = () => StreamSegment.Split(payload);

        act.Should().Throw<FormatException>();
    }
}
