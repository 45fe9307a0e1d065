using KerasSharp.Optimizers;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static KerasSharp.keras.optimizers;

namespace KerasSharp.Examples.Optimization;

/// <summary>
/// Cell 4, "Wrapping things up in keras": a 10-20-3 model, its summary, and compile with optimizer names or objects.
/// </summary>
public static class Cell4_KerasCompile
{
    /// <summary>Runs the cell and returns the compiled model.</summary>
    public static Models.Sequential Run()
    {
        Console.WriteLine("Cell 4: Wrapping things up in keras");

        // model = Sequential([
        //     InputLayer(input_shape=(10, )),
        //     Dense(units=20, activation="relu"),
        //     Dense(units=3, activation="softmax")
        // ])
        //
        // model.summary()
        var model = Sequential([
            InputLayer(input_shape: [10]),
            Dense(units: 20, activation: "relu"),
            Dense(units: 3, activation: "softmax")
        ]);

        model.summary();

        // model.compile(loss="categorical_crossentropy", optimizer="adam")
        model.compile(loss: "categorical_crossentropy", optimizer: "adam");

        // from keras.optimizers import Adam, SGD
        //
        // # Not a very good idea to tune beta_1
        // # and beta_2 parameters in Adam
        // adam_opt = Adam(learning_rate=0.001,
        //                 beta_1=0.9, beta_2=0.9)
        //
        // # In order to use SGD with a custom learning rate:
        // # sgd_opt = SGD(learning_rate=0.001)
        //
        // model.compile(loss="categorical_crossentropy", optimizer=adam_opt)
        Adam adam_opt = Adam(learning_rate: 0.001,
                             beta_1: 0.9, beta_2: 0.9);

        // In order to use SGD with a custom learning rate:
        SGD sgd_opt = SGD(learning_rate: 0.001);

        model.compile(loss: "categorical_crossentropy", optimizer: adam_opt);
        Console.WriteLine($"  compiled with {model.optimizer} (an SGD would be {sgd_opt})");
        return model;
    }
}
