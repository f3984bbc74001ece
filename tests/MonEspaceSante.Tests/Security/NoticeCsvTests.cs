using MonEspaceSante.Api.Notices;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Tests.Security;

[Trait("Category", "Unit")]
public sealed class NoticeCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"clic\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"clic\"\")\"")]
    [InlineData("+33 1 23", "'+33 1 23")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("12 rue de la Paix, 75002 Paris", "\"12 rue de la Paix, 75002 Paris\"")]
    [InlineData("marie@example.fr", "marie@example.fr")]
    public void A_field_a_spreadsheet_would_run_is_written_as_text(string value, string written)
    {
        NoticeCsv.Field(value).Should().Be(written);
    }

    [Fact]
    public void A_row_neutralises_the_address_and_the_name_it_carries()
    {
        var notice = new Notice(7, NoticeKind.OpeningAnnouncement, NoticeChannel.Letter, null, "=1+1", "wave-1", DateTimeOffset.UnixEpoch, null, "@Martin Claire");

        NoticeCsv.Row(notice).Should().Be("7,OpeningAnnouncement,Letter,,'=1+1,wave-1,1970-01-01T00:00:00.0000000+00:00,,'@Martin Claire\n");
    }
}
