using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Removes rows before and after each spatial axis (Keras: keras/src/layers/reshaping/cropping1d.py, cropping2d.py,
/// cropping3d.py). The result is a view of the input (no copy), in whatever memory layout the input has. A cropping
/// that leaves no element along an axis is refused, naming the input shape and the cropping.
/// </summary>
public abstract class BaseCropping : Layer
{
    readonly int _rank;

    /// <summary>Keras's arguments, the cropping already expanded to (before, after) per spatial axis.</summary>
    protected BaseCropping(int rank, (int before, int after)[] cropping, string? data_format,
        string? name, string? dtype, bool trainable, int[]? input_shape, int? input_dim, int? batch_size)
        : base(name, trainable, dtype: dtype, input_shape: input_shape, input_dim: input_dim, batch_size: batch_size)
    {
        _rank = rank;
        pairs = cropping;
        this.data_format = SpatialLayout.Standardize(data_format);
    }

    /// <summary>The rows removed (before, after) each spatial axis.</summary>
    internal (int before, int after)[] pairs { get; }

    /// <summary>"channels_last" or "channels_first".</summary>
    public string data_format { get; }

    int FirstSpatial => data_format == "channels_last" ? 1 : 2;

    /// <inheritdoc />
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        SpatialLayout.CheckRank(this, input_shape, _rank, data_format);
        var s = (long?[])input_shape.Clone();
        for (int i = 0; i < _rank; i++)
        {
            if (s[FirstSpatial + i] is not { } size) continue;
            s[FirstSpatial + i] = size - pairs[i].before - pairs[i].after;
            if (s[FirstSpatial + i] <= 0) throw TooLarge(ShapeUtils.Format(input_shape), "input_shape");
        }
        return s;
    }

    /// <inheritdoc />
    public override Tensor call(Tensor inputs, bool training)
    {
        SpatialLayout.CheckRank(this, inputs, _rank, data_format);
        var x = inputs;
        for (int i = 0; i < _rank; i++)
        {
            int axis = FirstSpatial + i;
            long left = inputs.shape[axis] - pairs[i].before - pairs[i].after;
            if (left <= 0) throw TooLarge(ShapeUtils.Format(inputs), "inputs.shape");
            if (left != inputs.shape[axis]) x = x.narrow(axis, pairs[i].before, left);
        }
        return x;
    }

    ArgumentException TooLarge(string shape, string label) => new(
        $"Values in `cropping` argument should be smaller than the corresponding spatial dimension of the input. Received: {label}={shape}, cropping={CroppingText} (layer '{name}', {class_name}).",
        "inputs");

    /// <summary>The cropping as Keras prints it in errors.</summary>
    private protected virtual string CroppingText => IntPairs.Format(pairs);

    /// <inheritdoc />
    public override Dictionary<string, object?> get_config()
    {
        var c = base.get_config();
        c["cropping"] = IntPairs.ToConfig(pairs);
        c["data_format"] = data_format;
        return c;
    }
}
