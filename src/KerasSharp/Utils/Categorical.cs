using System;
using System.Collections;
using System.Linq;
using KerasSharp.Backend;
using static TorchSharp.torch;

namespace KerasSharp.Utils;

/// <summary>Keras's <c>keras.utils.to_categorical</c> (keras/src/utils/numerical_utils.py).</summary>
internal static class Categorical
{
    internal static Tensor ToCategorical(object x, int? numClasses)
    {
        TorchRuntime.EnsureLoaded();
        ArgumentNullException.ThrowIfNull(x);
        if (numClasses is < 0)
            throw new ArgumentException($"to_categorical: `num_classes` must be a positive integer. Received: num_classes={numClasses}", "num_classes");
        bool fromTensor = x is Tensor;
        using var scope = NewDisposeScope();
        Tensor labels = x switch
        {
            Tensor t => t,
            int[] a => tensor(a),
            long[] a => tensor(a),
            int[,] a => tensor(a),
            long[,] a => tensor(a),
            float[] a => tensor(a),
            double[] a => tensor(a),
            string => throw new ArgumentException("to_categorical: expected integer class labels, received a string.", nameof(x)),
            IEnumerable e => Data.TensorConversion.Targets(e, "x"),
            _ => throw new ArgumentException($"to_categorical: expected integer class labels (int[], long[], a Tensor or a sequence of numbers), received {x.GetType().Name}.", nameof(x)),
        };
        labels = labels.cpu();
        if (labels.is_floating_point())
        {
            if (!isfinite(labels).all().item<bool>())
                throw new ArgumentException("to_categorical: labels contain NaN or infinity; expected integer class labels.", nameof(x));
            var fractional = labels.masked_select(labels.ne(labels.trunc()));
            if (fractional.numel() > 0)
                throw new ArgumentException(
                    $"to_categorical: labels have a fractional part, e.g. {fractional[0].to_type(ScalarType.Float64).item<double>()}; expected integer class labels.", nameof(x));
        }
        else if (labels.dtype == ScalarType.Bool || !labels.is_integral())
            throw new ArgumentException($"to_categorical: labels have dtype {labels.dtype}; expected integer class labels.", nameof(x));
        labels = labels.to_type(ScalarType.Int64);
        var shape = labels.shape;
        if (shape.Length > 1 && shape[^1] == 1) shape = shape[..^1];
        labels = labels.reshape(-1);
        if (labels.numel() > 0)
        {
            long min = labels.min().item<long>(), max = labels.max().item<long>();
            if (min < 0)
                throw new ArgumentException($"to_categorical: labels must be non-negative class indices, but the smallest is {min}.", nameof(x));
            if (numClasses is not > 0 && max >= int.MaxValue)
                throw new ArgumentException(
                    $"to_categorical: the largest label is {max}, so num_classes would be {max + 1}, more than the {int.MaxValue} classes an int can count; labels must be class indices.", nameof(x));
            int classes = numClasses is > 0 ? numClasses.Value : (int)(max + 1);
            if (max >= classes)
                throw new ArgumentException($"to_categorical: label {max} is out of range for num_classes={classes} (labels must be in [0, {classes - 1}]).", nameof(x));
            numClasses = classes;
        }
        int c = numClasses is > 0 ? numClasses.Value : 0;
        Tensor onehot;
        try
        {
            onehot = nn.functional.one_hot(labels, c).to_type(fromTensor ? ScalarType.Float32 : ScalarType.Float64);
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            throw new InsufficientMemoryException(
                $"to_categorical: cannot allocate the one-hot matrix of {labels.numel()} labels by {c} classes ({labels.numel() * (double)c * 8 / (1L << 30):0.##} GiB): {e.Message}", e);
        }
        return onehot.reshape(shape.Append(c).ToArray()).MoveToOuterDisposeScope();
    }
}
