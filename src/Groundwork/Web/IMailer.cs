using System.Net;
using Groundwork.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace Groundwork.Web;

/// The seam to the outside world for email: real SMTP through MailKit, or — when no SMTP host is configured —
/// .eml files in the data directory, so the app runs with nothing else installed.
public interface IMailer
{
    Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default);
}
