using System.Text.Json;
using KerasSharp.Layers;
using KerasSharp.Models;
using KerasSharp.Tests.Saving;
using Xunit;
using static KerasSharp.keras.layers;
using static KerasSharp.keras.models;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Recurrent;

/// <summary>
/// .keras archives with recurrent layers: a Keras-made Embedding(mask_zero) + LSTM classifier loads and predicts as
/// Keras did (Fixtures/keras_embedding_lstm.keras), and KerasSharp's archives round-trip (Keras reading them is checked
/// by Fixtures/check_keras_loads_rnn.py).
/// </summary>
public sealed class RecurrentSavingTests : TorchTest
{
    [Fact]
    public void KerasMadeEmbeddingLstm_LoadsAndPredictsIdentically()
    {
        var model = load_model(Fixture.Path("keras_embedding_lstm.keras"));
        var seq = Assert.IsType<Sequential>(model);
        var emb = Assert.IsType<Embedding>(seq.layers[0]);
        var lstm = Assert.IsType<LSTM>(seq.layers[1]);
        Assert.Equal((10, 3, true), (emb.input_dim, emb.output_dim, emb.mask_zero));
        Assert.Equal((4, "tanh", "sigmoid", true), (lstm.cell.units, lstm.cell.activation.name, lstm.cell.recurrent_activation.name, lstm.cell.unit_forget_bias));
        Assert.Equal("Orthogonal", lstm.cell.recurrent_initializer.class_name);
        var expected = JsonDocument.Parse(File.ReadAllText(Fixture.Path("keras_embedding_lstm_predictions.json"))).RootElement;
        var ids = Fixture.ToTensor(expected.GetProperty("ids")).to_type(ScalarType.Int64);
        var y = model.predict(ids);
        var keras = Fixture.ToTensor(expected.GetProperty("predictions"));
        Assert.True((y - keras).abs().max().item<float>() < 1e-6, $"max diff {(y - keras).abs().max().item<float>()}");
    }

    [Theory]
    [InlineData("LSTM")]
    [InlineData("GRU")]
    [InlineData("GRU_reset_before")]
    [InlineData("SimpleRNN")]
    [InlineData("RNN_of_LSTMCell")]
    public void KerasSharpArchive_RoundTrips(string kind)
    {
        Layer layer = kind switch
        {
            "LSTM" => LSTM(5, return_sequences: true, go_backwards: true, dropout: 0.1),
            "GRU" => GRU(5, return_sequences: true, recurrent_dropout: 0.2),
            "GRU_reset_before" => GRU(5, return_sequences: true, reset_after: false, activation: "relu"),
            "SimpleRNN" => SimpleRNN(5, return_sequences: true, use_bias: false),
            _ => RNN(LSTMCell(5, unit_forget_bias: false), return_sequences: true),
        };
        var model = Sequential([InputLayer(shape: [6]), Embedding(20, 4, mask_zero: true), Masking(), layer, LSTM(3), Dense(2, activation: "softmax")]);
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam");
        var ids = randint(0, 20, new long[] { 8, 6 });
        model.fit(ids, randint(0, 2, new long[] { 8 }), epochs: 1, verbose: 0);
        using var dir = new TempFolder();
        var path = dir.File("m.keras");
        model.save(path);
        var loaded = load_model(path);
        Assert.Equal(model.get_weights().Count, loaded.get_weights().Count);
        Assert.True((model.predict(ids) - loaded.predict(ids)).abs().max().item<float>() < 1e-6);
        Assert.Equal(KerasSharp.Saving.PythonJson.Dumps(KerasSharp.Saving.Serialization.Layer(model)), KerasSharp.Saving.PythonJson.Dumps(KerasSharp.Saving.Serialization.Layer(loaded)));
    }
    /// <summary>The fixtures' pattern: ((k * 7 + salt) % 17 - 8) / 16 over the flat index k.</summary>
    static Tensor Pattern(long[] shape, int salt)
    {
        long n = shape.Aggregate(1L, (a, b) => a * b);
        return tensor(Enumerable.Range(0, (int)n).Select(k => ((k * 7 + salt) % 17 - 8) / 16f).ToArray()).reshape(shape);
    }

    [Fact]
    public void ArchiveForKeras_IsWrittenWithItsPredictions()
    {
        // Fixtures/check_keras_loads_rnn.py loads this archive in real Keras and compares its predictions with ours.
        var model = Sequential([InputLayer(shape: [6]), Embedding(20, 4, mask_zero: true), LSTM(5, return_sequences: true),
            GRU(4, return_sequences: true, reset_after: false), GRU(3, return_sequences: true), SimpleRNN(3, go_backwards: true), Dense(2, activation: "softmax")]);
        model.set_weights(model.get_weights().Select((w, i) => Pattern(w.shape, i + 1)).ToList());
        model.compile(loss: "sparse_categorical_crossentropy", optimizer: "adam");
        var ids = tensor(new long[,] { { 3, 1, 4, 1, 5, 0 }, { 0, 0, 9, 2, 6, 5 }, { 19, 18, 17, 0, 0, 0 } });
        var y = model.predict(ids);
        using var dir = new TempFolder();
        model.save(dir.File("m.keras"));
        Assert.True((load_model(dir.File("m.keras")).predict(ids) - y).abs().max().item<float>() == 0);
        if (Environment.GetEnvironmentVariable("KERASSHARP_EXPORT") is { Length: > 0 } export)
        {
            File.Copy(dir.File("m.keras"), Path.Combine(export, "written_by_kerassharp_rnn.keras"), overwrite: true);
            File.WriteAllText(Path.Combine(export, "written_by_kerassharp_rnn.json"), JsonSerializer.Serialize(new
            {
                ids = Enumerable.Range(0, 3).Select(r => ids[r].data<long>().ToArray()).ToArray(),
                predictions = Enumerable.Range(0, 3).Select(r => y[r].data<float>().ToArray()).ToArray(),
            }));
        }
    }
}
