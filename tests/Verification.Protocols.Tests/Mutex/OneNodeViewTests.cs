using Verification.Protocols.Mutex.LamportMutex;
using Verification.Protocols.Mutex.RicartAgrawala;
using Verification.Systematic.Runtime;
using Verification.Tla.Values;

namespace Verification.Protocols.Tests.Mutex;

/// <summary>
/// A real run's host maps one node at a time (`verify run`): the view shows that node only, and the
/// mappings give the others' initial entries instead of failing.
/// </summary>
public class OneNodeViewTests
{
    private sealed class OnlyNode(int self, INode node) : IWorldView
    {
        public int NodeCount => 3;
        public long Step => 0;
        public bool IsUp(int n) => true;
        public bool HasCrashed(int n) => false;
        public INode? Node(int n) => n == self ? node : null;
        public object? Durable(int n) => null;
        public IReadOnlyList<Envelope> InFlight => [];
    }

    [Fact]
    public void Both_mappings_give_the_nodes_they_do_not_see_in_their_initial_state()
    {
        foreach (var state in new[]
                 {
                     RicartAgrawalaRefinement.AbstractState(new OnlyNode(1, new RicartAgrawalaNode())),
                     LamportMutexRefinement.AbstractState(new OnlyNode(1, new LamportMutexNode())),
                 })
        {
            var states = (FunctionValue)state["state"];
            Assert.Equal(3, states.Count);
            Assert.All(states.Values.ToArray(), static s => Assert.Equal(StringValue.Of("idle"), s));
            Assert.All(((FunctionValue)state["clock"]).Values.ToArray(), static c => Assert.Equal(IntValue.Of(0), c));
        }
    }
}
