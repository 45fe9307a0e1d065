using KerasSharp.Callbacks;
using KerasSharp.Models;
using Microsoft.Data.Analysis;

namespace KerasSharp.Examples.Regularization;

/// <summary>Cell 4, dropout: <c>Dropout(rate=0.2)</c> after the input and after each hidden layer.</summary>
public static class Cell4_Dropout
{
    /// <summary>Trains with dropout, prints the best epoch and writes <c>dropout.png</c>.</summary>
    public static (Sequential model, History h) Run(DataFrame X, object y, string figuresDir)
    {
        Console.WriteLine("Cell 4: dropout (rate=0.2 after the input and each hidden layer)");
        // set_random_seed(0)
        // model = Sequential([InputLayer(input_shape=(4, )), Dropout(rate=0.2),
        //                     Dense(units=256, activation="relu"), Dropout(rate=0.2),
        //                     Dense(units=256, activation="relu"), Dropout(rate=0.2),
        //                     Dense(units=256, activation="relu"), Dropout(rate=0.2),
        //                     Dense(units=3, activation="softmax")])
        // model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
        // h = model.fit(X, y, validation_split=0.3, epochs=n_epochs, batch_size=30, verbose=0)
        var (model, h) = Chapter.train(X, y, () => Chapter.make_model(dropout: 0.2));
        Chapter.report(h, "Dropout", Path.Combine(figuresDir, "dropout.png"));
        return (model, h);
    }
}
