using Groundwork.Data;
using Microsoft.AspNetCore.Http;

namespace Groundwork.Tests.Web;

public sealed class LinkRootTests
{
    static HttpRequest Request(string scheme, string host)
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = scheme;
        http.Request.Host = new HostString(host);
        return http.Request;
    }

    static InstanceOptions With(string? publicUrl) => new(DatabaseProvider.Sqlite, "Data Source=x", "/tmp/x", publicUrl);

    [Theory]
    [InlineData("https://union.example.org", "https://union.example.org")]
    [InlineData("https://union.example.org/", "https://union.example.org")]
    [InlineData("https://example.org/local12/", "https://example.org/local12")]
    public void A_configured_public_url_roots_every_link_whatever_host_the_request_named(string configured, string expected) =>
        Assert.Equal(expected, With(configured).LinkRoot(Request("http", "evil.example:8080")));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_a_public_url_links_are_absolute_on_the_host_of_the_request(string? configured) =>
        Assert.Equal("http://localhost:5000", With(configured).LinkRoot(Request("http", "localhost:5000")));
}
