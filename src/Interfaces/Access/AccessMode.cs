namespace MonEspaceSante.Interfaces.Access;

/// <summary>How a professional reaches a space: normally, or invoking one of the two urgent modes the patient may each refuse.</summary>
public enum AccessMode
{
    /// <summary>Ordinary access: blocking and the profession matrix apply.</summary>
    Standard = 0,

    /// <summary>Emergency access by a regulation centre (SAMU): all document classes, flagged in the history.</summary>
    Emergency = 1,

    /// <summary>Break-glass: a professional facing a life-threatening situation; all document classes, flagged in the history.</summary>
    BreakGlass = 2,
}
