namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>
/// The tests that kill silo processes under load: they measure timing (failure detection, restore, a fan-out caught
/// mid-way), so they run one after another rather than starving each other of these machines' two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SiloProcessCollection
{
    public const string Name = "Silo processes";
}
