namespace MonEspaceSante.Interfaces.Agenda;

/// <summary>The kinds of personalised prevention reminders.</summary>
public enum PreventionCategory
{
    /// <summary>The French vaccination calendar.</summary>
    Vaccination = 0,

    /// <summary>Organised cancer screenings (breast, colorectal, cervical).</summary>
    CancerScreening = 1,

    /// <summary>The 20 compulsory examinations of a child, from birth to 16.</summary>
    ChildExamination = 2,
}
