# Trains small 2-output functional models with real Keras 3.11.3 (SGD, fixed weights and data, no shuffling) and
# prints their History, evaluate and predict results as JSON, for the C# multi-output tests (MultiOutputTests.cs).
# usage: /work/shared/tools/real-keras/run.sh <keras git dir> make_multi_output_oracle.py > multi_output_oracle.json
import json

import numpy as np

import keras

N = 16
rows = np.arange(N * 4, dtype="float64").reshape(N, 4)
x = np.sin(rows * 0.7).astype("float32")
y_reg = (np.cos(np.arange(N) * 0.9) * 2.0).reshape(N, 1).astype("float32")
y_cls = (np.arange(N) * 7 % 3).astype("int64")
y_onehot = np.eye(3, dtype="float32")[y_cls]
sw = (0.5 + (np.arange(N) % 4) * 0.25).astype("float32")
x_val = np.cos(rows[:6] * 0.3).astype("float32")
y_reg_val = (np.sin(np.arange(6) * 1.3)).reshape(6, 1).astype("float32")
y_cls_val = (np.arange(6) % 3).astype("int64")


def weights_for(model):
    out = []
    k = 0
    for w in model.get_weights():
        n = w.size
        out.append((np.sin(np.arange(k, k + n) * 1.7) * 0.6).reshape(w.shape).astype("float32"))
        k += n
    return out


def make_model():
    inp = keras.Input((4,), name="features")
    h = keras.layers.Dense(5, activation="tanh", name="hidden")(inp)
    reg = keras.layers.Dense(1, name="reg")(h)
    cls = keras.layers.Dense(3, activation="softmax", name="cls")(h)
    model = keras.Model(inp, [reg, cls], name="two_heads")
    model.set_weights(weights_for(model))
    return model


def make_two_input_model():
    a = keras.Input((4,), name="a")
    b = keras.Input((2,), name="b")
    h = keras.layers.Dense(3, activation="relu", name="hidden")(keras.layers.Concatenate(name="joined")([a, b]))
    reg = keras.layers.Dense(1, name="reg")(h)
    cls = keras.layers.Dense(3, activation="softmax", name="cls")(h)
    model = keras.Model({"a": a, "b": b}, {"reg": reg, "cls": cls}, name="two_in_two_out")
    model.set_weights(weights_for(model))
    return model


def floats(d):
    return {k: [float(v) for v in vs] if isinstance(vs, list) else float(vs) for k, vs in d.items()}


result = {
    "data": {
        "x": x.tolist(), "y_reg": y_reg.tolist(), "y_cls": y_cls.tolist(), "sample_weight": sw.tolist(),
        "x_val": x_val.tolist(), "y_reg_val": y_reg_val.tolist(), "y_cls_val": y_cls_val.tolist(),
    },
    "cases": {},
}

# A: dictionaries keyed by output name, validation_split. The targets are a list: Keras 3.11.3 raises KeyError
# ("The path: (0,) in the `loss` argument, can't be found ...") for dict targets when the outputs are a list.
m = make_model()
result["weights"] = [w.tolist() for w in m.get_weights()]
m.compile(optimizer=keras.optimizers.SGD(0.1),
          loss={"reg": "mse", "cls": "sparse_categorical_crossentropy"},
          loss_weights={"reg": 0.5, "cls": 2.0},
          metrics={"reg": ["mae"], "cls": ["accuracy"]})
h = m.fit(x, [y_reg, y_cls], batch_size=4, epochs=2, shuffle=False, validation_split=0.25, verbose=0)
ev = m.evaluate(x, [y_reg, y_cls], batch_size=5, verbose=0, return_dict=True)
p = m.predict(x[:3], verbose=0)
result["cases"]["dicts"] = {"history": floats(h.history), "evaluate": floats(ev),
                            "predict": [q.tolist() for q in p], "weights_after": [w.tolist() for w in m.get_weights()]}

# B: lists, sample_weight broadcast to both outputs, validation_data.
m = make_model()
m.compile(optimizer=keras.optimizers.SGD(0.05),
          loss=["mse", "sparse_categorical_crossentropy"],
          loss_weights=[1.0, 0.3],
          metrics=[["mae", "mse"], ["accuracy"]])
h = m.fit(x, [y_reg, y_cls], sample_weight=sw, batch_size=5, epochs=2, shuffle=False,
          validation_data=(x_val, [y_reg_val, y_cls_val]), verbose=0)
ev = m.evaluate(x, [y_reg, y_cls], sample_weight=sw, verbose=0, return_dict=True)
result["cases"]["lists"] = {"history": floats(h.history), "evaluate": floats(ev),
                            "weights_after": [w.tolist() for w in m.get_weights()]}

# C: one loss for every output, metrics for one output only (a dict), no loss_weights.
m = make_model()
m.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics={"cls": "mae"})
h = m.fit(x, [y_reg, y_onehot], batch_size=8, epochs=2, shuffle=False, verbose=0)
ev = m.evaluate(x, [y_reg, y_onehot], verbose=0, return_dict=True)
result["cases"]["one_loss"] = {"history": floats(h.history), "evaluate": floats(ev),
                               "weights_after": [w.tolist() for w in m.get_weights()]}

# D: two inputs and two outputs, all as dictionaries.
m = make_two_input_model()
result["two_input_weights"] = [w.tolist() for w in m.get_weights()]
m.compile(optimizer=keras.optimizers.SGD(0.1),
          loss={"reg": "mse", "cls": "sparse_categorical_crossentropy"},
          metrics={"cls": ["accuracy"]})
xd = {"a": x, "b": x[:, :2] * 2.0}
h = m.fit(xd, {"reg": y_reg, "cls": y_cls}, batch_size=4, epochs=1, shuffle=False, verbose=0)
p = m.predict(xd, verbose=0)
result["cases"]["two_inputs"] = {"history": floats(h.history), "predict": {k: v[:3].tolist() for k, v in p.items()},
                                 "weights_after": [w.tolist() for w in m.get_weights()]}

print(json.dumps(result))
