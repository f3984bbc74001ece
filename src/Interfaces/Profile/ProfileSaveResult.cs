namespace MonEspaceSante.Interfaces.Profile;

/// <summary>An item written: new (<see cref="Created"/>), or the author's item with the same identifier, as the resend left it.</summary>
[GenerateSerializer, Immutable, Alias("mes.ProfileSaveResult")]
public sealed record ProfileSaveResult([property: Id(0)] ProfileEntry Entry, [property: Id(1)] bool Created);
