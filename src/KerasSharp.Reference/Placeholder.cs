namespace KerasSharp.Reference;

/// <summary>Placeholder until the reference optimizers land.</summary>
public static class Placeholder { }
