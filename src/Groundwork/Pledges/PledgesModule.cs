using System.Threading.RateLimiting;
using Groundwork.Jobs;
using Microsoft.AspNetCore.RateLimiting;

namespace Groundwork.Pledges;

/// threshold pledges (issue #6): the services and endpoints this capability adds to the app.
public static class PledgesModule
{
    public const string PublicSignLimit = "pledge-public-sign";

    public static IServiceCollection AddPledges(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<PledgeActivation>();
        services.AddSingleton<PledgeSignQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<PledgeSignQueue>());
        services.AddJob<PledgeSweeper>();
        // Confirmation emails to any address a stranger types: a tight limit per client address (kept in memory only).
        var perHour = int.TryParse(config["Groundwork:Pledges:PublicSignPerHour"], out var n) && n > 0 ? n : 20;
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(PublicSignLimit, ctx =>
            RateLimitPartition.GetFixedWindowLimiter("pledge-public:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 })));
        return services;
    }

    public static WebApplication MapPledges(this WebApplication app)
    {
        app.MapPledgesApi();
        return app;
    }
}
