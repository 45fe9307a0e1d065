using KerasSharp.Callbacks;
using KerasSharp.Models;
using Microsoft.Data.Analysis;
using static KerasSharp.keras.callbacks;

namespace KerasSharp.Examples.Regularization;

/// <summary>Cell 2, early stopping: the same training stopped 10 epochs after the best validation loss, best weights restored.</summary>
public static class Cell2_EarlyStopping
{
    /// <summary>Trains with EarlyStopping, prints the best epoch and writes <c>early_stopping.png</c>.</summary>
    public static (Sequential model, History h) Run(DataFrame X, object y, string figuresDir)
    {
        Console.WriteLine("Cell 2: early stopping (monitor=\"val_loss\", patience=10, restore_best_weights=True)");
        // set_random_seed(0)
        // model = Sequential([...])    # as in cell 1
        // model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
        // cb_es = EarlyStopping(monitor="val_loss", patience=10, restore_best_weights=True)
        // h = model.fit(X, y, validation_split=0.3, epochs=n_epochs, batch_size=30, verbose=0, callbacks=[cb_es])
        var cb_es = EarlyStopping(monitor: "val_loss", patience: 10, restore_best_weights: true);
        var (model, h) = Chapter.train(X, y, () => Chapter.make_model(), callbacks: [cb_es]);
        Chapter.report(h, "Early stopping", Path.Combine(figuresDir, "early_stopping.png"));
        return (model, h);
    }
}
