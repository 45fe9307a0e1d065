// Build-time fix for TorchSharp's native library on distributions whose libstdc++ is older than GCC 13's.
//
// TorchSharp 0.107.0's libLibTorchSharp.so lists GLIBCXX_3.4.32 among the versions it needs from libstdc++.so.6,
// for a single symbol (std::ios_base_library_init) that is never called. The dynamic loader refuses a library
// whose *non-weak* version needs are not met, so on Debian 12 / Ubuntu 22.04 (GCC 12's libstdc++) TorchSharp
// fails to load. Marking that one requirement weak (VER_FLG_WEAK in its Vernaux entry of .gnu.version_r) turns
// the hard failure into nothing at all: the loader accepts the library and the symbol is never bound.
//
// This is the one ELF-editing implementation of KerasSharp, compiled three ways: by MSBuild's RoslynCodeTaskFactory
// from KerasSharp.targets (so it keeps to the netstandard2.0 API and older C# syntax), by KerasSharp.Build.csproj
// (netstandard2.0 against MSBuild's reference assemblies, which proves the task compiles as consumers' builds will
// compile it), and into the KerasSharp library with KERASSHARP_LIBRARY defined (the runtime fallback of
// Backend/NativeFallback.cs; the types become internal and the MSBuild task class is left out).
#nullable disable
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

// The file also compiles as an inline MSBuild task against netstandard2.0, which has no ArgumentNullException.ThrowIfNull.
#pragma warning disable CA1510

namespace KerasSharp.Build
{
    /// <summary>What <see cref="ElfVersionNeeds.MarkWeak"/> did to an image.</summary>
#if KERASSHARP_LIBRARY
    internal
#else
    public
#endif
    enum ElfPatchResult
    {
        /// <summary>The requirement was found and its VER_FLG_WEAK bit set.</summary>
        Patched,
        /// <summary>The requirement was found and was already weak: nothing changed.</summary>
        AlreadyWeak,
        /// <summary>The image has no such requirement (or no version-needs section): nothing changed.</summary>
        NotReferenced,
    }

    /// <summary>
    /// Reads and edits the symbol-version sections of an ELF image held in memory. Every offset read from the
    /// image is checked against the image and section bounds before use; a malformed image raises
    /// <see cref="InvalidDataException"/> and is never written to.
    /// </summary>
#if KERASSHARP_LIBRARY
    internal
#else
    public
#endif
    static class ElfVersionNeeds
    {
        /// <summary>SHT_GNU_verneed: the .gnu.version_r section type.</summary>
        public const uint ShtGnuVerneed = 0x6ffffffe;
        /// <summary>SHT_GNU_verdef: the .gnu.version_d section type.</summary>
        public const uint ShtGnuVerdef = 0x6ffffffd;
        /// <summary>SHT_STRTAB.</summary>
        public const uint ShtStrtab = 3;
        /// <summary>VER_FLG_WEAK: a version requirement whose absence is not fatal.</summary>
        public const ushort VerFlgWeak = 0x2;

        // Bounds on linked-list walks, so that a corrupt image cannot make us loop for ever.
        const int MaxEntries = 1 << 16;

        /// <summary>
        /// Sets VER_FLG_WEAK on the requirement of <paramref name="version"/> from <paramref name="library"/>
        /// (for example "GLIBCXX_3.4.32" from "libstdc++.so.6"). The image is edited in place only when the result
        /// is <see cref="ElfPatchResult.Patched"/>.
        /// </summary>
        public static ElfPatchResult MarkWeak(byte[] image, string library, string version)
        {
            if (library == null) throw new ArgumentNullException(nameof(library));
            if (version == null) throw new ArgumentNullException(nameof(version));
            var elf = new ElfImage(image);
            var found = ElfPatchResult.NotReferenced;
            // The whole version-needs table is walked (and so validated) before the image is touched: a malformed
            // entry after the requirement must not leave a half-edited image behind.
            var toPatch = new List<KeyValuePair<long, ushort>>();
            foreach (var section in elf.SectionsOfType(ShtGnuVerneed))
            {
                var strtab = elf.LinkedStringTable(section);
                long pos = section.Offset;
                for (int i = 0; i < MaxEntries; i++)
                {
                    ElfImage.CheckRange(pos, 16, section, "Verneed entry");
                    ushort vnVersion = elf.U16(pos);
                    if (vnVersion != 1)
                        throw new InvalidDataException("Unsupported Verneed version " + vnVersion + " at offset " + pos + " (expected 1).");
                    ushort count = elf.U16(pos + 2);
                    string file = elf.String(strtab, elf.U32(pos + 4));
                    uint auxOffset = elf.U32(pos + 8);
                    uint next = elf.U32(pos + 12);
                    long aux = pos + auxOffset;
                    for (int j = 0; j < count; j++)
                    {
                        ElfImage.CheckRange(aux, 16, section, "Vernaux entry");
                        ushort flags = elf.U16(aux + 4);
                        string name = elf.String(strtab, elf.U32(aux + 8));
                        if (file == library && name == version)
                        {
                            if ((flags & VerFlgWeak) != 0)
                            {
                                if (found == ElfPatchResult.NotReferenced) found = ElfPatchResult.AlreadyWeak;
                            }
                            else
                            {
                                toPatch.Add(new KeyValuePair<long, ushort>(aux + 4, (ushort)(flags | VerFlgWeak)));
                                found = ElfPatchResult.Patched;
                            }
                        }
                        uint auxNext = elf.U32(aux + 12);
                        if (auxNext == 0) break;
                        aux += auxNext;
                    }
                    if (next == 0) break;
                    pos += next;
                }
            }
            foreach (var patch in toPatch)
                elf.WriteU16(patch.Key, patch.Value);
            return found;
        }

        /// <summary>
        /// Writes to <paramref name="destination"/> a copy of the ELF file <paramref name="source"/> with the requirement
        /// marked weak, when <see cref="MarkWeak"/> patched it; otherwise nothing is written. The copy is written beside
        /// the destination and moved over it, and an existing destination is unlinked first, never written through (it
        /// may be a hard link into the NuGet cache). <paramref name="source"/> may equal <paramref name="destination"/>.
        /// </summary>
        public static ElfPatchResult PatchFile(string source, string destination, string library, string version)
        {
            byte[] image = File.ReadAllBytes(source);
            var result = MarkWeak(image, library, version);
            if (result != ElfPatchResult.Patched) return result;
            var temp = destination + ".kerassharp-tmp";
            File.WriteAllBytes(temp, image);
            if (File.Exists(destination)) File.Delete(destination);
            File.Move(temp, destination);
            return result;
        }

        /// <summary>
        /// Lists the requirements of an image as (library, version, flags) triples, in file order.
        /// </summary>
        public static List<Tuple<string, string, ushort>> ListNeeds(byte[] image)
        {
            var elf = new ElfImage(image);
            var result = new List<Tuple<string, string, ushort>>();
            foreach (var section in elf.SectionsOfType(ShtGnuVerneed))
            {
                var strtab = elf.LinkedStringTable(section);
                long pos = section.Offset;
                for (int i = 0; i < MaxEntries; i++)
                {
                    ElfImage.CheckRange(pos, 16, section, "Verneed entry");
                    ushort count = elf.U16(pos + 2);
                    string file = elf.String(strtab, elf.U32(pos + 4));
                    long aux = pos + elf.U32(pos + 8);
                    uint next = elf.U32(pos + 12);
                    for (int j = 0; j < count; j++)
                    {
                        ElfImage.CheckRange(aux, 16, section, "Vernaux entry");
                        result.Add(Tuple.Create(file, elf.String(strtab, elf.U32(aux + 8)), elf.U16(aux + 4)));
                        uint auxNext = elf.U32(aux + 12);
                        if (auxNext == 0) break;
                        aux += auxNext;
                    }
                    if (next == 0) break;
                    pos += next;
                }
            }
            return result;
        }

        /// <summary>True when the image (a shared library such as libstdc++.so.6) defines the symbol version.</summary>
        public static bool DefinesVersion(byte[] image, string version)
        {
            var elf = new ElfImage(image);
            foreach (var section in elf.SectionsOfType(ShtGnuVerdef))
            {
                var strtab = elf.LinkedStringTable(section);
                long pos = section.Offset;
                for (int i = 0; i < MaxEntries; i++)
                {
                    ElfImage.CheckRange(pos, 20, section, "Verdef entry");
                    ushort count = elf.U16(pos + 6);
                    uint auxOffset = elf.U32(pos + 12);
                    uint next = elf.U32(pos + 16);
                    if (count > 0)
                    {
                        // The first Verdaux names the version itself; the others name its parents.
                        long aux = pos + auxOffset;
                        ElfImage.CheckRange(aux, 8, section, "Verdaux entry");
                        if (elf.String(strtab, elf.U32(aux)) == version) return true;
                    }
                    if (next == 0) break;
                    pos += next;
                }
            }
            return false;
        }
    }

    /// <summary>A section header: what the version code needs of it.</summary>
    internal struct ElfSection
    {
        public int Index;
        public uint Type;
        public long Offset;
        public long Size;
        public uint Link;
    }

    /// <summary>A validated view of an ELF image's header and section table.</summary>
    internal sealed class ElfImage
    {
        readonly byte[] _image;
        readonly bool _is64;
        readonly bool _bigEndian;
        readonly ElfSection[] _sections;

        public ElfImage(byte[] image)
        {
            if (image == null) throw new ArgumentNullException(nameof(image));
            _image = image;
            if (image.Length < 52 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
                throw new InvalidDataException("Not an ELF image: the file does not start with the ELF magic 7F 45 4C 46.");
            byte cls = image[4], data = image[5], identVersion = image[6];
            if (cls != 1 && cls != 2)
                throw new InvalidDataException("Unsupported ELF class " + cls + " (expected 1 for 32-bit or 2 for 64-bit).");
            if (data != 1 && data != 2)
                throw new InvalidDataException("Unsupported ELF data encoding " + data + " (expected 1 little-endian or 2 big-endian).");
            if (identVersion != 1)
                throw new InvalidDataException("Unsupported ELF identification version " + identVersion + " (expected 1).");
            _is64 = cls == 2;
            _bigEndian = data == 2;
            int headerSize = _is64 ? 64 : 52;
            if (image.Length < headerSize)
                throw new InvalidDataException("Truncated ELF header: " + image.Length + " bytes, expected at least " + headerSize + ".");
            ushort type = U16(16);
            if (type != 2 && type != 3)
                throw new InvalidDataException("Unsupported ELF type " + type + " (expected 2 executable or 3 shared object).");
            if (U32(20) != 1)
                throw new InvalidDataException("Unsupported ELF version " + U32(20) + " (expected 1).");
            long shoff = _is64 ? (long)U64(40) : U32(32);
            int ehsize = U16(_is64 ? 52 : 40);
            int shentsize = U16(_is64 ? 58 : 46);
            long shnum = U16(_is64 ? 60 : 48);
            if (ehsize != headerSize)
                throw new InvalidDataException("ELF header size " + ehsize + " does not match its class (expected " + headerSize + ").");
            if (shoff == 0)
            {
                _sections = Array.Empty<ElfSection>();
                return;
            }
            int expectedEntSize = _is64 ? 64 : 40;
            if (shentsize != expectedEntSize)
                throw new InvalidDataException("Section header entry size " + shentsize + " (expected " + expectedEntSize + ").");
            if (shoff < 0 || shoff > image.Length - (long)expectedEntSize)
                throw new InvalidDataException("Section header table offset " + shoff + " lies outside the " + image.Length + "-byte image.");
            if (shnum == 0)
                shnum = _is64 ? (long)U64(shoff + 32) : U32(shoff + 20); // extended numbering: count in section 0's sh_size
            if (shnum < 0 || shnum > 1 << 20 || shoff + shnum * expectedEntSize > image.Length)
                throw new InvalidDataException("Section header table (" + shnum + " entries at " + shoff + ") runs past the end of the " + image.Length + "-byte image.");
            _sections = new ElfSection[shnum];
            for (int i = 0; i < shnum; i++)
            {
                long h = shoff + (long)i * expectedEntSize;
                var s = new ElfSection { Index = i, Type = U32(h + 4) };
                if (_is64)
                {
                    s.Offset = (long)U64(h + 24);
                    s.Size = (long)U64(h + 32);
                    s.Link = U32(h + 40);
                }
                else
                {
                    s.Offset = U32(h + 16);
                    s.Size = U32(h + 20);
                    s.Link = U32(h + 24);
                }
                const uint ShtNobits = 8;
                if (s.Type != ShtNobits && s.Type != 0 && (s.Offset < 0 || s.Size < 0 || s.Offset > image.Length || s.Size > image.Length - s.Offset))
                    throw new InvalidDataException("Section " + i + " (offset " + s.Offset + ", size " + s.Size + ") lies outside the " + image.Length + "-byte image.");
                _sections[i] = s;
            }
        }

        public IEnumerable<ElfSection> SectionsOfType(uint type)
        {
            foreach (var s in _sections)
                if (s.Type == type) yield return s;
        }

        public ElfSection LinkedStringTable(ElfSection section)
        {
            if (section.Link == 0 || section.Link >= _sections.Length)
                throw new InvalidDataException("Section " + section.Index + " links to string table " + section.Link + ", which does not exist.");
            var strtab = _sections[section.Link];
            if (strtab.Type != ElfVersionNeeds.ShtStrtab)
                throw new InvalidDataException("Section " + section.Index + " links to section " + section.Link + " of type " + strtab.Type + ", expected a string table (3).");
            return strtab;
        }

        public static void CheckRange(long offset, int length, ElfSection section, string what)
        {
            if (offset < section.Offset || offset + length > section.Offset + section.Size)
                throw new InvalidDataException(what + " at offset " + offset + " lies outside its section " + section.Index
                    + " (offset " + section.Offset + ", size " + section.Size + ").");
        }

        public string String(ElfSection strtab, uint offset)
        {
            if (offset >= strtab.Size)
                throw new InvalidDataException("String offset " + offset + " lies outside the " + strtab.Size + "-byte string table.");
            long start = strtab.Offset + offset, end = start, limit = strtab.Offset + strtab.Size;
            while (end < limit && _image[end] != 0) end++;
            if (end == limit)
                throw new InvalidDataException("String at offset " + offset + " is not terminated inside its string table.");
            return Encoding.ASCII.GetString(_image, (int)start, (int)(end - start));
        }

        public ushort U16(long o)
        {
            return _bigEndian ? (ushort)(_image[o] << 8 | _image[o + 1]) : (ushort)(_image[o] | _image[o + 1] << 8);
        }

        public uint U32(long o)
        {
            return _bigEndian
                ? (uint)_image[o] << 24 | (uint)_image[o + 1] << 16 | (uint)_image[o + 2] << 8 | _image[o + 3]
                : _image[o] | (uint)_image[o + 1] << 8 | (uint)_image[o + 2] << 16 | (uint)_image[o + 3] << 24;
        }

        public ulong U64(long o)
        {
            ulong a = U32(o), b = U32(o + 4);
            return _bigEndian ? a << 32 | b : b << 32 | a;
        }

        public void WriteU16(long o, ushort value)
        {
            if (_bigEndian) { _image[o] = (byte)(value >> 8); _image[o + 1] = (byte)value; }
            else { _image[o] = (byte)value; _image[o + 1] = (byte)(value >> 8); }
        }
    }

    /// <summary>Finds the C++ runtime the dynamic loader will pick and asks whether it defines a version.</summary>
#if KERASSHARP_LIBRARY
    internal
#else
    public
#endif
    static class SystemLibraries
    {
        static readonly string[] Directories =
        {
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/lib64", "/usr/lib64", "/lib", "/usr/lib",
        };

        /// <summary>The first <paramref name="fileName"/> on LD_LIBRARY_PATH or in the usual library folders, or null.</summary>
        public static string Find(string fileName)
        {
            var dirs = new List<string>();
            var ld = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            if (!string.IsNullOrEmpty(ld)) dirs.AddRange(ld.Split(':'));
            dirs.AddRange(Directories);
            foreach (var dir in dirs)
            {
                if (string.IsNullOrEmpty(dir)) continue;
                var path = Path.Combine(dir, fileName);
                if (File.Exists(path)) return path;
            }
            return null;
        }
    }

#if !KERASSHARP_LIBRARY
    /// <summary>
    /// MSBuild task: marks one symbol-version requirement weak in copies of native libraries in the build output,
    /// when the machine's own library lacks that version. Files are replaced, never written through, so a copy that
    /// is a hard link to the NuGet cache leaves the cache untouched.
    /// </summary>
    public class WeakenElfVersionNeed : Microsoft.Build.Utilities.Task
    {
        /// <summary>The native libraries in the output folder to fix.</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; }

        /// <summary>The needed library, e.g. libstdc++.so.6.</summary>
        [Microsoft.Build.Framework.Required]
        public string Library { get; set; }

        /// <summary>The version to make weak, e.g. GLIBCXX_3.4.32.</summary>
        [Microsoft.Build.Framework.Required]
        public string Version { get; set; }

        /// <summary>Patch even when the machine's library defines the version (for images built for other machines).</summary>
        public bool Force { get; set; }

        public override bool Execute()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
                return true;
            if (!Force)
            {
                var system = SystemLibraries.Find(Library);
                try
                {
                    if (system != null && ElfVersionNeeds.DefinesVersion(File.ReadAllBytes(system), Version))
                    {
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low,
                            "KerasSharp: " + system + " defines " + Version + "; native libraries left as they are.");
                        return true;
                    }
                }
                catch (InvalidDataException e)
                {
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "KerasSharp: could not read " + system + ": " + e.Message);
                }
            }
            foreach (var item in Files)
            {
                var path = item.ItemSpec;
                if (!File.Exists(path)) continue;
                ElfPatchResult result;
                try
                {
                    result = ElfVersionNeeds.PatchFile(path, path, Library, Version);
                }
                catch (InvalidDataException e)
                {
                    Log.LogWarning("KerasSharp: " + path + " was not patched: " + e.Message);
                    continue;
                }
                if (result != ElfPatchResult.Patched) continue;
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                    "KerasSharp: marked " + Library + " " + Version + " weak in " + path + " (the machine's C++ runtime lacks it).");
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
