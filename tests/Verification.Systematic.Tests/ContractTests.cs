using Verification.Systematic.Engine;

namespace Verification.Systematic.Tests;

public class ContractTests
{
    [Fact]
    public void Reliable_fault_model_injects_no_fault()
    {
        var faults = FaultModel.Reliable;
        Assert.Equal(0, faults.MaxCrashes + faults.MaxDrops + faults.MaxDuplicates + faults.MaxPartitions);
        Assert.True(faults.Reordering);
    }
}
