using Groundwork.Data;
using Groundwork.Notifications;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Groundwork.Pledges;

/// What follows a change to a pledge's signatures: activation when the thresholds hold, then telling every bound
/// signer once (in the app and by email; public signers by email). The only code that opens the signer identities
/// of a pledge for anyone but the organizers' names list.
public sealed class PledgeActivation(IServiceScopeFactory scopes, SealedKeys keys, Notifier notifier, IMailer mailer,
    IStringLocalizer<SharedResource> L, TimeProvider clock, ILogger<PledgeActivation> log)
{
    /// After a signature (or a withdrawal): activate if it is time, keep "would act now" current, tell the signers.
    public async Task<bool> AfterChangeAsync(int pledgeId, CancellationToken ct)
    {
        if (!await ActivateAsync(pledgeId, ct)) return false;
        await TellAsync(pledgeId, ct);
        return true;
    }

    /// <see cref="AfterChangeAsync"/> without the telling: true when this call activated the pledge, and then the caller
    /// tells the signers (<see cref="TellAsync"/>; the sweeper tells whoever a crash left untold).
    public async Task<bool> ActivateAsync(int pledgeId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await PledgeLifecycle.TryActivateAsync(db, pledgeId, clock.GetUtcNow().UtcDateTime, ct)) return true;
        var conditional = await db.PledgeTallies.AsNoTracking().Where(t => t.PledgeId == pledgeId && t.Scope == TallyScope.Total)
            .Select(t => t.Conditional).FirstOrDefaultAsync(ct);
        if (conditional > 0) await PledgeLifecycle.RefreshWouldActAsync(db, pledgeId, ct);
        return false;
    }

    /// Tells the bound signers not yet told. In-app through the Notifier (one per person and pledge, by its unique
    /// key); each public signer's email is claimed by a conditional UPDATE before it is sent.
    public async Task<int> TellAsync(int pledgeId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var p = await db.Pledges.AsNoTracking().FirstOrDefaultAsync(x => x.Id == pledgeId && x.Status == PledgeStatus.Active, ct);
        if (p is null) return 0;
        var untold = await PledgeQueries.UntoldAsync(db, keys, pledgeId, ct);
        if (untold.Count == 0) return 0;
        var people = untold.Where(u => u.Identity.StartsWith("person:", StringComparison.Ordinal)).ToList();
        var told = await notifier.NotifyAsync(people.Select(u => u.Identity[7..]), "pledge-activated:" + pledgeId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            () => new NotificationText(L["A pledge you signed is now active"], Body(p), $"organizations/{p.OrganizationId}/pledges/{p.Id}"), ct);
        foreach (var chunk in people.Select(u => u.Id).Chunk(500))
            await db.PledgeSignatures.Where(s => chunk.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.Told, true), ct);
        foreach (var (id, identity) in untold.Where(u => u.Identity.StartsWith("email:", StringComparison.Ordinal)))
        {
            var claimed = await db.PledgeSignatures.Where(s => s.Id == id && !s.Told).ExecuteUpdateAsync(s => s.SetProperty(x => x.Told, true), ct);
            if (claimed == 0) continue;
            try
            {
                await mailer.SendAsync(identity[6..], L["A pledge you signed is now active"], Body(p), ct);
                told++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("A pledge activation email could not be sent ({Error}).", e.GetType().Name); // never the address
            }
        }
        return told;
    }

    string Body(Pledge p) => p.ActivationMessage.Length > 0 ? p.Statement + "\n\n" + p.ActivationMessage : p.Statement;

    /// Sends the confirmation link of a public signature.
    public Task SendConfirmationAsync(string email, string link, Pledge p, CancellationToken ct) =>
        mailer.SendAsync(email, L["Confirm your signature"],
            L["Someone, hopefully you, asked to sign this pledge with this address:"] + "\n\n" + p.Statement + "\n\n"
            + L["To confirm, open this link within a day:"] + "\n" + link + "\n\n" + L["If it was not you, ignore this email: nothing is signed."], ct);
}
