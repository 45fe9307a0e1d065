"""Makes masked_loss.json with real Keras 3.11.3 (torch backend): the output's mask (Embedding(mask_zero=True) carried
to the model's output) folded into the loss and the compiled metrics by model.evaluate and model.fit, alone and with
sample_weight / class_weight, for a per-step model (LSTM(return_sequences=True) -> Dense), a model whose mask ends
(LSTM(return_sequences=False)) and a per-step Dense regression with mse/mae.

Run: /work/shared/tools/real-keras/run.sh <keras git dir> make_masked_loss_fixtures.py <output folder>
Weights are fixed patterns written into the JSON (each model's get_weights() order), so the C# tests feed the same.
"""
import json, os, sys
import numpy as np
import keras
from keras import layers

out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
V, T, E, U, C = 6, 5, 3, 4, 3


def pattern(shape, salt, scale=0.5):
    n = int(np.prod(shape))
    k = np.arange(n)
    return (((k * 7 + salt) % 17 - 8) / 8.0 * scale).astype("float32").reshape(shape)


ids = np.array([[1, 2, 3, 0, 0], [4, 5, 0, 0, 0], [2, 2, 2, 2, 1], [0, 3, 0, 5, 0]], dtype="int32")
y_seq = np.array([[0, 1, 2, 1, 0], [2, 0, 1, 1, 2], [1, 1, 0, 2, 2], [2, 0, 1, 0, 1]], dtype="int32")
y_last = np.array([0, 2, 1, 2], dtype="int32")
y_reg = pattern((4, T, 2), 5, 1.0)
sw = np.array([1.0, 2.0, 0.5, 1.5], dtype="float32")
# Per-step outputs need per-step weights: Keras's apply_mask multiplies a (batch,) weight into the (batch, T) mask
# without expanding it (squeeze_or_expand_to_same_rank expands only when T == 1), which fails for T != batch.
sw_steps = pattern((4, T), 11, 1.0) + 1.0
cw = {0: 1.0, 1: 3.0, 2: 0.5}


def model_for(kind):
    inp = keras.Input((T,), dtype="int32")
    x = layers.Embedding(V, E, mask_zero=True)(inp)
    if kind == "seq":
        x = layers.LSTM(U, return_sequences=True)(x)
        out = layers.Dense(C, activation="softmax")(x)
    elif kind == "last":
        x = layers.LSTM(U)(x)
        out = layers.Dense(C, activation="softmax")(x)
    else:
        out = layers.Dense(2)(x)
    m = keras.Sequential(keras.Model(inp, out).layers[1:])
    m.build((None, T))
    m.set_weights([pattern(w.shape, 3 + i, 0.6) for i, w in enumerate(m.get_weights())])
    return m


def compile_(m, kind):
    loss, metrics = ("mse", ["mae"]) if kind == "reg" else ("sparse_categorical_crossentropy", ["accuracy"])
    m.compile(optimizer=keras.optimizers.SGD(0.5), loss=loss, metrics=metrics)


cases = []
for kind in ["seq", "last", "reg"]:
    y = {"seq": y_seq, "last": y_last, "reg": y_reg}[kind]
    for weighting in ["none", "sample_weight", "class_weight"]:
        if weighting == "class_weight" and kind != "last":
            continue
        m = model_for(kind)
        compile_(m, kind)
        initial = [w.tolist() for w in m.get_weights()]
        w = sw if kind == "last" else sw_steps
        ev = m.evaluate(ids, y, batch_size=4, verbose=0, return_dict=True,
                        sample_weight=w if weighting == "sample_weight" else None)
        kw = {}
        if weighting == "sample_weight": kw["sample_weight"] = w
        if weighting == "class_weight": kw["class_weight"] = cw
        h = m.fit(ids, y, batch_size=4, epochs=1, shuffle=False, verbose=0, **kw)
        cases.append({
            "kind": kind, "weighting": weighting,
            "initial_weights": initial,
            "evaluate": {k: float(v) for k, v in ev.items()},
            "fit_history": {k: float(v[0]) for k, v in h.history.items()},
            "weights_after_step": [w.tolist() for w in m.get_weights()],
        })

json.dump({"keras_version": keras.__version__, "ids": ids.tolist(), "y_seq": y_seq.tolist(), "y_last": y_last.tolist(),
           "y_reg": y_reg.tolist(), "sample_weight": sw.tolist(), "sample_weight_steps": sw_steps.tolist(), "class_weight": {str(k): v for k, v in cw.items()},
           "cases": cases}, open(os.path.join(out_dir, "masked_loss.json"), "w"), indent=1)
print("ok", len(cases))
