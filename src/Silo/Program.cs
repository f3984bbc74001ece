using MonEspaceSante.Api;
using MonEspaceSante.Silo.Cluster;
using MonEspaceSante.Silo.Defaults;
using MonEspaceSante.Silo.Operations;

var builder = WebApplication.CreateBuilder(args);
builder.AddMesDefaults();
builder.AddMesOrleans();
builder.AddMesApi();
builder.Services.AddHostedService<StartupBanner>();

var app = builder.Build();
app.UseMesApi();
app.MapMesDefaultEndpoints();
app.MapMesApi();
app.MapMesOperations();
app.Run();
