using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;

namespace Groundwork.Auth;

public sealed class ClaimsFactory(UserManager<Person> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Person>(users, options)
{
    public const string InstanceAdminClaim = "gw:instance-admin";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Person user)
    {
        var id = await base.GenerateClaimsAsync(user);
        // The user name claim is the email; keep personal data out of the principal (it ends up in logs).
        foreach (var c in id.FindAll(ClaimTypes.Name).ToList()) id.RemoveClaim(c);
        id.AddClaim(new Claim(ClaimTypes.Name, user.Id));
        if (user.IsInstanceAdmin) id.AddClaim(new Claim(InstanceAdminClaim, "true"));
        return id;
    }

    /// The claims <see cref="GenerateClaimsAsync"/> gives a person, built from the person alone: what the base factory
    /// adds (id, email, security stamp) less the Identity user-claims table, which the app never writes (no
    /// AddClaimAsync anywhere), and with the name replaced as above. The bearer-token path uses this to spare a query per
    /// request; a test checks that both give the same claims.
    public static IEnumerable<Claim> PersonClaims(Person user, ClaimsIdentityOptions types)
    {
        yield return new Claim(types.UserIdClaimType, user.Id);
        if (!string.IsNullOrEmpty(user.Email)) yield return new Claim(types.EmailClaimType, user.Email);
        if (user.SecurityStamp is { } stamp) yield return new Claim(types.SecurityStampClaimType, stamp);
        yield return new Claim(ClaimTypes.Name, user.Id);
        if (user.IsInstanceAdmin) yield return new Claim(InstanceAdminClaim, "true");
    }
}
