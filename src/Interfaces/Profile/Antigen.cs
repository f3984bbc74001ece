namespace MonEspaceSante.Interfaces.Profile;

/// <summary>What a vaccine protects against, as the French vaccination calendar counts doses.</summary>
public enum Antigen
{
    Diphtheria = 0,
    Tetanus = 1,
    Pertussis = 2,
    Polio = 3,
    HaemophilusB = 4,
    HepatitisB = 5,
    Pneumococcal = 6,
    MeningococcalB = 7,
    MeningococcalAcwy = 8,
    Measles = 9,
    Mumps = 10,
    Rubella = 11,
    Papillomavirus = 12,
    Influenza = 13,
}
