using MonEspaceSante.Grains.Agenda;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Tests.Agenda;

[Trait("Category", "Unit")]
public sealed class AgendaBookTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_full_book_forgets_the_entry_over_the_longest_ago_to_make_room()
    {
        var entries = Book(Entry("old", -90), Entry("recent", -10), Entry("soon", 10));
        var book = new AgendaBook(entries, capacity: 3);

        book.MakeRoom(Now).Should().BeTrue();

        entries.Keys.Should().BeEquivalentTo("recent", "soon");
    }

    [Fact]
    public void A_book_full_of_upcoming_entries_refuses_more_and_keeps_them_all()
    {
        var entries = Book(Entry("a", 1), Entry("b", 2));

        new AgendaBook(entries, capacity: 2).MakeRoom(Now).Should().BeFalse();

        entries.Keys.Should().BeEquivalentTo("a", "b");
    }

    [Fact]
    public void Cancelled_entries_are_forgotten_a_year_after_they_were_due_and_any_entry_after_ten_years()
    {
        var entries = Book(
            Entry("cancelled-long-ago", -400, AgendaStatus.Cancelled), Entry("cancelled-recently", -100, AgendaStatus.Cancelled),
            Entry("booked-long-ago", -400), Entry("ancient", -(365 * 10) - 5));

        new AgendaBook(entries).MakeRoom(Now).Should().BeTrue();

        entries.Keys.Should().BeEquivalentTo("cancelled-recently", "booked-long-ago");
    }

    [Fact]
    public void Pages_continue_strictly_after_their_cursor_in_both_directions()
    {
        var book = new AgendaBook(Book(Entry("p2", -2), Entry("p1", -1), Entry("u1", 1), Entry("u2", 2), Entry("u3", 3)));

        var first = book.Upcoming(Now, 2, null);
        var second = book.Upcoming(Now, 2, first.Next);
        var past = book.Past(Now, 1, null);
        var olderPast = book.Past(Now, 1, past.Next);

        first.Entries.Select(e => e.Id).Should().Equal("u1", "u2");
        (second.Entries.Select(e => e.Id).ToList(), second.Next).Should().BeEquivalentTo((new List<string> { "u3" }, (string?)null));
        past.Entries.Select(e => e.Id).Should().Equal("p1");
        olderPast.Entries.Select(e => e.Id).Should().Equal("p2");
        book.Invoking(b => b.Upcoming(Now, 2, "garbage")).Should().Throw<InvalidInputException>().Which.Field.Should().Be("after");
    }

    private static Dictionary<string, AgendaEntry> Book(params AgendaEntry[] entries) => entries.ToDictionary(e => e.Id, StringComparer.Ordinal);

    private static AgendaEntry Entry(string id, int days, AgendaStatus status = AgendaStatus.Booked) =>
        new(id, "patient", id, null, AgendaKind.Appointment, id, null, Now.AddDays(days), null, null, null, null, status, Now, Now, 1);
}
