namespace KerasSharp.Examples;

/// <summary>The command line the chapter programs share: <c>[--figures DIR]</c>, and <c>[--epochs N]</c> for those that train longer.</summary>
public static class ExampleArgs
{
    /// <summary>
    /// Reads <c>--figures DIR</c> (default ./figures), creates the folder and prints it; false after <c>--help</c>
    /// (exit code 0) or a bad argument (exit code 2, usage on stderr).
    /// </summary>
    public static bool TryFiguresDir(string[] args, string program, out string figuresDir, out int exitCode) =>
        TryParse(args, program, null, out figuresDir, out _, out exitCode);

    /// <summary>
    /// <see cref="TryFiguresDir"/> that also reads <c>--epochs N</c> (a positive integer, default
    /// <paramref name="defaultEpochs"/>).
    /// </summary>
    public static bool TryFiguresDirAndEpochs(string[] args, string program, int defaultEpochs, out string figuresDir, out int epochs, out int exitCode) =>
        TryParse(args, program, defaultEpochs, out figuresDir, out epochs, out exitCode);

    static bool TryParse(string[] args, string program, int? defaultEpochs, out string figuresDir, out int epochs, out int exitCode)
    {
        string figures = "figures";
        string usage = defaultEpochs is null
            ? $"{program} [--figures DIR]   (default DIR: ./figures)"
            : $"{program} [--figures DIR] [--epochs N]   (defaults: ./figures, {defaultEpochs})";
        figuresDir = "";
        epochs = defaultEpochs ?? 0;
        exitCode = 0;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--figures" when i + 1 < args.Length:
                    figures = args[++i];
                    break;
                case "--epochs" when defaultEpochs is not null && i + 1 < args.Length && int.TryParse(args[i + 1], out var e) && e > 0:
                    epochs = e;
                    i++;
                    break;
                case "-h" or "--help":
                    Console.WriteLine($"usage: {usage}");
                    return false;
                default:
                    Console.Error.WriteLine($"unknown or incomplete argument '{args[i]}'; usage: {usage}");
                    exitCode = 2;
                    return false;
            }
        }
        figuresDir = Directory.CreateDirectory(Path.GetFullPath(figures)).FullName;
        Console.WriteLine($"Figures: {figuresDir}");
        return true;
    }
}
