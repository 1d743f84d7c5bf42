using System.Net;
using Groundwork.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace Groundwork.Web;

public sealed record SmtpSettings(string Host, int Port, string? User, string? Password, string From, bool StartTls);
