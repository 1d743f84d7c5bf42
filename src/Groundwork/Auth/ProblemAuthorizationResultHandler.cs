using System.Security.Claims;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Auth;

/// Turns failures into problem details; a non-member gets 404 whatever the organization, so ids reveal nothing.
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && context.Request.Path.StartsWithSegments("/api"))
        {
            var hide = result.AuthorizationFailure?.FailureReasons.Any(r => r.Message == "hide") == true;
            var status = hide ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
            await Results.Problem(statusCode: status, title: hide ? "Not found." : "You may not do this.").ExecuteAsync(context);
            return;
        }
        if (result.Challenged && context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in or send a personal access token.").ExecuteAsync(context);
            return;
        }
        if (result.Challenged)
        {
            // Pages: the browser's sign-in redirect, not the bearer scheme's bare 401.
            await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.ChallengeAsync(context, Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
            return;
        }
        if (result.Forbidden && result.AuthorizationFailure?.FailureReasons.Any(r => r.Message == "hide") == true)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await fallback.HandleAsync(next, context, policy, result);
    }
}
