using System.Security.Claims;
using Groundwork.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Groundwork.Auth;

/// Identity's stamp check, plus: a disabled account is signed out on its very next request.
public sealed class DisabledAwareStampValidator(IOptions<SecurityStampValidatorOptions> options, SignInManager<Person> signIn, ILoggerFactory logger)
    : SecurityStampValidator<Person>(options, signIn, logger)
{
    protected override async Task<Person?> VerifySecurityStamp(ClaimsPrincipal? principal)
    {
        var person = await base.VerifySecurityStamp(principal);
        return person is { IsDisabled: false } ? person : null;
    }
}
