using Groundwork.Accounts;
using Groundwork.Audit;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Decisions;
using Groundwork.Deliberation;
using Groundwork.Jobs;
using Groundwork.Members;
using Groundwork.Notifications;
using Groundwork.Organizations;
using Groundwork.Organizing;
using Groundwork.Pledges;
using Groundwork.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace Groundwork;

/// Composition only: what the app is made of and in which order requests pass through it.
public static class AppHost
{
    const long MaxRequestBody = 1_000_000;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Run from the build output (`dotnet run`, Production by default), the compressed variants of the
        // static files live under obj/ and are found only through the static web assets manifest; without it
        // a browser asking for gzip gets a 200 with an empty stylesheet. Published output has no such manifest
        // (the files sit in wwwroot), so this changes nothing there.
        builder.WebHost.UseStaticWebAssets();
        configure?.Invoke(builder);
        var config = builder.Configuration;
        var instance = InstanceOptions.From(config);
        var services = builder.Services;

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxRequestBody; // JSON bodies and forms are small; imports get their own limit
        });
        if (string.IsNullOrEmpty(config["urls"]) && string.IsNullOrEmpty(config["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(config["Kestrel:Endpoints:Http:Url"]))
            builder.WebHost.UseUrls("http://localhost:5000");

        services.AddSingleton(instance);
        // Behind HTTPS (a public URL that starts with https), cookies are __Host- prefixed and Secure. Plain
        // http://localhost for a first run cannot carry Secure cookies through antiforgery, so there they are not.
        var secure = instance.PublicUrl?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true;
        var prefix = secure ? "__Host-" : "";
        var cookiePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        if (string.Equals(config["Groundwork:BehindProxy"], "true", StringComparison.OrdinalIgnoreCase))
            services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
            });
        services.AddSingleton(TimeProvider.System);
        var ring = FieldCrypto.KeyRing.Load(config["Groundwork:FieldKeys"] ?? Environment.GetEnvironmentVariable("GROUNDWORK_FIELD_KEYS"), instance.KeyFile);
        services.AddSingleton(new FieldCrypto(ring));
        services.AddSingleton(new SealedKeys(instance.SealedKeyDirectory));
        services.AddGroundworkDatabase(instance);

        var dp = services.AddDataProtection().SetApplicationName("Groundwork");
        if (instance.Provider == DatabaseProvider.Postgres) dp.PersistKeysToDbContext<AppDbContext>();
        else dp.PersistKeysToFileSystem(new DirectoryInfo(instance.DataProtectionDirectory));

        // Identity, hardened: see docs/security.md for what differs from the defaults and why.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenDefaults.Scheme, null);
        services.AddSingleton<TokenUses>();
        services.AddIdentityCore<Person>(o =>
            {
                o.SignIn.RequireConfirmedAccount = true;
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = PasswordPolicy.MinLength;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Tokens.AuthenticatorTokenProvider = TokenOptions.DefaultAuthenticatorProvider;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ReplayProtectedTotp>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<PasswordPolicy>()
            .AddClaimsPrincipalFactory<ClaimsFactory>();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = Math.Max(
            int.TryParse(config["Groundwork:PasswordIterations"], out var it) && builder.Environment.IsEnvironment("Testing") ? it : 600_000,
            builder.Environment.IsEnvironment("Testing") ? 1 : 600_000));
        // Validate the session against the database on every request: a changed password, "sign out
        // everywhere" or a disabled account takes effect at once, not after the default 30 minutes.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            o.OnRefreshingPrincipal = _ => Task.CompletedTask;
        });
        services.AddScoped<ISecurityStampValidator, DisabledAwareStampValidator>();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = prefix + "gw";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = cookiePolicy;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, 401);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, 403);
        });
        services.ConfigureExternalCookie(o => { o.Cookie.Name = prefix + "gw-ext"; o.Cookie.SecurePolicy = cookiePolicy; });
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = prefix + "gw-2fa"; o.Cookie.SecurePolicy = cookiePolicy;
        });
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o =>
        {
            o.Cookie.Name = prefix + "gw-2fa-rm"; o.Cookie.SecurePolicy = cookiePolicy;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = prefix + "gw-af";
            o.Cookie.SecurePolicy = cookiePolicy;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddAuthorization(Policies.Add);
        services.AddHttpContextAccessor();
        services.AddScoped<OrgAccess>();
        services.AddScoped<IAuthorizationHandler, OrgRoleHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

        var smtp = new SmtpSettings(config["Groundwork:Smtp:Host"] ?? "", int.TryParse(config["Groundwork:Smtp:Port"], out var port) ? port : 587,
            config["Groundwork:Smtp:User"], config["Groundwork:Smtp:Password"], config["Groundwork:Smtp:From"] ?? "Groundwork <noreply@localhost>",
            !string.Equals(config["Groundwork:Smtp:StartTls"], "false", StringComparison.OrdinalIgnoreCase));
        services.AddSingleton(smtp);
        if (string.IsNullOrEmpty(smtp.Host)) services.AddSingleton<IMailer, FolderMailer>();
        else services.AddSingleton<IMailer, SmtpMailer>();
        services.AddSingleton<IEmailSender<Person>, IdentityMail>();

        var limits = config.GetSection("Groundwork:RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings();
        services.AddGroundworkRateLimits(limits);

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>, AppStrings>();
        // Malformed bodies become exceptions here so that the problem says what was wrong, not just "Bad Request".
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            if (ctx.Exception is BadHttpRequestException bad)
            {
                ctx.ProblemDetails.Title = bad.StatusCode == 413 ? "The request body is too large." : "The request could not be read.";
                ctx.ProblemDetails.Detail = bad.InnerException is System.Text.Json.JsonException json ? json.Message : bad.Message;
            }
            // The API speaks the reader's language as the pages do: a problem's title and its fields' messages (the
            // validation attributes' messages, the same a form shows) through the app's one localizer.
            var L = ctx.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
            if (ctx.ProblemDetails.Title is { Length: > 0 } title) ctx.ProblemDetails.Title = L[title];
            if (ctx.ProblemDetails is HttpValidationProblemDetails v)
            {
                v.Title = L["Some fields need correcting."];
                foreach (var field in v.Errors.Keys.ToList()) v.Errors[field] = [.. v.Errors[field].Select(m => L[m].Value)];
            }
        });
        services.AddValidation();
        services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiSecurity>());
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            UtcTime.AddTo(o.SerializerOptions);
            o.SerializerOptions.MaxDepth = 16;
        });

        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<Registration>();
        services.AddScoped<Groundwork.Accounts.SignIn>();
        services.AddJobs();
        services.AddNotifications(config);
        services.AddOrganizing(config);
        services.AddStructure(config);
        services.AddDecisions(config);
        services.AddDeliberation(config);
        services.AddPledges(config);

        return builder.Build().Configure();
    }

    static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    static WebApplication Configure(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && app.Services.GetRequiredService<InstanceOptions>().PublicUrl is not { Length: > 0 })
            app.Logger.LogWarning("Groundwork:PublicUrl is not set: links in invitations and emails take the host a request names, and " +
                "notifications sent in the background carry relative links. Set it to the address people use.");
        if (app.Services.GetService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>()?.Value.ForwardedHeaders is { } fh && fh != Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.None)
            app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                // A form or passkey handshake without a valid antiforgery token is a bad request, not a server error.
                Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeaders>();
        app.UseRequestLocalization(o =>
        {
            string[] cultures = ["en", "es"];
            o.SetDefaultCulture("en").AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
                new CookieRequestCultureProvider { CookieName = "gw-lang" }, new AcceptLanguageHeaderRequestCultureProvider()];
        });
        // Routing after the security headers, so that a short-circuited endpoint still gets them.
        app.UseRouting();
        // The same limit as Kestrel's, whatever server runs the app (a test server or a host without Kestrel's limits);
        // after routing, so that an endpoint with its own limit (the contact import, [RequestSizeLimit]) gets it.
        app.Use((ctx, next) => ctx.Request.ContentLength > (ctx.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxRequestBody)
            ? Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large.").ExecuteAsync(ctx)
            : next(ctx));
        app.UseMiddleware<TextInputGuard>();
        // Public files: the sign-in page needs its stylesheet. Short-circuited, they skip authentication: no
        // session check in the database and no renewed session cookie (which would also have turned their
        // immutable Cache-Control into no-store) for a file that is the same for everyone.
        app.MapStaticAssets().AllowAnonymous().ShortCircuit();
        app.UseAuthentication();
        app.UseMiddleware<TokenScopeMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/healthz", () => TypedResults.Text("ok")).WithName("Health").AllowAnonymous().ExcludeFromDescription();
        app.MapMeApi();
        app.MapOrganizationsApi();
        app.MapMembersApi();
        app.MapFederationApi();
        app.MapAuditApi();
        app.MapNotifications();
        app.MapOrganizing();
        app.MapStructure();
        app.MapDecisions();
        app.MapDeliberation();
        app.MapPledges();
        app.MapRazorComponents<App>().Add(AccountEndpoints.AllowAnonymousAccountPages);
        app.MapAccountEndpoints();
        app.MapLanguageEndpoint();
        return app;
    }

    /// Migrate at start: the embedded SQLite default must work on a fresh machine with nothing set up.
    public static Task PrepareAsync(WebApplication app) => Database.MigrateAsync(app.Services);
}
