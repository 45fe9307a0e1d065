using KerasSharp.Callbacks;
using KerasSharp.Plotting;
using Xunit;

namespace KerasSharp.Tests.Callbacks;

/// <summary>The regularization chapter's figure: training and validation curves and a dashed line at the best validation value.</summary>
public sealed class ValidationPlotTests
{
    static History Made()
    {
        var h = new History();
        h.history["loss"] = [1.0, 0.6, 0.4, 0.3];
        h.history["val_loss"] = [1.1, 0.7, 0.65, 0.8];
        h.history["accuracy"] = [0.5, 0.6, 0.7, 0.8];
        h.history["val_accuracy"] = [0.4, 0.7, 0.6, 0.5];
        h.epoch.AddRange([0, 1, 2, 3]);
        return h;
    }

    [Fact]
    public void PlotValidation_DrawsBothCurves_AndTheBestValueDashed()
    {
        var fig = Made().plot_validation(xlim: 3);
        var panel = Assert.Single(fig.Panels);
        Assert.Equal(3, panel.Lines.Count);
        Assert.Equal([1.0, 2, 3, 4], panel.Lines[0].X);
        Assert.Equal([1.1, 0.7, 0.65, 0.8], panel.Lines[1].Y);
        Assert.Equal([0.65, 0.65], panel.Lines[2].Y);   // the minimum validation loss
        Assert.Equal("#000000", panel.Lines[2].Color);
        Assert.Equal((0.0, 3.0), panel.XLim);
        Assert.True(panel.Legend);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, fig.ToPng()[..4]);
        Assert.Equal([0.7, 0.7], Made().plot_validation(metric: "accuracy").Panels[0].Lines[2].Y);   // accuracy: the maximum
    }

    [Fact]
    public void PlotValidation_WithoutValidation_SaysWhatIsMissing()
    {
        var h = new History();
        h.history["loss"] = [1.0];
        var e = Assert.Throws<ArgumentException>(() => h.plot_validation());
        Assert.Contains("val_loss", e.Message);
        Assert.Throws<ArgumentException>(() => Made().plot_validation(xlim: -1));
    }
}
