namespace Groundwork.Organizing;

/// Structure tests, cards and petitions, contact import and export (issue #4): the services and endpoints this part adds.
public static class StructureModule
{
    public static IServiceCollection AddStructure(this IServiceCollection services, IConfiguration config) => services;

    public static WebApplication MapStructure(this WebApplication app) => app;
}
