using System.Net;
using Groundwork.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace Groundwork.Web;

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
