using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Api;

/// <summary>One embedded (in-memory) application shared by the API tests of a class.</summary>
public sealed class EmbeddedApiFixture : ApiFactory;
