using Verification.Tla.Values;

namespace Verification.Tla.Checking.Spilling;

/// <summary>Writes and reads back the states a spilled queue keeps on disk.</summary>
public interface IStateCodec<TState>
{
    void Write(BinaryWriter writer, TState state);

    TState Read(BinaryReader reader);
}

/// <summary>
/// A state (one value per variable) in a spill file. Scalars, finite sets and finite functions
/// (records, tuples and sequences among them) are written out and rebuilt in canonical form, so the
/// value read back is equal to the one written, with the same fingerprint. Model values, and any
/// value of another representation (a lazy set such as 1..n or Nat, a lazily computed function), are
/// kept in a table in memory and written as their number there: the spill file is only read back by
/// the run that wrote it, and such values are few and shared between states.
/// </summary>
public sealed class ValueStateCodec : IStateCodec<Value[]>
{
    private const byte False = 0, True = 1, Int = 2, String = 3, Set = 4, Function = 5, Kept = 6;

    private readonly object _lock = new();
    private readonly List<Value> _kept = [];
    private readonly Dictionary<Value, int> _keptIndex = new(ReferenceEqualityComparer.Instance);

    public void Write(BinaryWriter writer, Value[] state)
    {
        writer.Write(state.Length);
        foreach (var value in state) WriteValue(writer, value);
    }

    public Value[] Read(BinaryReader reader)
    {
        var state = new Value[reader.ReadInt32()];
        for (var i = 0; i < state.Length; i++) state[i] = ReadValue(reader);
        return state;
    }

    private void WriteValue(BinaryWriter writer, Value value)
    {
        switch (value)
        {
            case BoolValue b:
                writer.Write(b.Value ? True : False);
                break;
            case IntValue i:
                writer.Write(Int);
                writer.Write(i.Value);
                break;
            case StringValue s:
                writer.Write(String);
                writer.Write(s.Value);
                break;
            case FiniteSetValue set:
                writer.Write(Set);
                writer.Write(set.Length);
                foreach (var element in set.Elements) WriteValue(writer, element);
                break;
            case FunctionValue function:
                writer.Write(Function);
                writer.Write(function.Count);
                foreach (var argument in function.DomainElements) WriteValue(writer, argument);
                foreach (var result in function.Values) WriteValue(writer, result);
                break;
            default:
                writer.Write(Kept);
                writer.Write(Keep(value));
                break;
        }
    }

    private int Keep(Value value)
    {
        lock (_lock)
        {
            if (_keptIndex.TryGetValue(value, out var index)) return index;
            index = _kept.Count;
            _kept.Add(value);
            _keptIndex.Add(value, index);
            return index;
        }
    }

    private Value ReadValue(BinaryReader reader)
    {
        switch (reader.ReadByte())
        {
            case False: return BoolValue.False;
            case True: return BoolValue.True;
            case Int: return IntValue.Of(reader.ReadInt32());
            case String: return StringValue.Of(reader.ReadString());
            case Set:
            {
                var elements = new Value[reader.ReadInt32()];
                for (var i = 0; i < elements.Length; i++) elements[i] = ReadValue(reader);
                return elements.Length == 0 ? FiniteSetValue.Empty : FiniteSetValue.FromCanonical(elements);
            }
            case Function:
            {
                var count = reader.ReadInt32();
                var domain = new Value[count];
                var values = new Value[count];
                for (var i = 0; i < count; i++) domain[i] = ReadValue(reader);
                for (var i = 0; i < count; i++) values[i] = ReadValue(reader);
                return FunctionValue.FromCanonical(domain, values);
            }
            case Kept:
            {
                var index = reader.ReadInt32();
                lock (_lock) return _kept[index];
            }
            default:
                throw new InvalidDataException("a spilled state is corrupt");
        }
    }
}
