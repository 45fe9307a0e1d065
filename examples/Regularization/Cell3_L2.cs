using KerasSharp.Callbacks;
using Microsoft.Data.Analysis;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.regularizers;

namespace KerasSharp.Examples.Regularization;

/// <summary>Cell 3, L2 penalty: <c>kernel_regularizer=L2(0.01)</c> on the three hidden layers.</summary>
public static class Cell3_L2
{
    /// <summary>Trains with the penalty, prints the best epoch and writes <c>l2.png</c>.</summary>
    public static History Run(DataFrame X, object y, string figuresDir)
    {
        Console.WriteLine("Cell 3: L2 penalty (kernel_regularizer=L2(0.01) on the hidden layers)");
        // set_random_seed(0)
        // model = Sequential([InputLayer(input_shape=(4, )),
        //                     Dense(units=256, activation="relu", kernel_regularizer=L2(0.01)),
        //                     Dense(units=256, activation="relu", kernel_regularizer=L2(0.01)),
        //                     Dense(units=256, activation="relu", kernel_regularizer=L2(0.01)),
        //                     Dense(units=3, activation="softmax")])
        // model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
        // h = model.fit(X, y, validation_split=0.3, epochs=n_epochs, batch_size=30, verbose=0)
        var (_, h) = Chapter.train(X, y, () => Chapter.make_model(hidden: () => Dense(units: 256, activation: "relu", kernel_regularizer: L2(0.01))));
        Chapter.report(h, "L2 penalty", Path.Combine(figuresDir, "l2.png"));
        return h;
    }
}
