using System.Globalization;
using System.Threading.RateLimiting;
using Groundwork.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace Groundwork.Web;

/// Sign-in, registration and reset are limited per client address; every other write per person (or address
/// when anonymous). Over the limit: 429 with Retry-After. The partitions live in memory on each node.
public static class RateLimits
{
    static readonly string[] SensitivePaths =
        ["/account/login", "/account/register", "/account/forgotpassword", "/account/resetpassword",
         "/account/loginwith2fa", "/account/loginwithrecoverycode", "/account/resendemailconfirmation", "/setup"];

    public static IServiceCollection AddGroundworkRateLimits(this IServiceCollection services, RateLimitSettings s)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                var retry = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(60);
                ctx.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: 429, title: "Too many requests. Wait a moment and try again.").ExecuteAsync(ctx.HttpContext);
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
            {
                var method = ctx.Request.Method;
                if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
                    return RateLimitPartition.GetNoLimiter("read");
                var path = ctx.Request.Path.Value?.ToLowerInvariant() ?? "";
                // The address is used only as an in-memory partition key, never stored.
                var ip = ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                if (SensitivePaths.Any(p => path.StartsWith(p, StringComparison.Ordinal)))
                    return Window("signin:" + ip, s.SignInPerMinute);
                var who = ctx.User.PersonId() ?? ctx.Items[TokenScopeMiddleware.BearerPerson] as string ?? ("ip:" + ip);
                return Window("write:" + who, s.WritesPerMinute);
            });
        });
        return services;
    }

    static RateLimitPartition<string> Window(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        });
}
