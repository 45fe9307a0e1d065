using KerasSharp.Build;
using Xunit;

namespace KerasSharp.Tests.Build;

/// <summary>
/// The ELF edit behind the build-time fix of libLibTorchSharp.so (src/KerasSharp.Build/KerasSharp.ElfPatch.cs, compiled into the library),
/// on small images built in memory by <see cref="TinyElf"/>.
/// </summary>
public sealed class ElfPatchTests
{
    const string Lib = "libstdc++.so.6", Ver = "GLIBCXX_3.4.32";

    public static TheoryData<bool, bool> Variants => new()
    {
        { true, false },  // 64-bit little-endian (x86-64, aarch64)
        { false, false }, // 32-bit little-endian
        { true, true },   // 64-bit big-endian
        { false, true },  // 32-bit big-endian
    };

    static List<int> DiffOffsets(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        var diff = new List<int>();
        for (int i = 0; i < a.Length; i++)
            if (a[i] != b[i]) diff.Add(i);
        return diff;
    }

    static void AssertRejectedUnchanged(byte[] image, params Func<byte[], object>[] operations)
    {
        var before = (byte[])image.Clone();
        foreach (var operation in operations)
        {
            Assert.Throws<InvalidDataException>(() => operation(image));
            Assert.Equal(before, image);
        }
    }

    static readonly Func<byte[], object> MarkWeak = image => ElfVersionNeeds.MarkWeak(image, Lib, Ver);
    static readonly Func<byte[], object> ListNeeds = image => ElfVersionNeeds.ListNeeds(image);

    [Theory]
    [MemberData(nameof(Variants))]
    public void MarkWeak_SetsOnlyTheWeakBitOfThatRequirement(bool is64, bool bigEndian)
    {
        byte[] image = new TinyElf { Is64 = is64, BigEndian = bigEndian }.Build(out var layout);
        var before = (byte[])image.Clone();

        Assert.Equal(ElfPatchResult.Patched, ElfVersionNeeds.MarkWeak(image, Lib, Ver));

        int flagsByte = layout.FlagsLowByte(0, 1); // libstdc++.so.6 is the first Verneed, GLIBCXX_3.4.32 its second Vernaux
        Assert.Equal(new[] { flagsByte }, DiffOffsets(before, image));
        Assert.Equal(0, before[flagsByte]);
        Assert.Equal(ElfVersionNeeds.VerFlgWeak, image[flagsByte]);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void MarkWeak_KeepsOtherFlagBitsOfTheEntry(bool is64, bool bigEndian)
    {
        var needs = new[] { new TinyNeed("libm.so.6", ("GLIBC_2.29", 0)), new TinyNeed(Lib, ("GLIBCXX_3.4", 0), (Ver, 0x1)) };
        byte[] image = new TinyElf { Is64 = is64, BigEndian = bigEndian, Needs = needs }.Build(out var layout);
        var before = (byte[])image.Clone();

        Assert.Equal(ElfPatchResult.Patched, ElfVersionNeeds.MarkWeak(image, Lib, Ver));

        int flagsByte = layout.FlagsLowByte(1, 1);
        Assert.Equal(new[] { flagsByte }, DiffOffsets(before, image));
        Assert.Equal(0x3, image[flagsByte]);
        Assert.Equal(
            new[] { ("libm.so.6", "GLIBC_2.29", (ushort)0), (Lib, "GLIBCXX_3.4", (ushort)0), (Lib, Ver, (ushort)0x3) },
            ElfVersionNeeds.ListNeeds(image).Select(t => (t.Item1, t.Item2, t.Item3)));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void ListNeeds_RoundTripsWhatWasBuilt(bool is64, bool bigEndian)
    {
        var needs = new[]
        {
            new TinyNeed("libstdc++.so.6", ("GLIBCXX_3.4", 0), ("GLIBCXX_3.4.32", 0x2), ("CXXABI_1.3", 0)),
            new TinyNeed("libgcc_s.so.1", ("GCC_3.0", 0)),
            new TinyNeed("libc.so.6", ("GLIBC_2.2.5", 0), ("GLIBC_2.34", 0)),
        };
        byte[] image = new TinyElf { Is64 = is64, BigEndian = bigEndian, Needs = needs }.Build();

        var expected = needs.SelectMany(n => n.Versions.Select(v => (n.File, v.Version, v.Flags))).ToList();
        Assert.Equal(expected, ElfVersionNeeds.ListNeeds(image).Select(t => (t.Item1, t.Item2, t.Item3)));
    }

    [Fact]
    public void ListNeeds_AfterMarkWeak_OnlyThatEntryChanges()
    {
        byte[] image = new TinyElf().Build();
        var before = ElfVersionNeeds.ListNeeds(image);

        ElfVersionNeeds.MarkWeak(image, Lib, Ver);

        var after = ElfVersionNeeds.ListNeeds(image);
        Assert.Equal(before.Count, after.Count);
        for (int i = 0; i < before.Count; i++)
        {
            bool target = before[i].Item1 == Lib && before[i].Item2 == Ver;
            Assert.Equal(before[i].Item1, after[i].Item1);
            Assert.Equal(before[i].Item2, after[i].Item2);
            Assert.Equal(target ? (ushort)(before[i].Item3 | ElfVersionNeeds.VerFlgWeak) : before[i].Item3, after[i].Item3);
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void MarkWeak_IsIdempotent(bool is64, bool bigEndian)
    {
        byte[] image = new TinyElf { Is64 = is64, BigEndian = bigEndian }.Build();
        Assert.Equal(ElfPatchResult.Patched, ElfVersionNeeds.MarkWeak(image, Lib, Ver));
        var once = (byte[])image.Clone();

        Assert.Equal(ElfPatchResult.AlreadyWeak, ElfVersionNeeds.MarkWeak(image, Lib, Ver));
        Assert.Equal(once, image);
    }

    [Fact]
    public void MarkWeak_OnAnAlreadyWeakRequirement_ChangesNothing()
    {
        var needs = new[] { new TinyNeed(Lib, ("GLIBCXX_3.4", 0), (Ver, ElfVersionNeeds.VerFlgWeak)) };
        byte[] image = new TinyElf { Needs = needs }.Build();
        var before = (byte[])image.Clone();

        Assert.Equal(ElfPatchResult.AlreadyWeak, ElfVersionNeeds.MarkWeak(image, Lib, Ver));
        Assert.Equal(before, image);
    }

    [Theory]
    [InlineData(Lib, "GLIBCXX_3.4.99")]        // version not needed
    [InlineData("libfoo.so.1", Ver)]            // library not needed
    [InlineData(Lib, "GLIBC_2.34")]             // version needed, but from another library
    [InlineData("libc.so.6", "GLIBCXX_3.4.32")] // likewise
    [InlineData("libstdc++.so", Ver)]           // names compare exactly
    public void MarkWeak_NotReferenced_ChangesNothing(string library, string version)
    {
        byte[] image = new TinyElf().Build();
        var before = (byte[])image.Clone();

        Assert.Equal(ElfPatchResult.NotReferenced, ElfVersionNeeds.MarkWeak(image, library, version));
        Assert.Equal(before, image);
    }

    [Fact]
    public void MarkWeak_WithoutVersionNeedsSection_IsNotReferenced()
    {
        byte[] image = new TinyElf { OmitVerneed = true, Defines = new[] { "V1" } }.Build();
        var before = (byte[])image.Clone();

        Assert.Equal(ElfPatchResult.NotReferenced, ElfVersionNeeds.MarkWeak(image, Lib, Ver));
        Assert.Empty(ElfVersionNeeds.ListNeeds(image));
        Assert.Equal(before, image);
    }

    [Fact]
    public void MarkWeak_WithoutSectionTable_IsNotReferenced()
    {
        byte[] image = new TinyElf().Build(out var layout);
        TinyElf.Put(image, layout.EShoffField, 8, 0, false);
        TinyElf.Put(image, layout.EShnumField, 2, 0, false);
        var before = (byte[])image.Clone();

        Assert.Equal(ElfPatchResult.NotReferenced, ElfVersionNeeds.MarkWeak(image, Lib, Ver));
        Assert.Equal(before, image);
    }

    [Fact]
    public void MarkWeak_PatchesEveryMatchingEntry()
    {
        // Two Verneed entries for the same library (not what ld writes, but the edit must not stop at the first).
        var needs = new[] { new TinyNeed(Lib, (Ver, 0)), new TinyNeed("libc.so.6", ("GLIBC_2.34", 0)), new TinyNeed(Lib, (Ver, 0)) };
        byte[] image = new TinyElf { Needs = needs }.Build(out var layout);
        var before = (byte[])image.Clone();

        Assert.Equal(ElfPatchResult.Patched, ElfVersionNeeds.MarkWeak(image, Lib, Ver));
        Assert.Equal(new[] { layout.FlagsLowByte(0, 0), layout.FlagsLowByte(2, 0) }, DiffOffsets(before, image));
    }

    [Fact]
    public void ExtendedSectionNumbering_IsFollowed()
    {
        // e_shnum = 0: the section count is in section 0's sh_size.
        byte[] image = new TinyElf().Build(out var layout);
        TinyElf.Put(image, layout.EShnumField, 2, 0, false);
        TinyElf.Put(image, layout.ShSizeField(0), 8, TinyElf.SectionCount, false);

        Assert.Equal(ElfPatchResult.Patched, ElfVersionNeeds.MarkWeak(image, Lib, Ver));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void DefinesVersion_FindsDefinedVersionsOnly(bool is64, bool bigEndian)
    {
        byte[] image = new TinyElf
        {
            Is64 = is64,
            BigEndian = bigEndian,
            Defines = new[] { "GLIBCXX_3.4", "GLIBCXX_3.4.29", "GLIBCXX_3.4.30" },
        }.Build();
        var before = (byte[])image.Clone();

        Assert.True(ElfVersionNeeds.DefinesVersion(image, "GLIBCXX_3.4"));
        Assert.True(ElfVersionNeeds.DefinesVersion(image, "GLIBCXX_3.4.30"));
        Assert.False(ElfVersionNeeds.DefinesVersion(image, "GLIBCXX_3.4.32"));
        Assert.False(ElfVersionNeeds.DefinesVersion(image, "GLIBCXX_3.4.3"));
        // Needed versions are not defined versions.
        Assert.False(ElfVersionNeeds.DefinesVersion(image, "GLIBC_2.34"));
        Assert.Equal(before, image);
    }

    [Fact]
    public void DefinesVersion_WithoutVersionDefinitions_IsFalse()
    {
        Assert.False(ElfVersionNeeds.DefinesVersion(new TinyElf().Build(), "GLIBCXX_3.4"));
    }

    // ---- malformed images: InvalidDataException, and the array is left as it was ----

    [Fact]
    public void Malformed_BadMagic()
    {
        byte[] image = new TinyElf().Build();
        image[1] = (byte)'X';
        AssertRejectedUnchanged(image, MarkWeak, ListNeeds, i => ElfVersionNeeds.DefinesVersion(i, "V"));
    }

    [Fact]
    public void Malformed_TooShortForAHeader()
    {
        AssertRejectedUnchanged(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1 }, MarkWeak, ListNeeds);
        byte[] image = new TinyElf().Build();
        AssertRejectedUnchanged(image.AsSpan(0, 60).ToArray(), MarkWeak); // 64-bit header is 64 bytes
    }

    [Theory]
    [InlineData(4, 0)] // EI_CLASS none
    [InlineData(4, 3)] // EI_CLASS unknown
    [InlineData(5, 0)] // EI_DATA none
    [InlineData(5, 3)] // EI_DATA unknown
    [InlineData(6, 2)] // EI_VERSION
    public void Malformed_BadIdentification(int index, byte value)
    {
        byte[] image = new TinyElf().Build();
        image[index] = value;
        AssertRejectedUnchanged(image, MarkWeak, ListNeeds);
    }

    [Fact]
    public void Malformed_WrongHeaderOrEntrySizes()
    {
        byte[] image = new TinyElf().Build(out var layout);
        TinyElf.Put(image, layout.EEhsizeField, 2, 52, false);
        AssertRejectedUnchanged(image, MarkWeak);

        image = new TinyElf().Build(out layout);
        TinyElf.Put(image, layout.EShentsizeField, 2, 40, false);
        AssertRejectedUnchanged(image, MarkWeak);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Malformed_TruncatedSectionTable(bool is64, bool bigEndian)
    {
        byte[] full = new TinyElf { Is64 = is64, BigEndian = bigEndian }.Build(out var layout);
        // The file ends in the middle of the last section header.
        byte[] truncated = full.AsSpan(0, full.Length - 4).ToArray();
        AssertRejectedUnchanged(truncated, MarkWeak, ListNeeds);

        // Or the header claims more sections than the file holds.
        byte[] tooMany = (byte[])full.Clone();
        TinyElf.Put(tooMany, layout.EShnumField, 2, TinyElf.SectionCount + 1, bigEndian);
        AssertRejectedUnchanged(tooMany, MarkWeak, ListNeeds);
    }

    [Fact]
    public void Malformed_SectionTableOffsetPastTheEnd()
    {
        byte[] image = new TinyElf().Build(out var layout);
        TinyElf.Put(image, layout.EShoffField, 8, image.Length, false);
        AssertRejectedUnchanged(image, MarkWeak);

        // So large that adding the entry size overflows a signed 64-bit offset.
        image = new TinyElf().Build(out layout);
        TinyElf.Put(image, layout.EShoffField, 8, long.MaxValue - 8, false);
        AssertRejectedUnchanged(image, MarkWeak);

        image = new TinyElf().Build(out layout);
        TinyElf.Put(image, layout.EShoffField, 8, unchecked((long)0xFFFF_FFFF_FFFF_FF00UL), false);
        AssertRejectedUnchanged(image, MarkWeak);
    }

    [Fact]
    public void Malformed_ExtendedSectionCountOutOfRange()
    {
        byte[] image = new TinyElf().Build(out var layout);
        TinyElf.Put(image, layout.EShnumField, 2, 0, false);
        TinyElf.Put(image, layout.ShSizeField(0), 8, unchecked((long)0xFFFF_FFFF_FFFF_FFF0UL), false);
        AssertRejectedUnchanged(image, MarkWeak);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Malformed_SectionOutsideTheImage(bool is64, bool bigEndian)
    {
        byte[] image = new TinyElf { Is64 = is64, BigEndian = bigEndian }.Build(out var layout);
        TinyElf.Put(image, layout.ShSizeField(TinyElf.VerneedIndex), is64 ? 8 : 4, image.Length, bigEndian);
        AssertRejectedUnchanged(image, MarkWeak, ListNeeds);
    }

    [Fact]
    public void Malformed_SectionOffsetPlusSizeOverflows()
    {
        byte[] image = new TinyElf().Build(out var layout);
        TinyElf.Put(image, layout.ShOffsetField(TinyElf.VerneedIndex), 8, 1L << 62, false);
        TinyElf.Put(image, layout.ShSizeField(TinyElf.VerneedIndex), 8, 1L << 62, false);
        AssertRejectedUnchanged(image, MarkWeak, ListNeeds);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Malformed_VnNextOutsideTheSection_AfterTheRequirement(bool is64, bool bigEndian)
    {
        // The requirement to patch comes first; the walk only then meets the bad pointer. Nothing may be written.
        byte[] image = new TinyElf { Is64 = is64, BigEndian = bigEndian }.Build(out var layout);
        TinyElf.Put(image, layout.Verneeds[0] + 12, 4, layout.VerneedSize + 16, bigEndian);
        AssertRejectedUnchanged(image, MarkWeak, ListNeeds);
    }

    [Fact]
    public void Malformed_VnNextIntoTheLastBytesOfTheSection()
    {
        byte[] image = new TinyElf().Build(out var layout);
        // The next entry would start 8 bytes before the end: it does not fit.
        TinyElf.Put(image, layout.Verneeds[0] + 12, 4, layout.VerneedSize - 8, false);
        AssertRejectedUnchanged(image, MarkWeak);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Malformed_VnaNextOutsideTheSection(bool is64, bool bigEndian)
    {
        byte[] image = new TinyElf { Is64 = is64, BigEndian = bigEndian }.Build(out var layout);
        // Second Vernaux of libstdc++ (the one to patch) points far past the section.
        TinyElf.Put(image, layout.Vernaux[0][1] + 12, 4, 0x7fff_0000, bigEndian);
        AssertRejectedUnchanged(image, MarkWeak, ListNeeds);
    }

    [Fact]
    public void Malformed_VnAuxOutsideTheSection()
    {
        byte[] image = new TinyElf().Build(out var layout);
        TinyElf.Put(image, layout.Verneeds[1] + 8, 4, 0xffff_fff0, false);
        AssertRejectedUnchanged(image, MarkWeak, ListNeeds);
    }

    [Fact]
    public void Malformed_VernauxCountRunsPastTheSection()
    {
        byte[] image = new TinyElf().Build(out var layout);
        // libc.so.6 (last entry) claims 3 versions but the last Vernaux has vna_next = 0, so the walk stops; claim
        // more aux entries and chain the last one onward past the end instead.
        TinyElf.Put(image, layout.Verneeds[1] + 2, 2, 3, false);
        TinyElf.Put(image, layout.Vernaux[1][1] + 12, 4, 16, false);
        AssertRejectedUnchanged(image, MarkWeak, ListNeeds);
    }

    [Fact]
    public void Malformed_UnsupportedVerneedVersion()
    {
        byte[] image = new TinyElf().Build(out var layout);
        TinyElf.Put(image, layout.Verneeds[1], 2, 2, false);
        AssertRejectedUnchanged(image, MarkWeak);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Malformed_StringOffsetOutsideTheStringTable(bool is64, bool bigEndian)
    {
        byte[] image = new TinyElf { Is64 = is64, BigEndian = bigEndian }.Build(out var layout);
        TinyElf.Put(image, layout.Vernaux[1][0] + 8, 4, layout.DynstrSize, bigEndian); // vna_name one past the end
        AssertRejectedUnchanged(image, MarkWeak, ListNeeds);

        image = new TinyElf { Is64 = is64, BigEndian = bigEndian }.Build(out layout);
        TinyElf.Put(image, layout.Verneeds[1] + 4, 4, 0xffff_ffff, bigEndian); // vn_file
        AssertRejectedUnchanged(image, MarkWeak, ListNeeds);
    }

    [Fact]
    public void Malformed_UnterminatedString()
    {
        // The last string of .dynstr (GLIBC_2.34, needed from libc.so.6) loses its terminating NUL.
        byte[] image = new TinyElf().Build(out var layout);
        Assert.Equal(layout.DynstrSize - "GLIBC_2.34".Length - 1, layout.Strings["GLIBC_2.34"]);
        int lastByte = layout.DynstrOffset + layout.DynstrSize - 1;
        Assert.Equal(0, image[lastByte]);
        image[lastByte] = (byte)'X';
        AssertRejectedUnchanged(image, MarkWeak, ListNeeds);
    }

    [Theory]
    [InlineData(TinyElf.VerneedIndex)]   // itself: not a string table
    [InlineData(TinyElf.BssIndex)]       // NOBITS
    [InlineData(0)]                      // no link
    [InlineData(TinyElf.SectionCount)]   // no such section
    [InlineData(1000)]
    public void Malformed_LinkToANonStringTable(int link)
    {
        byte[] image = new TinyElf().Build(out var layout);
        TinyElf.Put(image, layout.ShLinkField(TinyElf.VerneedIndex), 4, link, false);
        AssertRejectedUnchanged(image, MarkWeak, ListNeeds);
    }

    [Fact]
    public void Malformed_VerdefChains()
    {
        var elf = new TinyElf { Defines = new[] { "V1", "V2" } };
        byte[] image = elf.Build(out var layout);
        TinyElf.Put(image, layout.Verdefs[0] + 16, 4, layout.VerdefSize, false); // vd_next past the end
        AssertRejectedUnchanged(image, i => ElfVersionNeeds.DefinesVersion(i, "V2"));

        image = elf.Build(out layout);
        TinyElf.Put(image, layout.Verdefs[1] + 12, 4, layout.VerdefSize, false); // vd_aux past the end
        AssertRejectedUnchanged(image, i => ElfVersionNeeds.DefinesVersion(i, "V2"));

        image = elf.Build(out layout);
        TinyElf.Put(image, layout.ShLinkField(TinyElf.VerdefIndex), 4, TinyElf.VerdefIndex, false);
        AssertRejectedUnchanged(image, i => ElfVersionNeeds.DefinesVersion(i, "V2"));
    }

    [Fact]
    public void NullArguments_Throw()
    {
        byte[] image = new TinyElf().Build();
        Assert.Throws<ArgumentNullException>(() => ElfVersionNeeds.MarkWeak(null!, Lib, Ver));
        Assert.Throws<ArgumentNullException>(() => ElfVersionNeeds.MarkWeak(image, null!, Ver));
        Assert.Throws<ArgumentNullException>(() => ElfVersionNeeds.MarkWeak(image, Lib, null!));
    }

    /// <summary>
    /// The machine's own C++ runtime, when there is one at the Debian/Ubuntu x86-64 path: GCC 12's (Debian 12)
    /// and later define GLIBCXX_3.4.30. Whether 3.4.32 is there depends on the distribution, so it is not asserted.
    /// (xunit 2 cannot skip at run time: the test passes without checking anything where the file is missing.)
    /// </summary>
    [Fact]
    public void RealLibstdcxx_DefinesGlibcxx_3_4_30()
    {
        const string path = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";
        if (!File.Exists(path)) return;
        byte[] image = File.ReadAllBytes(path);
        var before = (byte[])image.Clone();

        Assert.True(ElfVersionNeeds.DefinesVersion(image, "GLIBCXX_3.4.30"));
        Assert.True(ElfVersionNeeds.DefinesVersion(image, "GLIBCXX_3.4"));
        Assert.False(ElfVersionNeeds.DefinesVersion(image, "GLIBCXX_3.4.999"));
        Assert.Contains(ElfVersionNeeds.ListNeeds(image), n => n.Item1 == "libc.so.6");
        Assert.Equal(before, image);
    }
}
