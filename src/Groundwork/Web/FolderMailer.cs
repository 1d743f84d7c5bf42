using System.Net;
using Groundwork.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace Groundwork.Web;

public sealed class FolderMailer(InstanceOptions instance, SmtpSettings settings) : IMailer
{
    public async Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default)
    {
        Directory.CreateDirectory(instance.MailDirectory);
        var message = SmtpMailer.Build(settings.From, to, subject, textBody);
        var file = Path.Combine(instance.MailDirectory, $"{TimeProvider.System.GetUtcNow().UtcDateTime:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml");
        await using var stream = File.Create(file);
        await message.WriteToAsync(stream, ct);
    }
}
