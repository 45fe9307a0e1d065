using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace KerasSharp.Callbacks;

/// <summary>
/// Streams epoch results to a CSV file (Keras: <c>keras.callbacks.CSVLogger</c>): a header "epoch" then the sorted log
/// keys (with "val_" twins added when the first epoch has none), one row per epoch with the 0-based epoch, values as
/// Python's <c>repr</c> ("nan" for NaN), "NA" for a key missing that epoch, rows ended by "\r\n" as Python's csv module
/// writes them. <paramref name="append"/> continues an existing file (writing the header only into an empty one).
/// </summary>
public sealed class CSVLogger(string filename, string separator = ",", bool append = false) : Callback, IDisposable
{
    /// <summary>The file written.</summary>
    public string filename { get; } = filename ?? throw new ArgumentNullException(nameof(filename));
    /// <summary>The field separator.</summary>
    public string separator { get; } = string.IsNullOrEmpty(separator) || separator.Length != 1
        ? throw new ArgumentException($"`separator` must be a 1-character string. Received: separator=\"{separator}\"", nameof(separator))
        : separator;
    /// <summary>Whether an existing file is continued.</summary>
    public bool append { get; } = append;

    StreamWriter? _file;
    List<string>? _keys;
    bool _appendHeader = true, _headerWritten;
    // One row is built in one reused buffer and handed to the writer whole: an epoch end runs with the training
    // step's data in the caches, where every extra pass over the fields shows (CSVLogger is about 1 % of a small fit).
    readonly StringBuilder _row = new(128);

    /// <summary>Closes the file if a fit was interrupted before <c>on_train_end</c>.</summary>
    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }

    /// <inheritdoc />
    public override void on_train_begin(Dictionary<string, double>? logs = null)
    {
        _appendHeader = true;
        if (append && File.Exists(filename))
        {
            using var reader = new StreamReader(filename);
            _appendHeader = string.IsNullOrEmpty(reader.ReadLine());
        }
        _file?.Dispose();
        _file = new StreamWriter(filename, append, new UTF8Encoding(false));
        _keys = null;
        _headerWritten = false;
    }

    /// <inheritdoc />
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
    {
        if (_file is null) return;
        logs ??= new Dictionary<string, double>();
        if (_keys is null)
        {
            _keys = logs.Keys.Order(StringComparer.Ordinal).ToList();
            if (_keys.Count > 0 && !_keys.Any(k => k.StartsWith("val_", StringComparison.Ordinal)))
                _keys.AddRange(_keys.Select(k => "val_" + k).ToList());
        }
        if (!_headerWritten)
        {
            if (_appendHeader)
            {
                Append("epoch", first: true);
                foreach (var k in _keys) Append(k);
                EndRow();
            }
            _headerWritten = true;
        }
        Append(epoch.ToString(CultureInfo.InvariantCulture), first: true);
        foreach (var k in _keys) Append(logs.TryGetValue(k, out var v) ? PythonFormat.Repr(v) : "NA");
        EndRow();
        _file.Flush();
    }

    /// <summary>Adds a field with csv.excel's minimal quoting: a field holding the separator, a quote or a line break is quoted.</summary>
    void Append(string field, bool first = false)
    {
        if (first) _row.Clear(); // also drops what a failed write left
        else _row.Append(separator[0]);
        if (field.AsSpan().IndexOfAny(separator[0], '"', '\n') < 0 && !field.Contains('\r')) _row.Append(field);
        else _row.Append('"').Append(field.Replace("\"", "\"\"")).Append('"');
    }

    void EndRow()
    {
        _row.Append("\r\n");
        _file!.Write(_row);
    }

    /// <inheritdoc />
    public override void on_train_end(Dictionary<string, double>? logs = null)
    {
        _file?.Dispose();
        _file = null;
    }
}
