namespace KerasSharp.Plotting;

/// <summary>Placeholder until the plotting helpers land.</summary>
public static class Placeholder { }
