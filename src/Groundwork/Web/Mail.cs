using System.Net;
using Groundwork.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace Groundwork.Web;

public sealed record SmtpSettings(string Host, int Port, string? User, string? Password, string From, bool StartTls);

/// The seam to the outside world for email: real SMTP through MailKit, or — when no SMTP host is configured —
/// .eml files in the data directory, so the app runs with nothing else installed.
public interface IMailer
{
    Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default);
}

public sealed class SmtpMailer(SmtpSettings settings, ILogger<SmtpMailer> log) : IMailer
{
    public async Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default)
    {
        var message = Build(settings.From, to, subject, textBody);
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Host, settings.Port,
            settings.StartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(settings.User))
            await client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
        log.LogInformation("Mail sent ({Subject}).", subject); // never the address: it is personal data
    }

    internal static MimeMessage Build(string from, string to, string subject, string body)
    {
        var m = new MimeMessage();
        m.From.Add(MailboxAddress.Parse(from));
        m.To.Add(MailboxAddress.Parse(to));
        m.Subject = subject;
        m.Body = new TextPart("plain") { Text = body };
        return m;
    }
}

public sealed class FolderMailer(InstanceOptions instance, SmtpSettings settings) : IMailer
{
    public async Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default)
    {
        Directory.CreateDirectory(instance.MailDirectory);
        var message = SmtpMailer.Build(settings.From, to, subject, textBody);
        var file = Path.Combine(instance.MailDirectory, $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml");
        await using var stream = File.Create(file);
        await message.WriteToAsync(stream, ct);
    }
}

/// Identity's account emails, localized, sent through whichever mailer is configured.
public sealed class IdentityMail(IMailer mailer, IStringLocalizer<SharedResource> L) : IEmailSender<Person>
{
    public Task SendConfirmationLinkAsync(Person user, string email, string confirmationLink) =>
        mailer.SendAsync(email, L["Confirm your email"],
            L["Welcome to Groundwork. Confirm your email address by opening this link:"] + "\n\n" + WebUtility.HtmlDecode(confirmationLink));

    public Task SendPasswordResetLinkAsync(Person user, string email, string resetLink) =>
        mailer.SendAsync(email, L["Reset your password"],
            L["Someone asked to reset the password of your Groundwork account. If it was you, open this link:"] + "\n\n" + WebUtility.HtmlDecode(resetLink));

    public Task SendPasswordResetCodeAsync(Person user, string email, string resetCode) =>
        mailer.SendAsync(email, L["Reset your password"], L["Your password reset code:"] + " " + resetCode);
}
