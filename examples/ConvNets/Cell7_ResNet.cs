using KerasSharp.Models;
using KerasSharp.Backend;
using KerasSharp.Plotting;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.utils;

namespace KerasSharp.Examples.ConvNets;

/// <summary>
/// Cell 7: the anatomy of a ResNet. A small residual network built with the functional API (a residual block adds its
/// input to the output of two convolutions, then applies the ReLU: <c>Add</c> + <c>Activation</c>), ending in
/// <c>GlobalAveragePooling2D</c> instead of Flatten + Dense layers; its summary (with Keras's "Connected to" column) and
/// its validation accuracy on the same digits and split as the LeNet's, next to the LeNet's.
/// </summary>
public static class Cell7_ResNet
{
    // def conv_bn(x, filters, strides=1):
    //     x = Conv2D(filters, 3, strides=strides, padding="same", use_bias=False)(x)
    //     return BatchNormalization(momentum=0.9)(x)
    /// <summary>
    /// A 3x3 convolution followed by batch normalization (the normalization's shift replaces the bias). Momentum 0.9:
    /// with Keras's default 0.99 the moving statistics that inference uses still lag after 450 steps, and the validation
    /// accuracy stays far below the training accuracy.
    /// </summary>
    public static KerasTensor conv_bn(KerasTensor x, int filters, int strides = 1) =>
        BatchNormalization(momentum: 0.9).call(Conv2D(filters, 3, strides: strides, padding: "same", use_bias: false).call(x));

    // def residual_block(x, filters):
    //     y = Activation("relu")(conv_bn(x, filters))
    //     y = conv_bn(y, filters)
    //     return Activation("relu")(Add()([x, y]))
    /// <summary>Two convolutions and the identity shortcut: <c>relu(x + bn(conv(relu(bn(conv(x))))))</c>.</summary>
    public static KerasTensor residual_block(KerasTensor x, int filters)
    {
        var y = Activation("relu").call(conv_bn(x, filters));
        y = conv_bn(y, filters);
        return Activation("relu").call(Add().call([x, y]));
    }

    // inputs = keras.Input(shape=(32, 32, 1))
    // x = Activation("relu")(conv_bn(inputs, 8, strides=2))     # 16x16x8
    // x = residual_block(x, 8)
    // x = Activation("relu")(conv_bn(x, 16, strides=2))         # 8x8x16
    // x = residual_block(x, 16)
    // outputs = Dense(10, activation="softmax")(GlobalAveragePooling2D()(x))
    // model = keras.Model(inputs=inputs, outputs=outputs, name="resnet")
    /// <summary>The small ResNet: a strided stem, two residual blocks with a strided convolution between them, global average pooling.</summary>
    public static Functional resnet()
    {
        var inputs = keras.Input(shape: [32, 32, 1]);
        var x = Activation("relu").call(conv_bn(inputs, 8, strides: 2));
        x = residual_block(x, 8);
        x = Activation("relu").call(conv_bn(x, 16, strides: 2));
        x = residual_block(x, 16);
        var outputs = Dense(10, activation: "softmax").call(GlobalAveragePooling2D().call(x));
        return keras.Model(inputs: inputs, outputs: outputs, name: "resnet");
    }

    /// <summary>Runs the cell; returns the ResNet's final validation accuracy.</summary>
    public static double Run(string figuresDir, string digitsCsv, int epochs, double lenetAccuracy)
    {
        Console.WriteLine("Cell 7: a small ResNet");
        set_random_seed(0);
        var model = resnet();
        model.summary();                                                              // model.summary()

        // The LeNet's recipe (Cell6_LeNet.fit_on_digits): the same shuffled digits, split, Adam, batches and epochs.
        var (h, x, _) = Cell6_LeNet.fit_on_digits(model, digitsCsv, epochs);
        double valAccuracy = h.history["val_accuracy"][^1];
        Console.WriteLine($"  validation accuracy after {epochs} epochs: ResNet {valAccuracy:P2} ({model.count_params():N0} parameters), LeNet {lenetAccuracy:P2} (61,706 parameters)");
        Console.WriteLine($"  wrote {Path.GetFileName(h.plot().SavePng(Path.Combine(figuresDir, "resnet_learning_curves.png")))}");
        model.Dispose();
        x.Dispose();
        return valAccuracy;
    }
}
