using MonEspaceSante.Grains.Inbox;

namespace MonEspaceSante.Grains.Patients;

/// <summary>The inbox facet: to be built.</summary>
internal sealed partial class PatientGrain
{
    private IPersistentState<InboxState> Inbox => inbox;

    private InboxMessageStore Messages => inboxMessages;
}
