using KerasSharp.Utils;
using Xunit;

namespace KerasSharp.Tests.Utils;

/// <summary>
/// <see cref="Progbar"/> against the bytes Keras 3's <c>Progbar.update</c> writes (reference section 6, and Keras's
/// progbar.py run with the same fake clock), plus KerasSharp's non-dynamic deviation.
/// </summary>
public sealed class ProgbarTests
{
    const string Esc = "\u001b";
    const string B = Esc + "[1m", R = Esc + "[0m", G = Esc + "[32m", W = Esc + "[37m";

    /// <summary>A clock the test moves by hand; the bar is created at t = 0.</summary>
    sealed class FakeClock
    {
        public double Now;
        public Func<double> Func => () => Now;
    }

    static (Progbar Bar, StringWriter Output, FakeClock Clock) Make(int? target, int verbose = 1, bool dynamic = true)
    {
        var clock = new FakeClock();
        var output = new StringWriter();
        return (new Progbar(target, output, verbose, dynamic, clock: clock.Func), output, clock);
    }

    static KeyValuePair<string, double>[] Values(params (string Key, double Value)[] values) =>
        values.Select(v => new KeyValuePair<string, double>(v.Key, v.Value)).ToArray();

    static string Bars(int done) => (done > 0 ? G + new string('━', done) + R : "") + W + new string('━', 20 - done) + R;

    static string Back(int count) => new string('\b', count);

    [Fact]
    public void Epoch_MatchesTheReferenceRawBytes()
    {
        var (bar, output, clock) = Make(4);

        clock.Now = 0.006;
        bar.Update(1, Values(("accuracy", 0.40625), ("loss", 1.1834)));
        clock.Now = 0.010;
        bar.Update(2, Values(("accuracy", 0.4), ("loss", 1.17)));   // within 0.05 s: not drawn
        clock.Now = 0.012;
        bar.Update(3, Values(("accuracy", 0.38), ("loss", 1.15)));  // likewise
        clock.Now = 0.015;
        bar.Update(4, Values(("accuracy", 0.375), ("loss", 1.1309), ("val_accuracy", 0.2667), ("val_loss", 1.1674)), finalize: true);

        // docs/keras-behaviour.md section 6, "Raw bytes of one epoch of 4 steps with validation".
        string expected =
            "\r\x1b[1m1/4\x1b[0m \x1b[32m━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 6ms/step - accuracy: 0.4062 - loss: 1.1834"
            + new string('\b', 70)
            + "\r\x1b[1m4/4\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m0s\x1b[0m 3ms/step - accuracy: 0.3750 - loss: 1.1309 - val_accuracy: 0.2667 - val_loss: 1.1674\n";
        Assert.Equal(expected, output.ToString());
    }

    [Fact]
    public void FirstUpdate_AlwaysRenders_EvenAtTimeZero()
    {
        var (bar, output, _) = Make(3);
        Assert.True(bar.WouldRender(1, finalize: false));
        bar.Update(1);
        Assert.Equal("\r" + B + "1/3" + R + " " + Bars(6) + " " + B + "0s" + R + " 0s/step", output.ToString());
    }

    [Fact]
    public void RateLimit_SkippedUpdatesDoNotRestartTheInterval()
    {
        var (bar, output, clock) = Make(10);
        bar.Update(1);
        clock.Now = 0.03;
        Assert.False(bar.WouldRender(2, finalize: false));
        bar.Update(2);
        clock.Now = 0.06; // 0.06 s after the last drawn update, though only 0.03 s after the skipped one
        Assert.True(bar.WouldRender(3, finalize: false));
        bar.Update(3);
        clock.Now = 0.07;
        Assert.False(bar.WouldRender(4, finalize: false));
        bar.Update(4);
        clock.Now = 0.08;
        Assert.True(bar.WouldRender(10, finalize: true)); // the final update is never skipped
        bar.Update(10, finalize: true);

        string expected =
            "\r" + B + " 1/10" + R + " " + Bars(2) + " " + B + "0s" + R + " 0s/step"
            + Back(37) + "\r" + B + " 3/10" + R + " " + Bars(6) + " " + B + "0s" + R + " 30ms/step"
            + Back(39) + "\r" + B + "10/10" + R + " " + Bars(20) + " " + B + "0s" + R + " 9ms/step \n";
        Assert.Equal(expected, output.ToString());
    }

    [Fact]
    public void WouldRender_HasNoSideEffects()
    {
        var (bar, output, clock) = Make(10);
        for (int i = 0; i < 5; i++) Assert.True(bar.WouldRender(1, false));
        Assert.Equal("", output.ToString());
        bar.Update(1);
        clock.Now = 0.01;
        Assert.False(bar.WouldRender(2, false));
        Assert.True(bar.WouldRender(2, true));
    }

    [Theory]
    [InlineData(10000, "    1/10000", "2:46:39")] // 9999 s
    [InlineData(100, "  1/100", "1:39")]          // 99 s
    [InlineData(61, " 1/61", "60s")]             // exactly 60 s is not "over a minute"
    [InlineData(3601, "   1/3601", "60:00")]     // exactly 3600 s is not "over an hour"
    public void Eta_Formats(int target, string count, string eta)
    {
        var (bar, output, clock) = Make(target);
        clock.Now = 1; // 1 s per step
        bar.Update(1);
        Assert.Equal("\r" + B + count + R + " " + Bars(0) + " " + B + eta + R + " 1s/step", output.ToString());
    }

    [Fact]
    public void Count_IsRightAlignedToTheTargetsDigits()
    {
        var (bar, output, clock) = Make(1000);
        clock.Now = 0.5;
        bar.Update(7);
        Assert.Equal("\r" + B + "   7/1000" + R + " " + Bars(0) + " " + B + "1:10" + R + " 71ms/step", output.ToString());
    }

    [Fact]
    public void PastTheTarget_BarIsLongerAndEtaTruncatesTowardZero()
    {
        var (bar, output, clock) = Make(4);
        clock.Now = 0.5;
        bar.Update(6);
        Assert.Equal("\r" + B + "6/4" + R + " " + G + new string('━', 30) + R + W + R + " " + B + "0s" + R + " 83ms/step", output.ToString());
    }

    [Fact]
    public void ShorterFinalLine_IsPaddedToThePreviousWidth()
    {
        var (bar, output, clock) = Make(100);
        clock.Now = 1;
        bar.Update(1, Values(("loss", 1.0)));
        clock.Now = 1.5;
        bar.Update(100, Values(("loss", 0.5)), finalize: true);

        string expected =
            "\r" + B + "  1/100" + R + " " + Bars(0) + " " + B + "1:39" + R + " 1s/step - loss: 1.0000"
            + Back(56) + "\r" + B + "100/100" + R + " " + Bars(20) + " " + B + "2s" + R + " 5ms/step - loss: 0.5000 \n";
        Assert.Equal(expected, output.ToString());
    }

    [Fact]
    public void TimePerStep_InSeconds_ExcludingTheFirstStep()
    {
        var (bar, output, clock) = Make(2);
        clock.Now = 2.5;
        bar.Update(1);
        clock.Now = 5.0;
        bar.Update(2, finalize: true);
        // First: 2.5 s/step ("2", Python rounds the tie to even); final: (5.0 - 2.5) / 1 = 2.5 s, elapsed 5 s.
        string expected =
            "\r" + B + "1/2" + R + " " + Bars(10) + " " + B + "2s" + R + " 2s/step"
            + Back(35) + "\r" + B + "2/2" + R + " " + Bars(20) + " " + B + "5s" + R + " 2s/step\n";
        Assert.Equal(expected, output.ToString());
    }

    [Fact]
    public void TimePerStep_InMicroseconds()
    {
        var (bar, output, clock) = Make(3);
        clock.Now = 0.0005;
        bar.Update(1);
        clock.Now = 0.001;
        bar.Update(3, finalize: true);
        string expected =
            "\r" + B + "1/3" + R + " " + Bars(6) + " " + B + "0s" + R + " 500us/step"
            + Back(38) + "\r" + B + "3/3" + R + " " + Bars(20) + " " + B + "0s" + R + " 250us/step\n";
        Assert.Equal(expected, output.ToString());
    }

    [Fact]
    public void Values_SmallOnesInPythonExponentFormat()
    {
        var (bar, output, clock) = Make(1);
        clock.Now = 0.002;
        bar.Update(1, Values(("a", 1.23456e-4), ("b", -5e-4), ("c", 0.0), ("d", 0.001), ("e", -0.5), ("f", 12345.678), ("g", -0.0011)), finalize: true);
        Assert.Equal(
            "\r" + B + "1/1" + R + " " + Bars(20) + " " + B + "0s" + R + " 2ms/step"
            + " - a: 1.2346e-04 - b: -5.0000e-04 - c: 0.0000e+00 - d: 1.0000e-03 - e: -0.5000 - f: 12345.6780 - g: -0.0011\n",
            output.ToString());
    }

    [Fact]
    public void Values_KeepFirstSeenOrder_AndNullKeepsThePreviousValues()
    {
        var (bar, output, clock) = Make(2);
        bar.Update(1, Values(("loss", 0.5), ("accuracy", 0.25)));
        clock.Now = 0.1;
        bar.Update(2, null, finalize: true);
        Assert.EndsWith(" - loss: 0.5000 - accuracy: 0.2500\n", output.ToString());

        (bar, output, clock) = Make(2);
        bar.Update(1, Values(("loss", 0.5)));
        clock.Now = 0.1;
        bar.Update(2, Values(("val_loss", 0.75), ("loss", 0.4)), finalize: true);
        Assert.EndsWith(" - loss: 0.4000 - val_loss: 0.7500\n", output.ToString());
    }

    [Fact]
    public void Verbose2_OneLineAtFinalize_WithTheSignQuirk()
    {
        var (bar, output, clock) = Make(5, verbose: 2);
        clock.Now = 0.002;
        Assert.False(bar.WouldRender(1, false));
        bar.Update(1, Values(("accuracy", 0.3), ("loss", 1.2)));
        Assert.Equal("", output.ToString());
        clock.Now = 0.01;
        Assert.True(bar.WouldRender(5, true));
        bar.Update(5, Values(("accuracy", 0.30666), ("loss", 1.11983), ("neg", -0.5), ("tiny", 1e-4)), finalize: true);
        // Keras's verbose=2 path tests v > 1e-3 (not abs), so -0.5 is printed in e format.
        Assert.Equal("5/5 - 0s - 2ms/step - accuracy: 0.3067 - loss: 1.1198 - neg: -5.0000e-01 - tiny: 1.0000e-04\n", output.ToString());
    }

    [Fact]
    public void NonDynamic_WritesOnlyTheFinalLine_WithoutEscapes()
    {
        var (bar, output, clock) = Make(5, dynamic: false);
        Assert.False(bar.IsDynamic);
        for (int step = 1; step < 5; step++)
        {
            clock.Now = step * 0.001;
            Assert.False(bar.WouldRender(step, false));
            bar.Update(step, Values(("accuracy", 0.9), ("loss", 0.2)));
        }
        Assert.Equal("", output.ToString());
        clock.Now = 0.009;
        Assert.True(bar.WouldRender(5, true));
        bar.Update(5, Values(("accuracy", 0.95333), ("loss", 0.14116)), finalize: true);
        // (0.009 - 0.001) / 4 = 2 ms per step after the first.
        Assert.Equal("5/5 ━━━━━━━━━━━━━━━━━━━━ 0s 2ms/step - accuracy: 0.9533 - loss: 0.1412\n", output.ToString());
    }

    [Fact]
    public void UnknownTarget_Dynamic()
    {
        var (bar, output, clock) = Make(null);
        clock.Now = 0.01;
        bar.Update(1, Values(("loss", 0.5)));
        clock.Now = 0.02;
        bar.Update(2);
        clock.Now = 0.1;
        bar.Update(3, Values(("loss", 0.25)));
        clock.Now = 0.15;
        bar.Update(3, finalize: true);
        string expected =
            "\r      1/Unknown " + B + "0s" + R + " 10ms/step - loss: 0.5000"
            + Back(43) + "\r      3/Unknown " + B + "0s" + R + " 45ms/step - loss: 0.2500"
            + Back(43) + "\r      3/Unknown " + B + "0s" + R + " 70ms/step - loss: 0.2500\n";
        Assert.Equal(expected, output.ToString());
    }

    [Fact]
    public void UnknownTarget_SetBeforeTheFinalUpdate_AsProgbarLoggerDoes()
    {
        var (bar, output, clock) = Make(null);
        clock.Now = 0.01;
        bar.Update(1, Values(("loss", 0.5)));
        clock.Now = 0.1;
        bar.Update(3, Values(("loss", 0.25)));
        clock.Now = 0.15;
        bar.Target = 3;
        bar.Update(3, finalize: true);
        string expected =
            "\r      1/Unknown " + B + "0s" + R + " 10ms/step - loss: 0.5000"
            + Back(43) + "\r      3/Unknown " + B + "0s" + R + " 45ms/step - loss: 0.2500"
            + Back(43) + "\r" + B + "3/3" + R + " " + Bars(20) + " " + B + "0s" + R + " 70ms/step - loss: 0.2500\n";
        Assert.Equal(expected, output.ToString());
    }

    [Fact]
    public void UnknownTarget_Verbose2_PrintsNothingUntilTheTargetIsKnown()
    {
        var (bar, output, clock) = Make(null, verbose: 2);
        clock.Now = 0.01;
        bar.Update(1, Values(("loss", 0.5)));
        clock.Now = 0.15;
        Assert.False(bar.WouldRender(3, true));
        bar.Update(3, finalize: true);
        Assert.Equal("", output.ToString());

        (bar, output, clock) = Make(null, verbose: 2);
        clock.Now = 0.01;
        bar.Update(1, Values(("loss", 0.5)));
        clock.Now = 0.15;
        bar.Target = 3;
        bar.Update(3, finalize: true);
        Assert.Equal("3/3 - 0s - 70ms/step - loss: 0.5000\n", output.ToString());
    }

    [Fact]
    public void Verbose0_IsSilent()
    {
        var (bar, output, _) = Make(3, verbose: 0);
        Assert.False(bar.WouldRender(3, true));
        bar.Update(1, Values(("loss", 1)));
        bar.Update(3, finalize: true);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void DynamicDisplay_DefaultsToFalseForAWriterThatIsNotTheConsole()
    {
        Assert.False(new Progbar(3, new StringWriter()).IsDynamic);
    }

    [Fact]
    public void Formatting_IgnoresTheCurrentCulture()
    {
        var culture = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NegativeSign = "~";
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = culture;
        try
        {
            var (bar, output, clock) = Make(2, dynamic: false);
            clock.Now = 0.004;
            bar.Update(2, Values(("loss", -0.5), ("lr", 1e-5)), finalize: true);
            Assert.Equal("2/2 ━━━━━━━━━━━━━━━━━━━━ 0s 2ms/step - loss: -0.5000 - lr: 1.0000e-05\n", output.ToString());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData(0.40625, 4, "0.4062")]      // exact binary tie: half to even
    [InlineData(0.40635, 4, "0.4063")]      // not a tie in binary
    [InlineData(2.5, 0, "2")]
    [InlineData(3.5, 0, "4")]
    [InlineData(-0.00001, 4, "-0.0000")]
    [InlineData(1e22, 0, "10000000000000000000000")]
    [InlineData(double.NaN, 4, "nan")]
    [InlineData(double.PositiveInfinity, 4, "inf")]
    [InlineData(double.NegativeInfinity, 2, "-inf")]
    public void PyFloatFormat_Fixed(double value, int decimals, string expected)
    {
        Assert.Equal(expected, PyFloatFormat.Fixed(value, decimals));
    }

    [Theory]
    [InlineData(1.23456e-4, "1.2346e-04")]
    [InlineData(0.0, "0.0000e+00")]
    [InlineData(-0.0, "-0.0000e+00")]
    [InlineData(9.99996, "1.0000e+01")]     // rounding carries into the exponent
    [InlineData(1e100, "1.0000e+100")]
    [InlineData(5e-324, "4.9407e-324")]
    [InlineData(-1e-5, "-1.0000e-05")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void PyFloatFormat_Exponent(double value, string expected)
    {
        Assert.Equal(expected, PyFloatFormat.Exponent(value, 4));
    }
}
