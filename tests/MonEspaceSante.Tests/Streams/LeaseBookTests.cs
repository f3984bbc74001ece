using MonEspaceSante.Postgres.Streams;
using Orleans.Providers.Streams.Common;

namespace MonEspaceSante.Tests.Streams;

[Trait("Category", "Unit")]
public sealed class LeaseBookTests
{
    private static readonly DateTimeOffset Enqueued = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static List<(PostgresStreamMessage Message, byte[] Bytes)> Messages(int count) =>
        [.. Enumerable.Range(0, count).Select(i => (new PostgresStreamMessage { StreamId = StreamId.Create("probe", $"s{i}"), Events = [i] }, new[] { (byte)i }))];

    [Fact]
    public void A_row_is_done_only_once_every_one_of_its_messages_is_delivered()
    {
        var book = new LeaseBook();
        var containers = book.Lease(7, 1, Enqueued, Messages(3));

        var first = book.Delivered([containers[0], containers[2]]);
        var last = book.Delivered([containers[1]]);

        first.Delivered.Should().Be(2);
        first.Done.Should().BeEmpty();
        last.Delivered.Should().Be(1);
        last.Done.Select(r => r.Id).Should().Equal(7);
        book.LeasedRows.Should().Be(0);
    }

    [Fact]
    public void Each_message_gets_a_larger_token_than_every_one_before_even_when_its_row_is_read_again()
    {
        var book = new LeaseBook();
        var before = book.Lease(1, 1, Enqueued, Messages(2));
        book.Release();
        var again = book.Lease(1, 2, Enqueued, Messages(2));

        var tokens = before.Concat(again).Select(c => c.Token.SequenceNumber).ToList();

        tokens.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        again.Select(c => (c.RowId, c.Receipt, c.Index)).Should().Equal((1L, 2, 0), (1L, 2, 1));
    }

    [Fact]
    public void A_message_delivered_twice_is_counted_once()
    {
        var book = new LeaseBook();
        var containers = book.Lease(3, 1, Enqueued, Messages(1));

        book.Delivered(containers).Delivered.Should().Be(1);
        var again = book.Delivered(containers);

        again.Delivered.Should().Be(0, "the second report finds nothing in flight");
        again.Done.Should().BeEmpty();
    }

    [Fact]
    public void A_failed_message_is_settled_and_says_which_row_and_payload_to_write_back()
    {
        var book = new LeaseBook();
        var containers = book.Lease(5, 2, Enqueued, Messages(2));
        book.Delivered([containers[0]]);

        var failed = book.Failed(containers[1].Token);

        failed.Should().NotBeNull();
        failed!.Value.Container.Index.Should().Be(1);
        failed.Value.Row.Messages[1].Should().Equal([1]);
        failed.Value.Row.EnqueuedAt.Should().Be(Enqueued);
        failed.Value.Done.Select(r => r.Id).Should().Equal(5);
        book.Failed(containers[1].Token).Should().BeNull("a message is settled once");
    }

    [Fact]
    public void Held_messages_are_handed_over_oldest_first_and_at_most_as_many_as_asked()
    {
        var book = new LeaseBook();
        var containers = book.Lease(9, 1, Enqueued, Messages(5));
        book.Hold(containers.Skip(1));

        var firstTake = book.TakeHeld(3);
        var secondTake = book.TakeHeld(10);

        firstTake.Should().Equal(containers[1], containers[2], containers[3]);
        secondTake.Should().Equal(containers[4]);
        book.TakeHeld(10).Should().BeEmpty();
    }

    [Fact]
    public void Releasing_hands_back_every_leased_row_and_forgets_what_was_in_flight()
    {
        var book = new LeaseBook();
        var first = book.Lease(1, 1, Enqueued, Messages(1));
        book.Lease(2, 1, Enqueued, Messages(2));
        book.Hold(first);

        var released = book.Release();

        released.Select(r => r.Id).Should().BeEquivalentTo([1L, 2L]);
        book.LeasedRows.Should().Be(0);
        book.TakeHeld(10).Should().BeEmpty();
        book.Delivered(first).Delivered.Should().Be(0);
    }

    [Fact]
    public void Tokens_are_Orleans_sequence_tokens_the_cache_can_order()
    {
        var containers = new LeaseBook().Lease(1, 1, Enqueued, Messages(2));

        containers[0].SequenceToken.Should().BeOfType<EventSequenceTokenV2>();
        containers[0].SequenceToken.CompareTo(containers[1].SequenceToken).Should().BeNegative();
    }
}
