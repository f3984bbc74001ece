using System.Globalization;
using System.Text.RegularExpressions;

namespace MonEspaceSante.Interfaces.Inbox;

/// <summary>Ids of the inbox: a conversation is 32 hexadecimal characters, a message <c>{conversation}-{seq}</c>.</summary>
public static partial class InboxIds
{
    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex ConversationPattern();

    /// <summary>The id of message <paramref name="seq"/> of <paramref name="conversationId"/>.</summary>
    public static string Message(string conversationId, int seq) => string.Create(CultureInfo.InvariantCulture, $"{conversationId}-{seq}");

    /// <summary>Whether <paramref name="id"/> has the shape of a conversation id.</summary>
    public static bool IsConversation(string? id) => id is not null && ConversationPattern().IsMatch(id);

    /// <summary>Splits a message id; false when it is not one.</summary>
    public static bool TryParseMessage(string? id, out string conversationId, out int seq)
    {
        conversationId = "";
        seq = 0;
        var dash = id?.LastIndexOf('-') ?? -1;
        if (dash < 0 || !IsConversation(id![..dash])
            || !int.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out seq) || seq < 1)
        {
            return false;
        }

        conversationId = id[..dash];
        return true;
    }
}
