using Verification.Tla.Conformance;

namespace Verification.Tla.Tests.Conformance;

/// <summary>
/// A small spec for validation tests: nodes vote for the candidates of messages in msgs, and take
/// back a vote; Next calls Retract only for nodes that voted. Loaded once from a temporary folder.
/// </summary>
internal static class VotesSpec
{
    private static readonly Lazy<ConformanceSpec> Loaded = new(Load);

    public static ConformanceSpec Spec => Loaded.Value;

    private static ConformanceSpec Load()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"votes-spec-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        var spec = Path.Combine(folder, "Votes.tla");
        File.WriteAllLines(spec,
        [
            "---- MODULE Votes ----",
            "CONSTANTS Node, Nil",
            "VARIABLES votedFor, msgs",
            "Init == /\\ votedFor = [n \\in Node |-> Nil]",
            "        /\\ msgs = {[cId |-> n] : n \\in Node}",
            "Vote(i, m) == /\\ votedFor[i] \\in {m.cId, Nil}",
            "              /\\ votedFor' = [votedFor EXCEPT ![i] = m.cId]",
            "              /\\ UNCHANGED msgs",
            "Retract(i) == /\\ votedFor' = [votedFor EXCEPT ![i] = Nil]",
            "              /\\ UNCHANGED msgs",
            "Next == \\/ \\E i \\in Node, m \\in msgs : Vote(i, m)",
            "        \\/ \\E i \\in {n \\in Node : votedFor[n] # Nil} : Retract(i)",
            "Spec == Init /\\ [][Next]_<<votedFor, msgs>>",
            "====",
        ]);
        var cfg = Path.Combine(folder, "Votes.cfg");
        File.WriteAllLines(cfg, ["CONSTANTS", "    Node = {a, b, c}", "    Nil = Nil", "SPECIFICATION Spec"]);
        return ConformanceSpec.Load(spec, cfg);
    }
}
