using BenchmarkDotNet.Running;
using Verification.Benchmarks.Conformance;

// `conformance-speed` is a quick Stopwatch harness; everything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "conformance-speed") return ConformanceSpeed.Run(args[1..]);
if (args.Length > 0 && args[0] == "merge-speed") return MergeSpeed.Run(args[1..]);
// `trace-validate` validates a real run's per-node logs (by default the committed 30 s Raft run) and checks TraceRaft.tla on its merge.
if (args.Length > 0 && args[0] == "trace-validate") return TraceValidateSpeed.Run(args[1..]);
// `checker-compare OLD.dll NEW.dll` runs two builds of the checker side by side on the MC models.
if (args.Length > 0 && args[0] == "checker-compare") return Verification.Benchmarks.Checker.CheckerCompare.Run(args[1..]);
// `checker-alloc SPEC [CFG]` runs one model in this process: bytes allocated, CPU, allocating types.
if (args.Length > 0 && args[0] == "checker-alloc") return Verification.Benchmarks.Checker.CheckerAllocations.Run(args[1..]);
// `checker-scaling SPEC [CFG]` runs one model warm in this process with 1 and 2 workers, alternating: the speed-up.
if (args.Length > 0 && args[0] == "checker-scaling") return Verification.Benchmarks.Checker.WorkerScaling.Run(args[1..]);
// `liveness-ratio` measures each liveness model against its safety-only run.
if (args.Length > 0 && args[0] == "liveness-ratio") return Verification.Benchmarks.Liveness.LivenessRatio.Run(args[1..]);
// `engines` runs our explorer and Microsoft Coyote side by side on every seeded bug (one markdown table).
if (args.Length > 0 && args[0] == "engines") return Verification.Benchmarks.Engines.EngineComparison.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

public partial class Program;
