namespace KerasSharp.Examples;

/// <summary>The command line the chapter programs share: <c>[--figures DIR]</c>.</summary>
public static class ExampleArgs
{
    /// <summary>
    /// Reads <c>--figures DIR</c> (default ./figures), creates the folder and prints it; false after <c>--help</c>
    /// (exit code 0) or a bad argument (exit code 2, usage on stderr).
    /// </summary>
    public static bool TryFiguresDir(string[] args, string program, out string figuresDir, out int exitCode)
    {
        string figures = "figures";
        figuresDir = "";
        exitCode = 0;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--figures" when i + 1 < args.Length:
                    figures = args[++i];
                    break;
                case "-h" or "--help":
                    Console.WriteLine($"usage: {program} [--figures DIR]   (default DIR: ./figures)");
                    return false;
                default:
                    Console.Error.WriteLine($"unknown or incomplete argument '{args[i]}'; usage: {program} [--figures DIR]");
                    exitCode = 2;
                    return false;
            }
        }
        figuresDir = Directory.CreateDirectory(Path.GetFullPath(figures)).FullName;
        Console.WriteLine($"Figures: {figuresDir}");
        return true;
    }
}
