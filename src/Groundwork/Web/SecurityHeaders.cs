namespace Groundwork.Web;

/// Headers on every response. The CSP allows nothing inline and nothing from another origin.
public sealed class SecurityHeaders(RequestDelegate next)
{
    // base-uri 'self', not 'none': every page has <base href="/">, and a browser that refuses it resolves the
    // relative links and the stylesheet against /Account/… instead (unstyled pages, broken links).
    const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
                       "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext ctx)
    {
        ctx.Response.OnStarting(() =>
        {
            var h = ctx.Response.Headers;
            h.ContentSecurityPolicy = Csp;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Cross-Origin-Resource-Policy"] = "same-origin";
            if (ctx.Request.IsHttps)
                h.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            // Signed-in pages and every API answer are personal: never cached by a browser or a proxy.
            var isStatic = ctx.Request.Path.StartsWithSegments("/css") || ctx.Request.Path.StartsWithSegments("/js")
                           || ctx.Request.Path.StartsWithSegments("/_content") || ctx.Request.Path.Value?.EndsWith(".ico", StringComparison.Ordinal) == true;
            if (!isStatic && (ctx.User.Identity?.IsAuthenticated == true || ctx.Request.Path.StartsWithSegments("/api")))
                h.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(ctx);
    }
}
