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

/// A read-scoped token may not change anything, whatever route it calls.
public sealed class TokenScopeMiddleware(RequestDelegate next)
{
    /// The person of a valid bearer token on a write, for the rate limiter (which runs next, before authorization).
    public const string BearerPerson = "gw:bearer-person";

    public async Task InvokeAsync(HttpContext ctx)
    {
        if (!(HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method)))
        {
            // The default scheme is the cookie: a bearer token is only authenticated when a policy asks for it, after
            // this point. So look at the token itself (the handler caches its result for the rest of the request).
            var scope = ctx.User.FindFirst(BearerTokenDefaults.ScopeClaim)?.Value;
            if (scope is null && ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && (await ctx.AuthenticateAsync(BearerTokenDefaults.Scheme)).Principal is { } bearer)
            {
                scope = bearer.FindFirst(BearerTokenDefaults.ScopeClaim)?.Value;
                // The write limit is per person: a token's owner, not the address every client behind one NAT shares.
                if (bearer.PersonId() is { } person) ctx.Items[BearerPerson] = person;
            }
            if (scope == nameof(TokenScope.Read))
            {
                await Results.Problem(statusCode: 403, title: "This token can only read.").ExecuteAsync(ctx);
                return;
            }
        }
        await next(ctx);
    }
}
