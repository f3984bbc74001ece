using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MonEspaceSante.Grains.Access;
using MonEspaceSante.Grains.Catalogue;
using MonEspaceSante.Grains.Documents;
using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Grains.Erasure;
using MonEspaceSante.Grains.Inbox;
using MonEspaceSante.Grains.Measurements;
using MonEspaceSante.Grains.Patients.Access;

namespace MonEspaceSante.Grains.Patients;

/// <summary>What every person's space works with, one of each per silo: the facets' stores, the catalogue, the access policy's settings, the domain clock.</summary>
internal sealed class SpaceServices(
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    IOptions<ProfessionMatrixOptions> matrix,
    EnrollmentEffects effects,
    ErasureStore erasure,
    AccessHistory history,
    DocumentContentStore documents,
    InboxMessageStore inbox,
    MeasurementStore measurements,
    IAppDirectory catalogue)
{
    public TimeProvider Clock => clock;

    public ProfessionMatrixOptions Matrix => matrix.Value;

    public EnrollmentEffects Effects => effects;

    public ErasureStore Erasure => erasure;

    public AccessHistory History => history;

    public DocumentContentStore Documents => documents;

    public InboxMessageStore Inbox => inbox;

    public MeasurementStore Measurements => measurements;

    public IAppDirectory Catalogue => catalogue;
}
