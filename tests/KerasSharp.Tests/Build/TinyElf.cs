using System.Text;

namespace KerasSharp.Tests.Build;

/// <summary>One library an image needs versions from (a Verneed entry and its Vernaux entries).</summary>
internal sealed record TinyNeed(string File, params (string Version, ushort Flags)[] Versions);

/// <summary>
/// Builds a minimal ELF shared object in memory for the ElfVersionNeeds tests: an ELF header, .dynstr,
/// .gnu.version_r, .gnu.version_d, a .bss (NOBITS, lying past the end of the file as real ones may),
/// .shstrtab and the section header table, in 32- or 64-bit, little- or big-endian form. <see cref="Layout"/> gives
/// the file offsets of every field a test may want to corrupt.
/// </summary>
internal sealed class TinyElf
{
    internal const int DynstrIndex = 1, VerneedIndex = 2, VerdefIndex = 3, BssIndex = 4, ShstrtabIndex = 5, SectionCount = 6;
    const uint ShtStrtab = 3, ShtNobits = 8, ShtGnuVerneed = 0x6ffffffe, ShtGnuVerdef = 0x6ffffffd;

    public bool Is64 { get; init; } = true;
    public bool BigEndian { get; init; }
    public IReadOnlyList<TinyNeed> Needs { get; init; } = DefaultNeeds;
    /// <summary>Versions defined by the image, after the base definition (the soname); empty: no .gnu.version_d.</summary>
    public IReadOnlyList<string> Defines { get; init; } = Array.Empty<string>();
    /// <summary>Leave out .gnu.version_r altogether.</summary>
    public bool OmitVerneed { get; init; }

    public static readonly TinyNeed[] DefaultNeeds =
    {
        new("libstdc++.so.6", ("GLIBCXX_3.4", 0), ("GLIBCXX_3.4.32", 0), ("CXXABI_1.3", 0)),
        new("libc.so.6", ("GLIBC_2.2.5", 0), ("GLIBC_2.34", 0)),
    };

    /// <summary>Where things are in the built image.</summary>
    internal sealed class Layout
    {
        public bool Is64, BigEndian;
        public int SectionHeaders, SectionHeaderSize;
        public int DynstrOffset, DynstrSize, VerneedOffset, VerneedSize, VerdefOffset, VerdefSize;
        /// <summary>File offsets of each Verneed entry, in order.</summary>
        public List<int> Verneeds = new();
        /// <summary>File offsets of each Vernaux entry, per Verneed.</summary>
        public List<List<int>> Vernaux = new();
        /// <summary>File offsets of each Verdef entry.</summary>
        public List<int> Verdefs = new();
        /// <summary>Offset inside .dynstr of each string.</summary>
        public Dictionary<string, int> Strings = new();

        public int SectionHeader(int index) => SectionHeaders + index * SectionHeaderSize;
        public int ShOffsetField(int index) => SectionHeader(index) + (Is64 ? 24 : 16);
        public int ShSizeField(int index) => SectionHeader(index) + (Is64 ? 32 : 20);
        public int ShLinkField(int index) => SectionHeader(index) + (Is64 ? 40 : 24);
        public int ShTypeField(int index) => SectionHeader(index) + 4;
        public int EShoffField => Is64 ? 40 : 32;
        public int EShnumField => Is64 ? 60 : 48;
        public int EShentsizeField => Is64 ? 58 : 46;
        public int EEhsizeField => Is64 ? 52 : 40;
        /// <summary>The byte of a Vernaux's 16-bit vna_flags that holds VER_FLG_WEAK (0x2).</summary>
        public int FlagsLowByte(int need, int aux) => Vernaux[need][aux] + 4 + (BigEndian ? 1 : 0);
    }

    public byte[] Build() => Build(out _);

    public byte[] Build(out Layout layout)
    {
        var l = new Layout { Is64 = Is64, BigEndian = BigEndian, SectionHeaderSize = Is64 ? 64 : 40 };
        layout = l;
        return Build(l);
    }

    byte[] Build(Layout layout)
    {
        using var w = new Writer(BigEndian);
        int headerSize = Is64 ? 64 : 52;
        w.Pad(headerSize);

        // .dynstr: "" first, then every name once.
        var dynstr = new MemoryStream();
        dynstr.WriteByte(0);
        int AddString(string s)
        {
            if (layout.Strings.TryGetValue(s, out int existing)) return existing;
            int offset = (int)dynstr.Length;
            var bytes = Encoding.ASCII.GetBytes(s);
            dynstr.Write(bytes, 0, bytes.Length);
            dynstr.WriteByte(0);
            layout.Strings[s] = offset;
            return offset;
        }
        const string Soname = "libtiny.so.1";
        AddString(Soname);
        foreach (var need in Needs)
        {
            AddString(need.File);
            foreach (var v in need.Versions) AddString(v.Version);
        }
        foreach (string d in Defines) AddString(d);

        w.Align(8);
        layout.DynstrOffset = w.Position;
        w.Bytes(dynstr.ToArray());
        layout.DynstrSize = w.Position - layout.DynstrOffset;

        // .gnu.version_r: each Verneed followed by its Vernaux entries, as ld lays them out.
        w.Align(8);
        layout.VerneedOffset = w.Position;
        if (!OmitVerneed)
        {
            ushort index = 2;
            for (int n = 0; n < Needs.Count; n++)
            {
                var need = Needs[n];
                layout.Verneeds.Add(w.Position);
                w.U16(1);                                   // vn_version
                w.U16((ushort)need.Versions.Length);        // vn_cnt
                w.U32((uint)layout.Strings[need.File]);     // vn_file
                w.U32(16);                                  // vn_aux
                w.U32(n == Needs.Count - 1 ? 0u : (uint)(16 + 16 * need.Versions.Length)); // vn_next
                var auxes = new List<int>();
                for (int a = 0; a < need.Versions.Length; a++)
                {
                    var (version, flags) = need.Versions[a];
                    auxes.Add(w.Position);
                    w.U32(ElfHash(version));                // vna_hash
                    w.U16(flags);                           // vna_flags
                    w.U16(index++);                         // vna_other
                    w.U32((uint)layout.Strings[version]);   // vna_name
                    w.U32(a == need.Versions.Length - 1 ? 0u : 16u); // vna_next
                }
                layout.Vernaux.Add(auxes);
            }
        }
        layout.VerneedSize = w.Position - layout.VerneedOffset;

        // .gnu.version_d: the base definition (the soname), then one per version, each with its parent as a second
        // Verdaux (as real libraries chain GLIBCXX_3.4.1 -> GLIBCXX_3.4).
        w.Align(8);
        layout.VerdefOffset = w.Position;
        if (Defines.Count > 0)
        {
            var names = new List<string> { Soname };
            names.AddRange(Defines);
            for (int i = 0; i < names.Count; i++)
            {
                bool hasParent = i >= 2;
                layout.Verdefs.Add(w.Position);
                w.U16(1);                                   // vd_version
                w.U16((ushort)(i == 0 ? 1 : 0));            // vd_flags (VER_FLG_BASE for the first)
                w.U16((ushort)(i + 1));                     // vd_ndx
                w.U16((ushort)(hasParent ? 2 : 1));         // vd_cnt
                w.U32(ElfHash(names[i]));                   // vd_hash
                w.U32(20);                                  // vd_aux
                int size = 20 + 8 * (hasParent ? 2 : 1);
                w.U32(i == names.Count - 1 ? 0u : (uint)size); // vd_next
                w.U32((uint)layout.Strings[names[i]]);      // vda_name
                w.U32(hasParent ? 8u : 0u);                 // vda_next
                if (hasParent)
                {
                    w.U32((uint)layout.Strings[names[i - 1]]);
                    w.U32(0);
                }
            }
        }
        layout.VerdefSize = w.Position - layout.VerdefOffset;

        // .shstrtab
        var shstrtab = new MemoryStream();
        shstrtab.WriteByte(0);
        string[] sectionNames = { "", ".dynstr", ".gnu.version_r", ".gnu.version_d", ".bss", ".shstrtab" };
        var nameOffsets = new int[SectionCount];
        for (int i = 1; i < SectionCount; i++)
        {
            nameOffsets[i] = (int)shstrtab.Length;
            var bytes = Encoding.ASCII.GetBytes(sectionNames[i]);
            shstrtab.Write(bytes, 0, bytes.Length);
            shstrtab.WriteByte(0);
        }
        int shstrtabOffset = w.Position;
        w.Bytes(shstrtab.ToArray());
        int shstrtabSize = w.Position - shstrtabOffset;

        w.Align(8);
        layout.SectionHeaders = w.Position;
        void Section(int index, uint type, long offset, long size, uint link, uint info, long align, long entsize)
        {
            w.U32((uint)nameOffsets[index]);
            w.U32(type);
            w.Word(Is64, 2);             // sh_flags: SHF_ALLOC
            w.Word(Is64, 0x1000 + offset); // sh_addr
            w.Word(Is64, offset);
            w.Word(Is64, size);
            w.U32(link);
            w.U32(info);
            w.Word(Is64, align);
            w.Word(Is64, entsize);
        }
        w.Pad(layout.SectionHeaderSize); // section 0: SHT_NULL
        Section(DynstrIndex, ShtStrtab, layout.DynstrOffset, layout.DynstrSize, 0, 0, 1, 0);
        if (OmitVerneed)
            w.Pad(layout.SectionHeaderSize); // an unused SHT_NULL entry in its place
        else
            Section(VerneedIndex, ShtGnuVerneed, layout.VerneedOffset, layout.VerneedSize, DynstrIndex, (uint)Needs.Count, 8, 0);
        if (Defines.Count == 0)
            w.Pad(layout.SectionHeaderSize);
        else
            Section(VerdefIndex, ShtGnuVerdef, layout.VerdefOffset, layout.VerdefSize, DynstrIndex, (uint)(Defines.Count + 1), 8, 0);
        Section(BssIndex, ShtNobits, 1 << 20, 1 << 20, 0, 0, 32, 0);
        Section(ShstrtabIndex, ShtStrtab, shstrtabOffset, shstrtabSize, 0, 0, 1, 0);

        byte[] image = w.ToArray();
        // ELF header.
        image[0] = 0x7f; image[1] = (byte)'E'; image[2] = (byte)'L'; image[3] = (byte)'F';
        image[4] = (byte)(Is64 ? 2 : 1);
        image[5] = (byte)(BigEndian ? 2 : 1);
        image[6] = 1;
        Put(image, 16, 2, 3, BigEndian);                         // e_type: ET_DYN
        Put(image, 18, 2, Is64 ? 62 : 3, BigEndian);            // e_machine: x86-64 / i386
        Put(image, 20, 4, 1, BigEndian);                         // e_version
        if (Is64)
        {
            Put(image, 40, 8, layout.SectionHeaders, BigEndian);  // e_shoff
            Put(image, 52, 2, 64, BigEndian);                    // e_ehsize
            Put(image, 54, 2, 56, BigEndian);                    // e_phentsize
            Put(image, 58, 2, 64, BigEndian);                    // e_shentsize
            Put(image, 60, 2, SectionCount, BigEndian);          // e_shnum
            Put(image, 62, 2, ShstrtabIndex, BigEndian);         // e_shstrndx
        }
        else
        {
            Put(image, 32, 4, layout.SectionHeaders, BigEndian);
            Put(image, 40, 2, 52, BigEndian);
            Put(image, 42, 2, 32, BigEndian);
            Put(image, 46, 2, 40, BigEndian);
            Put(image, 48, 2, SectionCount, BigEndian);
            Put(image, 50, 2, ShstrtabIndex, BigEndian);
        }
        return image;
    }

    /// <summary>Writes an unsigned field of 2, 4 or 8 bytes in the image's byte order.</summary>
    internal static void Put(byte[] image, int offset, int size, long value, bool bigEndian)
    {
        for (int i = 0; i < size; i++)
        {
            byte b = (byte)((ulong)value >> (8 * i));
            image[bigEndian ? offset + size - 1 - i : offset + i] = b;
        }
    }

    /// <summary>The SysV ELF hash (vna_hash / vd_hash).</summary>
    static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (char c in name)
        {
            h = (h << 4) + c;
            uint g = h & 0xf0000000;
            if (g != 0) h ^= g >> 24;
            h &= ~g;
        }
        return h;
    }

    sealed class Writer(bool bigEndian) : IDisposable
    {
        readonly MemoryStream _stream = new();
        public void Dispose() => _stream.Dispose();
        public int Position => (int)_stream.Length;
        public void Pad(int count) { for (int i = 0; i < count; i++) _stream.WriteByte(0); }
        public void Align(int alignment) { while (_stream.Length % alignment != 0) _stream.WriteByte(0); }
        public void Bytes(byte[] bytes) => _stream.Write(bytes, 0, bytes.Length);
        public void U16(ushort v) => Field(2, v);
        public void U32(uint v) => Field(4, v);
        public void Word(bool is64, long v) => Field(is64 ? 8 : 4, v);
        void Field(int size, long v)
        {
            var bytes = new byte[size];
            Put(bytes, 0, size, v, bigEndian);
            Bytes(bytes);
        }
        public byte[] ToArray() => _stream.ToArray();
    }
}
