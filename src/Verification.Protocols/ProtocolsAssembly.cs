using System.Reflection;

namespace Verification.Protocols;

/// <summary>Anchor for discovering the SystemDefinitions this assembly declares.</summary>
public static class ProtocolsAssembly
{
    public static Assembly Assembly => typeof(ProtocolsAssembly).Assembly;
}
