"""Makes mask_propagation.json with real Keras 3.11.3 (torch backend): masks carried through layers that support
masking (Dense, Activation, Dropout, GaussianNoise, Rescaling, TimeDistributed, merge layers) to the recurrent layers
and GlobalAveragePooling1D that consume them, and ended by a layer that does not (Conv1D, with Keras's warning).

Run: /work/shared/tools/real-keras/run.sh <keras git dir> make_mask_fixtures.py <output folder>
Weights are fixed patterns written into the JSON beside the inputs and outputs, so the C# tests feed the same numbers
(each model's get_weights() order).
"""
import json, os, sys, warnings
import numpy as np
import keras
from keras import layers

out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
T, D, U = 5, 3, 4


def pattern(shape, salt, scale=0.5):
    n = int(np.prod(shape))
    k = np.arange(n)
    return (((k * 7 + salt) % 17 - 8) / 8.0 * scale).astype("float32").reshape(shape)


# Zeros in the middle, at the end and at the start, so masked steps are not right-padding only.
ids1 = np.array([[3, 1, 4, 0, 0], [0, 2, 7, 1, 8], [5, 0, 0, 9, 2]], dtype="int32")
ids2 = np.array([[1, 0, 2, 0, 3], [4, 4, 0, 0, 0], [0, 6, 0, 9, 1]], dtype="int32")
x = pattern((3, T, D), 3, 1.0)
x[0, 1, :] = 0.0
x[2, 3:, :] = 0.0
cases = []


def record(name, model, inputs, salt):
    ws = [pattern(w.shape, salt + i) for i, w in enumerate(model.get_weights())]
    model.set_weights(ws)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        y = model.predict(inputs if len(inputs) > 1 else inputs[0], verbose=0)
    cases.append({
        "name": name,
        "inputs": [np.asarray(a).tolist() for a in inputs],
        "weights": [w.tolist() for w in ws],
        "weight_shapes": [list(w.shape) for w in ws],
        "output": np.asarray(y).tolist(),
        "warnings": sorted({str(w.message) for w in caught if "mask" in str(w.message)}),
    })


def ids_input(name=None):
    return keras.Input((T,), dtype="int32", name=name)


keras.utils.set_random_seed(0)
record("embedding_dense_lstm", keras.Sequential([
    ids_input(), layers.Embedding(10, D, mask_zero=True), layers.Dense(U, activation="tanh"), layers.LSTM(U)]), [ids1], 21)
record("embedding_regularization_stack_gru_gap", keras.Sequential([
    ids_input(), layers.Embedding(10, D, mask_zero=True), layers.Dropout(0.3), layers.Activation("relu"),
    layers.Rescaling(0.5, offset=0.25), layers.GaussianNoise(0.1), layers.ActivityRegularization(l2=0.01),
    layers.GRU(U, return_sequences=True), layers.GlobalAveragePooling1D()]), [ids1], 31)
record("masking_timedistributed_simplernn", keras.Sequential([
    keras.Input((T, D)), layers.Masking(0.0), layers.TimeDistributed(layers.Dense(D)), layers.SimpleRNN(U)]), [x], 41)
record("embedding_dense_bidirectional_lstm", keras.Sequential([
    ids_input(), layers.Embedding(10, D, mask_zero=True), layers.Dense(D), layers.Bidirectional(layers.LSTM(U))]), [ids1], 51)
# Conv1D does not support masking: it ends the mask (Keras warns), so the LSTM runs every step.
record("embedding_conv1d_lstm", keras.Sequential([
    ids_input(), layers.Embedding(10, D, mask_zero=True), layers.Conv1D(D, 1, name="conv"), layers.LSTM(U)]), [ids1], 61)

# Functional graphs: masks ride on the tensors; merge layers combine them.
a, b = ids_input("a"), ids_input("b")
ea = layers.Embedding(10, D, mask_zero=True)(a)
eb = layers.Embedding(10, D, mask_zero=True)(b)
record("functional_add_lstm", keras.Model([a, b], layers.LSTM(U)(layers.Add()([ea, layers.Dense(D)(eb)]))), [ids1, ids2], 71)

# Concatenate's compute_mask calls ops.broadcast_to, which fails on this oracle's torch 1.13 ("argument 'size' must be
# tuple of ints"); the C# tests check Concatenate's mask against Keras's formula by hand instead.
a, b = ids_input("a"), keras.Input((T, D), name="b")
ea = layers.Embedding(10, D, mask_zero=True)(a)
record("functional_multiply_one_unmasked_lstm",
       keras.Model([a, b], layers.LSTM(U)(layers.Multiply()([ea, b]))), [ids1, x], 101)

a = ids_input("a")
h = layers.Dense(D, activation="relu")(layers.Embedding(10, D, mask_zero=True)(a))
record("functional_dense_lstm_sequences_gap",
       keras.Model(a, layers.GlobalAveragePooling1D()(layers.LSTM(U, return_sequences=True)(h))), [ids1], 111)

with open(os.path.join(out_dir, "mask_propagation.json"), "w") as f:
    json.dump({"T": T, "D": D, "U": U, "cases": cases}, f)
print("ok", len(cases))
