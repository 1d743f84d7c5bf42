using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Groundwork.Web;

/// What text the app accepts from people: anything printable in any script, tabs and line breaks, but no control
/// characters, no Unicode noncharacters and no lone surrogates. A NUL would be refused by PostgreSQL halfway through a
/// save (a 500 on one provider and stored on the other); the others have no business in a name or a note and are how
/// text is made to look like something it is not.
public static class TextInput
{
    public static bool IsAcceptable(ReadOnlySpan<char> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c < ' ') { if (c is not ('\t' or '\n' or '\r')) return false; }
            else if (c is >= '\u007F' and <= '\u009F' or '\uFFFE' or '\uFFFF') return false;
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }
}
