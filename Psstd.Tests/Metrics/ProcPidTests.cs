using Psstd.Agent.Metrics.Linux;

namespace Psstd.Tests.Metrics;

public sealed class ProcPidTests
{
    [Theory]
    [InlineData("1")]
    [InlineData("42")]
    [InlineData("4194304")]
    public void IsPidName_DecimalProcessId_IsTrue(string name)
    {
        Assert.True(ProcPid.IsPidName(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("self")]
    [InlineData("thread-self")]
    [InlineData("sys")]
    [InlineData("0")]
    [InlineData("042")]
    [InlineData("12a")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("١٢")]
    [InlineData("12345678901")]
    public void IsPidName_AnythingElse_IsFalse(string name)
    {
        Assert.False(ProcPid.IsPidName(name));
    }
}
