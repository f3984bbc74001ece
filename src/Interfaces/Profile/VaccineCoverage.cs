using static MonEspaceSante.Interfaces.Profile.Antigen;

namespace MonEspaceSante.Interfaces.Profile;

/// <summary>
/// What a recorded vaccine covers, from its ATC or CVX coding (sources: WHO ATC index, group J07; CDC CVX table).
/// A CIS code names a product and the product table is not shipped here: a vaccination coded in CIS alone is kept
/// in the record but satisfies no reminder until it also carries its ATC coding, as French software sends both.
/// </summary>
public static class VaccineCoverage
{
    private static readonly Antigen[] Dtp = [Diphtheria, Tetanus, Polio];
    private static readonly Antigen[] DtapIpv = [Diphtheria, Tetanus, Pertussis, Polio];
    private static readonly Antigen[] Mmr = [Measles, Mumps, Rubella];

    /// <summary>ATC codes by their longest known prefix: a 7-character combination first, then its group.</summary>
    private static readonly Dictionary<string, Antigen[]> Atc = new(StringComparer.Ordinal)
    {
        ["J07CA09"] = [Diphtheria, Tetanus, Pertussis, Polio, HaemophilusB, HepatitisB],
        ["J07CA06"] = [Diphtheria, Tetanus, Pertussis, Polio, HaemophilusB],
        ["J07CA02"] = DtapIpv,
        ["J07CA01"] = Dtp,
        ["J07AJ52"] = [Diphtheria, Tetanus, Pertussis],
        ["J07AM51"] = [Diphtheria, Tetanus],
        ["J07AH08"] = [MeningococcalAcwy],
        ["J07AH09"] = [MeningococcalB],
        ["J07BD52"] = Mmr,
        ["J07BD54"] = Mmr,
        ["J07AF"] = [Diphtheria],
        ["J07AM"] = [Tetanus],
        ["J07AJ"] = [Pertussis],
        ["J07BF"] = [Polio],
        ["J07AG"] = [HaemophilusB],
        ["J07BC"] = [HepatitisB],
        ["J07AL"] = [Pneumococcal],
        ["J07BD"] = [Measles],
        ["J07BE"] = [Mumps],
        ["J07BJ"] = [Rubella],
        ["J07BM"] = [Papillomavirus],
        ["J07BB"] = [Influenza],
    };

    private static readonly Dictionary<string, Antigen[]> Cvx = new(StringComparer.Ordinal)
    {
        ["146"] = [Diphtheria, Tetanus, Pertussis, Polio, HaemophilusB, HepatitisB],
        ["120"] = [Diphtheria, Tetanus, Pertussis, Polio, HaemophilusB],
        ["130"] = DtapIpv,
        ["20"] = [Diphtheria, Tetanus, Pertussis],
        ["115"] = [Diphtheria, Tetanus, Pertussis],
        ["113"] = [Diphtheria, Tetanus],
        ["138"] = [Diphtheria, Tetanus],
        ["10"] = [Polio],
        ["17"] = [HaemophilusB],
        ["08"] = [HepatitisB],
        ["133"] = [Pneumococcal],
        ["215"] = [Pneumococcal],
        ["216"] = [Pneumococcal],
        ["162"] = [MeningococcalB],
        ["163"] = [MeningococcalB],
        ["114"] = [MeningococcalAcwy],
        ["136"] = [MeningococcalAcwy],
        ["203"] = [MeningococcalAcwy],
        ["03"] = Mmr,
        ["94"] = Mmr,
        ["165"] = [Papillomavirus],
        ["88"] = [Influenza],
        ["141"] = [Influenza],
        ["150"] = [Influenza],
        ["158"] = [Influenza],
    };

    /// <summary>Every antigen the codings of one vaccination cover (empty when none is known).</summary>
    public static IReadOnlySet<Antigen> Of(IEnumerable<ProfileCode> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var covered = new HashSet<Antigen>();
        foreach (var code in codes)
        {
            if (code.System == ProfileCodeSystems.Atc && code.Code.Length >= 5)
            {
                covered.UnionWith(Atc.GetValueOrDefault(code.Code) ?? Atc.GetValueOrDefault(code.Code[..5]) ?? []);
            }
            else if (code.System == ProfileCodeSystems.Cvx)
            {
                // CVX writes its codes on two digits at least ("03"); some software drops the zero.
                covered.UnionWith(Cvx.GetValueOrDefault(code.Code.PadLeft(2, '0')) ?? []);
            }
        }

        return covered;
    }
}
