using MonEspaceSante.Benchmarks.Waves;
using MonEspaceSante.Interfaces.Catalogue;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Benchmarks.Measurements;

/// <summary>N synthetic people with an open space and a glucose write consent for the benchmark's app: grain calls, 256 at a time.</summary>
public static class PatientSetup
{
    private const int Parallelism = 256;

    public static async Task<IReadOnlyList<string>> PrepareAsync(IGrainFactory grains, int patients)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var people = Enumerable.Range(0, patients).Select(n => SyntheticPeople.Of(n).Ins).ToArray();
        IReadOnlyList<string> scopes = [Scopes.WriteMeasurements(MeasureType.Glucose)];
        await grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key).ReferenceAsync(CgmBundles.AppId, "Benchmark CGM", "Benchmark", scopes);
        long done = 0;
        await using (new PhaseProgress("setup", patients, () => Interlocked.Read(ref done), TimeSpan.FromSeconds(5)))
        {
            await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (ins, _) =>
            {
                var key = PatientKey.From(Ins.Parse(ins));
                await grains.GetGrain<IPatientGrain>(key).ActivateAsync(new MonEspaceSante.Interfaces.Access.Accessor(MonEspaceSante.Interfaces.Access.AccessorRole.Patient, Ins.Parse(ins).Value, "bench"));
                await grains.GetGrain<IPatientConsentsGrain>(key).GrantAsync(new MonEspaceSante.Interfaces.Access.Accessor(MonEspaceSante.Interfaces.Access.AccessorRole.Patient, Ins.Parse(ins).Value, "bench"), CgmBundles.AppId, scopes);
                Interlocked.Increment(ref done);
            });
        }

        return people;
    }
}
