using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Api.Profile;

/// <summary>
/// The person's declarations in the export, readable without the service: one <c>Basic</c> resource
/// (<c>urn:mes:profile|declarations</c>) whose narrative says the advance directives, the organ-donation wish and the
/// trusted person. R4 has no resource for these three together; the JSON API gives them field by field.
/// </summary>
public static class ProfileDeclarationsExport
{
    public static Basic ToFhir(Ins ins, ProfileDeclarations declarations)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        var html = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        void Line(string label, string? value)
        {
            if (value is not null)
            {
                html.Append("<p><b>").Append(WebUtility.HtmlEncode(label)).Append("</b>: ").Append(WebUtility.HtmlEncode(value)).Append("</p>");
            }
        }

        Line("Advance directives", declarations.AdvanceDirectives);
        Line("Advance directives document", declarations.AdvanceDirectivesDocumentId is { } id ? $"DocumentReference/{id}" : null);
        Line("Organ donation", declarations.OrganDonation switch
        {
            OrganDonationWish.Consents => "consents",
            OrganDonationWish.Refuses => "refuses (binding once in the national register of refusals)",
            _ => "not stated",
        });
        if (declarations.TrustedPerson is { } trusted)
        {
            Line("Trusted person", string.Join(", ", new[] { trusted.Name, trusted.Relation, trusted.Phone, trusted.Email }.Where(v => !string.IsNullOrEmpty(v))));
        }

        html.Append("</div>");
        return new Basic
        {
            Id = "profile-declarations",
            Meta = declarations.UpdatedAt is { } updated ? new Meta { LastUpdated = updated } : null,
            Code = new CodeableConcept("urn:mes:profile", "declarations", "Medical profile declarations"),
            Subject = new ResourceReference($"Patient/{ins.Value}"),
            Text = new Narrative { Status = Narrative.NarrativeStatus.Generated, Div = html.ToString() },
        };
    }
}
