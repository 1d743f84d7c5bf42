namespace Groundwork.Tests.Infrastructure;

/// One app and database per test class; tests in the class create their own people and organizations.
public sealed class SharedFactory : IAsyncLifetime
{
    public GroundworkFactory Factory { get; } = new();
    public async Task InitializeAsync() => await Factory.StartAsync();
    public Task DisposeAsync() { Factory.Dispose(); return Task.CompletedTask; }
}
