using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using PureHDF;
using PureHDF.VOL.Native;

namespace KerasSharp.Saving;

/// <summary>
/// Reads a weights file that may come from anyone (PureHDF underneath), touching only the objects the model asks for:
/// <list type="bullet">
/// <item>Paths are walked one link at a time, and only <b>hard links</b> are followed. Keras (h5py) writes nothing else;
/// a soft link may form a cycle (which would recurse without end inside PureHDF), and an external link would open
/// another file of the machine (a FIFO blocks forever, /etc/passwd leaks into the weights).</item>
/// <item>Datasets with <b>external raw storage</b> (their bytes in another file) or a <b>virtual</b> layout (a view of
/// other files' datasets) are refused before anything is read.</item>
/// <item>Nothing is read until the caller has compared the declared shape and type with its target variable, so a
/// small file declaring a (20000, 20000) kernel costs nothing.</item>
/// <item>The file lives in memory behind a stream that checks the remaining stack on every read
/// (<see cref="RuntimeHelpers.EnsureSufficientExecutionStack"/>) and bounds the bytes read, so a crafted structure
/// ends with an exception instead of a stack overflow or an endless loop.</item>
/// </list>
/// PureHDF 2.2.0 exposes a group's links only by resolving them, so their kinds are read through its internal object
/// model (the same lookup order its own <c>Get</c> uses); that reflection is checked when the type is first used.
/// </summary>
internal sealed class H5Reader : IDisposable
{
    readonly NativeFile _file;
    readonly string _source;

    H5Reader(NativeFile file, string source)
    {
        _file = file;
        _source = source;
    }

    /// <summary>Opens an HDF5 image held in memory.</summary>
    internal static H5Reader Open(byte[] bytes, string source)
    {
        try
        {
            return new H5Reader(H5File.Open(new GuardedStream(bytes), leaveOpen: false), source);
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            throw new InvalidDataException($"'{source}' is not a readable HDF5 weights file: {e.Message}", e);
        }
    }

    public void Dispose() => _file.Dispose();

    /// <summary>
    /// The datasets of group <paramref name="path"/> ("vars", "layers/dense/vars", "optimizer/vars") by name, their
    /// shapes and types known and their values not read yet; null when the group does not exist.
    /// </summary>
    internal Dictionary<string, StoredArray>? Entries(string path)
    {
        return Guard(path, () =>
        {
            var group = Group(path);
            if (group is null) return null;
            var result = new Dictionary<string, StoredArray>(StringComparer.Ordinal);
            foreach (var (name, kind) in _groups[path].links)
            {
                var itemPath = $"{path}/{name}";
                if (kind != Links.Hard) throw Refused(itemPath, kind);
                if (group.Get(name) is not NativeDataset ds)
                    throw new InvalidDataException($"'{itemPath}' in '{_source}' is not a dataset; a Keras weights file holds only datasets in its vars groups.");
                result[name] = Describe(ds, itemPath);
            }
            return result;
        });
    }

    // Groups already walked, with their links by name: a model of many layers lists "layers" once, not once per layer.
    readonly Dictionary<string, (NativeGroup group, Dictionary<string, string> links)> _groups = new(StringComparer.Ordinal);

    (NativeGroup group, Dictionary<string, string> links) Walked(string path, NativeGroup group)
    {
        if (!_groups.TryGetValue(path, out var known))
        {
            var links = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, kind) in Links.Of(group)) links.TryAdd(name, kind);
            _groups[path] = known = (group, links);
        }
        return known;
    }

    /// <summary>The group at <paramref name="path"/> through hard links only, or null where a segment is missing.</summary>
    NativeGroup? Group(string path)
    {
        var (group, links) = Walked("", _file);
        var walked = "";
        foreach (var segment in path.Split('/'))
        {
            walked = walked.Length == 0 ? segment : $"{walked}/{segment}";
            if (_groups.TryGetValue(walked, out var cached))
            {
                (group, links) = cached;
                continue;
            }
            if (!links.TryGetValue(segment, out var kind)) return null;
            if (kind != Links.Hard) throw Refused(walked, kind);
            if (Child(group, links, segment) is not NativeGroup next)
                throw new InvalidDataException($"'{walked}' in '{_source}' is not a group.");
            (group, links) = Walked(walked, next);
        }
        return group;
    }

    // Children of large groups by name, resolved in one pass (see Child).
    readonly Dictionary<NativeGroup, Dictionary<string, IH5Object>?> _children = new(ReferenceEqualityComparer.Instance);

    /// <summary>Links looked up one by one before a group's children are indexed (PureHDF's lookup by name is linear).</summary>
    const int IndexAfterLookups = 8;

    readonly Dictionary<NativeGroup, int> _lookups = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The links PureHDF may have scanned for lookups by name: the group's link count for each lookup sent to it (for the
    /// test that loading stays linear in the number of layers).
    /// </summary>
    internal long name_scan_cost { get; private set; }

    /// <summary>
    /// The object that hard link <paramref name="name"/> of <paramref name="group"/> leads to. PureHDF's
    /// <c>Get(name)</c> scans the group's links, so a model of n layers would cost n²/2 comparisons: after a few
    /// lookups in one group whose links are all hard (so resolving them follows no soft or external link), its children
    /// are resolved once, in one pass, and indexed by name (the first of equal names, as PureHDF's lookup finds).
    /// A group whose children cannot all be resolved keeps the one-by-one lookups (a broken object the model does not
    /// need stays unread, as before).
    /// </summary>
    IH5Object Child(NativeGroup group, Dictionary<string, string> links, string name)
    {
        if (_children.TryGetValue(group, out var index) && index is not null && index.TryGetValue(name, out var found)) return found;
        if (index is null && !_children.ContainsKey(group))
        {
            int seen = _lookups.GetValueOrDefault(group) + 1;
            _lookups[group] = seen;
            if (seen > IndexAfterLookups && links.Count > IndexAfterLookups && links.Values.All(k => k == Links.Hard))
            {
                _children[group] = index = IndexChildren(group);
                if (index is not null && index.TryGetValue(name, out found)) return found;
            }
        }
        name_scan_cost += links.Count;
        return group.Get(name);
    }

    static Dictionary<string, IH5Object>? IndexChildren(NativeGroup group)
    {
        try
        {
            var index = new Dictionary<string, IH5Object>(StringComparer.Ordinal);
            foreach (var child in group.Children()) index.TryAdd(child.Name, child);
            return index;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    InvalidDataException Refused(string path, string kind) => new(
        $"'{path}' in '{_source}' is {(kind == Links.External ? "an external link (to another file)" : $"a {kind} link")}; KerasSharp follows only hard links, "
        + "the only kind Keras writes (soft links can form cycles, external links read other files of this machine).");

    /// <summary>Shape and type of a dataset, after refusing storage outside this file; the values are read on demand.</summary>
    StoredArray Describe(NativeDataset ds, string path)
    {
        if (ds.Layout.Class == H5DataLayoutClass.VirtualStorage)
            throw new InvalidDataException($"Dataset '{path}' in '{_source}' is a virtual dataset (a view of other files); KerasSharp reads only data stored in the weights file itself.");
        if (Links.HasExternalStorage(ds))
            throw new InvalidDataException($"Dataset '{path}' in '{_source}' keeps its bytes in external files; KerasSharp reads only data stored in the weights file itself.");
        var shape = ds.Space.Type == H5DataspaceType.Scalar ? Array.Empty<long>() : ds.Space.Dimensions.Select(d => d > long.MaxValue ? -1 : (long)d).ToArray();
        if (ds.Space.Type == H5DataspaceType.Null || shape.Any(d => d < 0))
            throw new InvalidDataException($"Dataset '{path}' in '{_source}' has no valid shape.");
        if (ds.AttributeExists("dtype"))
            throw new NotSupportedException($"Dataset '{path}' in '{_source}' is stored as {ds.Attribute("dtype").Read<string>()}; KerasSharp reads float32, float64 and integer weights only.");
        var type = ds.Type;
        Func<Array> read;
        string dtype;
        bool integer = false;
        switch (type.Class)
        {
            case H5DataTypeClass.FloatingPoint when type.Size == 4:
                (dtype, read) = ("float32", () => ds.Read<float[]>());
                break;
            case H5DataTypeClass.FloatingPoint when type.Size == 8:
                (dtype, read) = ("float64", () => ds.Read<double[]>().Select(v => (float)v).ToArray());
                break;
            case H5DataTypeClass.FixedPoint when type.Size == 4 && type.FixedPoint.IsSigned:
                (dtype, read, integer) = ("int32", () => ds.Read<int[]>().Select(v => (long)v).ToArray(), true);
                break;
            case H5DataTypeClass.FixedPoint when type.Size == 8 && type.FixedPoint.IsSigned:
                (dtype, read, integer) = ("int64", () => ds.Read<long[]>(), true);
                break;
            default:
                throw new NotSupportedException(
                    $"Dataset '{path}' in '{_source}' has HDF5 type {type.Class} of {type.Size} bytes; KerasSharp reads float32, float64, int32 and int64 weights only.");
        }
        return StoredArray.Lazy(shape, dtype, integer, () => Guard(path, read));
    }

    /// <summary>Runs a PureHDF call, turning its failures (and the stream's guards) into <see cref="InvalidDataException"/>.</summary>
    T Guard<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is not InvalidDataException and not NotSupportedException and not OutOfMemoryException)
        {
            throw new InvalidDataException($"'{path}' in '{_source}' cannot be read: {e.Message}", e);
        }
    }

    /// <summary>
    /// The file's bytes, with a stack check on every access (a structure recursing inside PureHDF ends with a catchable
    /// <see cref="InsufficientExecutionStackException"/>) and a budget of bytes read (an endless walk ends too).
    /// </summary>
    sealed class GuardedStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        readonly long _budget = 64L * bytes.Length + (256L << 20);
        long _read;

        void Check(long count)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            _read += count;
            if (_read > _budget)
                throw new InvalidDataException($"Reading this HDF5 file took more than {_budget} bytes of reads from a {Length}-byte file; its structure loops.");
        }

        public override int Read(byte[] buffer, int offset, int count) { Check(count); return base.Read(buffer, offset, count); }

        public override int Read(Span<byte> buffer) { Check(buffer.Length); return base.Read(buffer); }

        public override int ReadByte() { Check(1); return base.ReadByte(); }

        public override long Seek(long offset, SeekOrigin loc) { Check(0); return base.Seek(offset, loc); }
    }

    /// <summary>The links of a group with their kinds, without resolving any (PureHDF internals, see the class summary).</summary>
    static class Links
    {
        internal const string Hard = "hard", Soft = "soft", External = "external";

        const BindingFlags Members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        static readonly PropertyInfo Header = Require(typeof(NativeObject).GetProperty("Header", Members), "NativeObject.Header");
        static readonly FieldInfo ScratchPad = Require(typeof(NativeGroup).GetField("_scratchPad", Members), "NativeGroup._scratchPad");
        static readonly MethodInfo SymbolTableNodes = Require(typeof(NativeGroup).GetMethod("EnumerateSymbolTableNodes", Members), "NativeGroup.EnumerateSymbolTableNodes");
        static readonly MethodInfo DecodeGroupKey = Require(typeof(NativeGroup).GetMethod("DecodeGroupKey", Members), "NativeGroup.DecodeGroupKey");
        static readonly MethodInfo DenseLinks = Require(typeof(NativeGroup).GetMethod("EnumerateLinkMessagesFromLinkInfoMessage", Members), "NativeGroup.EnumerateLinkMessagesFromLinkInfoMessage");
        static readonly PropertyInfo ExternalFileList = Require(typeof(NativeDataset).GetProperty("InternalExternalFileList", Members), "NativeDataset.InternalExternalFileList");

        static T Require<T>(T? member, string name) where T : MemberInfo =>
            member ?? throw new NotSupportedException($"This PureHDF version lacks {name}, which KerasSharp needs to check links before following them; use PureHDF 2.2.0.");

        static object? Get(object o, string property) =>
            (o.GetType().GetProperty(property, Members) ?? throw new NotSupportedException($"PureHDF's {o.GetType().Name} lacks {property}.")).GetValue(o);

        internal static bool HasExternalStorage(NativeDataset ds) => ExternalFileList.GetValue(ds) is not null;

        /// <summary>Names and kinds (hard, soft, external) in the order PureHDF's own lookup consults them.</summary>
        internal static List<(string name, string kind)> Of(NativeGroup group)
        {
            var messages = ((IEnumerable)Get(Header.GetValue(group)!, "HeaderMessages")!).Cast<object>().Select(m => Get(m, "Data")!).ToList();
            var result = new List<(string, string)>();
            // Old-style groups (h5py's default): a symbol table, whose entries are hard links or soft links.
            var table = ScratchPad.GetValue(group) ?? messages.FirstOrDefault(d => d.GetType().Name == "SymbolTableMessage");
            if (table is not null)
            {
                var heap = Get(table, "LocalHeap")!;
                var getName = heap.GetType().GetMethod("GetObjectName", Members)!;
                var getBTree = table.GetType().GetMethod("GetBTree1", Members)!;
                var decode = Delegate.CreateDelegate(getBTree.GetParameters()[0].ParameterType, group, DecodeGroupKey);
                var btree = getBTree.Invoke(table, new object[] { decode });
                foreach (var node in (IEnumerable)SymbolTableNodes.Invoke(group, new[] { btree })!)
                    foreach (var entry in (IEnumerable)Get(node, "GroupEntries")!)
                    {
                        var name = (string)getName.Invoke(heap, new[] { Get(entry, "LinkNameOffset") })!;
                        result.Add((name, Get(entry, "ScratchPad")?.GetType().Name == "SymbolicLinkScratchPad" ? Soft : Hard));
                    }
                return result;
            }
            // New-style groups: link messages in the header (compact) or in a fractal heap (dense).
            var info = messages.FirstOrDefault(d => d.GetType().Name == "LinkInfoMessage")
                ?? throw new InvalidDataException("A group has no link information.");
            var links = (ulong)Get(info, "BTree2NameIndexAddress")! != ulong.MaxValue
                ? (IEnumerable)DenseLinks.Invoke(group, new[] { info })!
                : messages.Where(d => d.GetType().Name == "LinkMessage");
            foreach (var link in links)
            {
                var kind = Get(link, "LinkInfo")!.GetType().Name switch
                {
                    "HardLinkInfo" => Hard,
                    "SoftLinkInfo" => Soft,
                    "ExternalLinkInfo" => External,
                    var other => other,
                };
                result.Add(((string)Get(link, "LinkName")!, kind));
            }
            return result;
        }
    }
}
