namespace MonEspaceSante.Api.Agenda;

/// <summary>Turns prevention reminders on or off: <c>{"enabled": false}</c>.</summary>
public sealed record PreventionRequest(bool? Enabled);
