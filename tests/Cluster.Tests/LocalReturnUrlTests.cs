using VisionZero.Silo.Web;

namespace VisionZero.Cluster.Tests;

/// <summary>The sign-in's return URL rule against the classic open-redirect bypasses.</summary>
[Trait("Category", "Fast")]
public class LocalReturnUrlTests
{
    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/")]
    [InlineData("/dashboard/")]
    [InlineData("/hangfire/jobs/enqueued?from=20&count=10")]
    [InlineData("/api/models/1")]
    public void Plain_local_paths_are_followed(string url) => Assert.True(LocalReturnUrl.IsLocal(url), url);

    [Theory]
    [InlineData("")]
    [InlineData("hangfire")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("/\v/evil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("/hangfire\n")]
    [InlineData("/ /evil.example")]
    [InlineData("/\u00a0/evil.example")]
    [InlineData("/\u3000/evil.example")]
    [InlineData("/%2F/evil.example")]
    [InlineData("/%2f%2fevil.example")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%5cevil.example")]
    [InlineData("/%252F/evil.example")]
    [InlineData("/%25252F/evil.example")]
    [InlineData("/..//evil.example")]
    [InlineData("/.//evil.example")]
    [InlineData("/%2e%2e//evil.example")]
    [InlineData("/a/../../evil")]
    [InlineData("http://evil.example/")]
    [InlineData("https:evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/javascript:alert(1)\u0000")]
    [InlineData("/%00")]
    [InlineData("/%0d%0aSet-Cookie:%20x=1")]
    [InlineData("/%ZZ")]
    [InlineData("/%")]
    [InlineData("/\"onmouseover=alert(1)")]
    [InlineData("/<script>")]
    public void Anything_else_is_refused(string url) => Assert.False(LocalReturnUrl.IsLocal(url), url);
}
