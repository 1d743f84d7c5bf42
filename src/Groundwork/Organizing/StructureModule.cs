using Groundwork.Accounts;
using Groundwork.Jobs;
using Groundwork.Organizing.Import;
using Groundwork.Organizing.Structure;

namespace Groundwork.Organizing;

/// Structure tests, cards and petitions, contact import and export (issue #4): the services and endpoints this part adds.
public static class StructureModule
{
    public static IServiceCollection AddStructure(this IServiceCollection services, IConfiguration config)
    {
        services.AddJob<ImportRunner>();
        return services;
    }

    public static WebApplication MapStructure(this WebApplication app)
    {
        app.MapStructureApi();
        app.MapSigningApi();
        app.MapImportApi();
        ContactExport.Map(app);
        Reauth.Map(app);
        return app;
    }
}
