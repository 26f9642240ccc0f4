using Verification.Systematic.Runtime;

namespace Verification.Host.Node;

/// <summary>
/// The world as one node sees it, for the system's refinement mapping: this node's object and
/// durable state, every other node unknown (no object, no durable state), and the network holding
/// only the messages given (those the step sent, or the one it handled). The mapping then gives,
/// for each function-of-nodes variable, this node's entry as in the explorer, and the spec value
/// of those messages.
/// </summary>
internal sealed class LocalView(int self, int nodeCount, INode node, object? durable, IReadOnlyList<Envelope> messages, long step) : IWorldView
{
    public int NodeCount => nodeCount;

    public long Step => step;

    public bool IsUp(int n) => true;

    public bool HasCrashed(int n) => false;

    public INode? Node(int n) => n == self ? node : null;

    public object? Durable(int n) => n == self ? durable : null;

    public IReadOnlyList<Envelope> InFlight => messages;

    public IReadOnlyList<Envelope> Sent => messages;
}
