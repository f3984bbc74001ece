using MonEspaceSante.Api;
using MonEspaceSante.Silo.Hosting;
using MonEspaceSante.Silo.Logging;

var builder = WebApplication.CreateBuilder(args);
builder.AddMesLogging();
builder.AddMesTelemetry();
builder.AddMesOrleans();
builder.AddMesApi();
builder.Services.AddHostedService<StartupBanner>();

var app = builder.Build();
app.UseMesApi();
app.MapMesApi();
app.MapMesOperations();
app.Run();
