using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Tests.Identity;

[Trait("Category", "Unit")]
public sealed class InsTests
{
    [Theory]
    [InlineData("123456789012212", "123456789012212")]
    [InlineData("185027512345625", "185027512345625")]
    [InlineData("1 85 02 75 123 456 25", "185027512345625")]
    [InlineData("1.85.02.75.123.456-25", "185027512345625")]
    [InlineData("185022A12345682", "185022A12345682")]
    [InlineData("185022a12345682", "185022A12345682")]
    [InlineData("269052B04501286", "269052B04501286")]
    public void Valid_nir_is_accepted_and_normalised(string text, string expected)
    {
        var ins = Ins.Parse(text);

        ins.Value.Should().Be(expected);
    }

    [Fact]
    public void Official_fhir_sample_with_wrong_key_is_rejected()
    {
        // The sample used in official FHIR examples: its key should be 12, not 44.
        var act = () => Ins.Parse("123456789012244");

        act.Should().Throw<InvalidInputException>()
            .Which.Reason.Should().Be("the control key 44 does not match the first 13 characters");
    }

    [Theory]
    [InlineData("185022A12345619", "the control key 19 does not match the first 13 characters")]
    [InlineData("185022B12345682", "the control key 82 does not match the first 13 characters")]
    [InlineData("18502751234562", "an INS has 15 characters, this one has 14")]
    [InlineData("1850275123456250", "an INS has 15 characters, this one has 16")]
    [InlineData("585027512345625", "the first character (sex) must be 1, 2, 3, 4, 7 or 8")]
    [InlineData("18502751234X625", "character 12 must be a digit")]
    [InlineData("185022C12345682", "the département (characters 6-7) must be two digits, 2A or 2B")]
    [InlineData("", "an INS is required")]
    [InlineData(null, "an INS is required")]
    public void Malformed_nir_is_rejected_with_the_reason(string? text, string reason)
    {
        Ins.TryParse(text, out _, out var actual).Should().BeFalse();
        actual.Should().Be(reason);
    }

    [Fact]
    public void Rejection_names_the_field_it_was_given()
    {
        var act = () => Ins.Parse("123456789012244", "subject.identifier");

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("subject.identifier");
    }

    [Theory]
    [InlineData("1850275123456", 25)]
    [InlineData("185022A123456", 82)]
    [InlineData("269052B045012", 86)]
    [InlineData("1234567890122", 12)]
    public void Key_is_97_minus_the_number_mod_97_with_corsica_substituted(string body, int key)
    {
        InsChecksum.ComputeKey(body).Should().Be(key);
    }

    [Fact]
    public void Corsican_departements_are_exposed_as_written()
    {
        Ins.Parse("185022A12345682").Departement.Should().Be("2A");
    }

    [Fact]
    public void ToString_never_shows_the_identifier_in_clear()
    {
        var ins = Ins.Parse("185027512345625");

        ins.ToString().Should().NotContain("185027512345625").And.StartWith("ins#").And.HaveLength(20);
        $"{ins}".Should().Be(ins.Masked);
    }

    [Fact]
    public void Mask_is_stable_for_one_person_and_differs_between_people()
    {
        var a = Ins.Parse("185027512345625");
        var again = Ins.Parse("1 85 02 75 123 456 25");
        var b = Ins.Parse("123456789012212");

        a.Masked.Should().Be(again.Masked);
        a.Masked.Should().NotBe(b.Masked);
    }

    [Fact]
    public void FromBody_appends_the_computed_key()
    {
        Ins.FromBody("185022a123456").Value.Should().Be("185022A12345682");
    }

    [Fact]
    public void Two_parses_of_the_same_person_are_equal()
    {
        Ins.Parse("185022a12345682").Should().Be(Ins.Parse("1 85 02 2A 123 456 82"));
    }

    [Fact]
    public void Fhir_identifier_systems_are_the_ans_oids()
    {
        IdentifierSystems.InsNir.Should().Be("urn:oid:1.2.250.1.213.1.4.8");
        IdentifierSystems.InsNia.Should().Be("urn:oid:1.2.250.1.213.1.4.9");
        IdentifierSystems.InsNirTest.Should().Be("urn:oid:1.2.250.1.213.1.4.10");
        IdentifierSystems.InsNirDemo.Should().Be("urn:oid:1.2.250.1.213.1.4.11");
        IdentifierSystems.Rpps.Should().Be("urn:oid:1.2.250.1.71.4.2.1");
        IdentifierSystems.PatientSystems.Should().BeEquivalentTo(
            [IdentifierSystems.InsNir, IdentifierSystems.InsNia, IdentifierSystems.InsNirTest, IdentifierSystems.InsNirDemo]);
    }
}
