using System.Globalization;
using System.Threading.RateLimiting;
using Groundwork.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace Groundwork.Web;

public sealed class RateLimitSettings
{
    public int SignInPerMinute { get; set; } = 10;
    public int WritesPerMinute { get; set; } = 120;
}
