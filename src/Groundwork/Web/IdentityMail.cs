using System.Net;
using Groundwork.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace Groundwork.Web;

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
