// Checks a notebook that dotnet-repl executed (--output-path ... --output-format ipynb), for .ci/run:
//   dotnet run notebooks/check.cs -- <executed.ipynb> <expectations file> [<the example's printed output>]
// Fails (exit 1, saying why) when a cell errored or an expectation is not met. Expectation lines:
//   text: <s>           some output (printed text, text/plain or text/html) contains <s>
//   png: <n>            at least <n> outputs are PNG images (base64 that starts with the PNG signature)
//   example-lines: <n>  every printed line of the notebook that starts with two spaces (the results the example
//                       program prints too) is a line of the example's output, and there are at least <n> of them
// Blank lines and lines starting with # are ignored.
using System.Text.Json;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: check.cs <executed.ipynb> <expectations> [<example output>]");
    return 2;
}
var notebook = JsonDocument.Parse(File.ReadAllText(args[0])).RootElement;
var failures = new List<string>();
var texts = new List<string>();
var printed = new List<string>();
int pngs = 0, cellIndex = 0;

static string Joined(JsonElement e) => e.ValueKind == JsonValueKind.Array
    ? string.Concat(e.EnumerateArray().Select(s => s.GetString())) : e.GetString() ?? "";

foreach (var cell in notebook.GetProperty("cells").EnumerateArray())
{
    cellIndex++;
    if (cell.GetProperty("cell_type").GetString() != "code") continue;
    foreach (var output in cell.GetProperty("outputs").EnumerateArray())
    {
        switch (output.GetProperty("output_type").GetString())
        {
            case "error":
                failures.Add($"cell {cellIndex} failed: {output.GetProperty("evalue").GetString()}");
                break;
            case "stream":
                var text = Joined(output.GetProperty("text"));
                texts.Add(text);
                if (output.GetProperty("name").GetString() == "stdout") printed.AddRange(text.Split('\n'));
                break;
            default:
                if (!output.TryGetProperty("data", out var data)) break;
                foreach (var item in data.EnumerateObject())
                {
                    var value = Joined(item.Value);
                    if (item.Name == "image/png")
                    {
                        if (value.StartsWith("iVBORw0KGgo", StringComparison.Ordinal)) pngs++;
                        else failures.Add($"cell {cellIndex} shows an empty or invalid image/png");
                    }
                    else texts.Add(value);
                }
                break;
        }
    }
}

var example = args.Length > 2 ? File.ReadAllLines(args[2]).ToHashSet() : null;
foreach (var raw in File.ReadAllLines(args[1]))
{
    var line = raw.Trim();
    if (line.Length == 0 || line.StartsWith('#')) continue;
    var colon = line.IndexOf(':');
    var (kind, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].Trim());
    switch (kind)
    {
        case "text":
            if (!texts.Any(t => t.Contains(value, StringComparison.Ordinal))) failures.Add($"no output contains \"{value}\"");
            break;
        case "png":
            if (pngs < int.Parse(value)) failures.Add($"{pngs} PNG images, expected at least {value}");
            break;
        case "example-lines":
            if (example is null) { failures.Add("example-lines needs the example's output as the third argument"); break; }
            var results = printed.Where(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
            if (results.Count < int.Parse(value)) failures.Add($"{results.Count} result lines printed, expected at least {value}");
            foreach (var l in results.Where(l => !example.Contains(l)))
                failures.Add($"the example does not print this line of the notebook: \"{l}\"");
            break;
        default:
            failures.Add($"unknown expectation \"{raw}\"");
            break;
    }
}

foreach (var f in failures) Console.Error.WriteLine($"{args[0]}: {f}");
Console.WriteLine($"{Path.GetFileName(args[0])}: {(failures.Count == 0 ? "ok" : $"{failures.Count} failure(s)")} ({pngs} images, {printed.Count(l => l.StartsWith("  "))} result lines)");
return failures.Count == 0 ? 0 : 1;
