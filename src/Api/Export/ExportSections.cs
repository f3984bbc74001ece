using System.Runtime.CompilerServices;
using Hl7.Fhir.Model;
using MonEspaceSante.Api.Agenda;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Export;

/// <summary>The resources of one space, brick by brick, read page by page through each facet with the exporter's rights.</summary>
public sealed class ExportSections(IGrainFactory grains, Ins space, Accessor exporter)
{
    private const int Page = 1000;

    private string Key => PatientKey.From(space);

    public async IAsyncEnumerable<Resource> AllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var consent in await grains.GetGrain<IPatientConsentsGrain>(Key).ReadConsentsAsync(exporter))
        {
            yield return ConsentEndpoints.ToFhir(space, consent);
        }

        foreach (var entry in await grains.GetGrain<IPatientAgendaGrain>(Key).ExportAgendaAsync(exporter))
        {
            yield return AppointmentMapping.ToFhir(space, entry);
        }

        await foreach (var observation in MeasurementsAsync(cancellationToken))
        {
            yield return observation;
        }
    }

    private async IAsyncEnumerable<Resource> MeasurementsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var measurements = grains.GetGrain<IPatientMeasurementsGrain>(Key);
        string? after = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await measurements.SearchAsync(exporter, [], null, null, Page, after);
            foreach (var reading in page.Readings)
            {
                yield return ObservationMapping.ToFhir(space, reading);
            }

            after = page.Next;
        }
        while (after is not null);
    }
}
