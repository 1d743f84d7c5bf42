using System.Text.RegularExpressions;

namespace Groundwork.BrowserTests;

/// The app's development mail: one .eml file per message in the data directory's mail folder.
public static partial class Mailbox
{
    /// The first link to `pathPrefix` in the newest message to `email`, waiting (until Wait.ForStep) for it to be written.
    public static Task<string> LinkAsync(AppProcess app, string email, string pathPrefix) =>
        Wait.UntilAsync($"a message to {email} with a link to {pathPrefix} in {app.MailDirectory}", Wait.ForStep, _ =>
        {
            if (!Directory.Exists(app.MailDirectory)) return Task.FromResult<string?>(null);
            var messages = new DirectoryInfo(app.MailDirectory).GetFiles("*.eml")
                .OrderByDescending(f => f.Name, StringComparer.Ordinal) // names start with a UTC timestamp
                .Select(f => Unfold(File.ReadAllText(f.FullName)));
            foreach (var text in messages)
            {
                if (!text.Contains("To: " + email, StringComparison.OrdinalIgnoreCase)) continue;
                var link = Link().Matches(text).Select(m => m.Value)
                    .FirstOrDefault(l => new Uri(l).AbsolutePath.StartsWith(pathPrefix, StringComparison.OrdinalIgnoreCase));
                if (link is not null) return Task.FromResult<string?>(link);
            }
            return Task.FromResult<string?>(null);
        }, () => app.Log);

    /// Undoes quoted-printable soft line breaks and escapes, in case the mail writer chose that encoding.
    static string Unfold(string eml) =>
        !eml.Contains("quoted-printable", StringComparison.OrdinalIgnoreCase) ? eml
        : QuotedByte().Replace(eml.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal),
            m => ((char)Convert.ToByte(m.Groups[1].Value, 16)).ToString());

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex Link();

    [GeneratedRegex("=([0-9A-F]{2})")]
    private static partial Regex QuotedByte();
}
