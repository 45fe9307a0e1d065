using KerasSharp.Callbacks;
using Microsoft.Data.Analysis;

namespace KerasSharp.Examples.Regularization;

/// <summary>Cell 1, overfitting: the plain model with a validation split; validation loss rises again after its minimum.</summary>
public static class Cell1_Overfitting
{
    /// <summary>Trains, prints the best epoch and writes <c>overfitting.png</c>.</summary>
    public static History Run(DataFrame X, object y, string figuresDir)
    {
        Console.WriteLine("Cell 1: overfitting (validation_split=0.3, 100 epochs)");
        // set_random_seed(0)
        // model = Sequential([InputLayer(input_shape=(4, )),
        //                     Dense(units=256, activation="relu"), Dense(units=256, activation="relu"),
        //                     Dense(units=256, activation="relu"), Dense(units=3, activation="softmax")])
        // model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
        // h = model.fit(X, y, validation_split=0.3, epochs=n_epochs, batch_size=30, verbose=0)
        var (_, h) = Chapter.train(X, y, () => Chapter.make_model());
        Chapter.report(h, "No regularization", Path.Combine(figuresDir, "overfitting.png"));
        return h;
    }
}
