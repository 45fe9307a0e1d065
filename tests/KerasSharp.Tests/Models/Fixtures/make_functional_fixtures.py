"""Makes functional_fixtures.json with real Keras 3.11.3 (torch backend):
summaries of functional models as Keras prints them, KerasTensor reprs, and merge-layer outputs.
Run: COLUMNS=200 /work/shared/tools/real-keras/run.sh <keras git dir> make_functional_fixtures.py
"""
import json
import numpy as np
import keras
from keras import layers

out = {"summaries": {}, "reprs": {}, "merge": {}}


def summary(model, **kw):
    parts = []
    model.summary(print_fn=lambda s, line_break=False: parts.append(s), **kw)
    return "".join(parts)


keras.backend.clear_session()
inp = keras.Input(shape=(4,))
out["reprs"]["input"] = repr(inp)
out["reprs"]["named_batch"] = repr(keras.Input(shape=(4,), batch_size=8, name="feat"))
out["reprs"]["scalar_feature"] = repr(keras.Input(shape=(3,), name="s"))
x = layers.Dense(8, activation="relu")(inp)
out["reprs"]["dense_output"] = repr(x)
out["reprs"]["image"] = repr(keras.Input(shape=(32, 32, 3), name="img"))

# 1. A chain: sequential-like, 3 columns, InputLayer row.
keras.backend.clear_session()
inp = keras.Input(shape=(4,))
h = layers.Dense(8, activation="relu")(inp)
o = layers.Dense(3, activation="softmax")(h)
m = keras.Model(inp, o)
out["summaries"]["chain"] = summary(m)
out["summaries"]["chain_76"] = summary(m, line_length=76)
out["summaries"]["chain_trainable"] = summary(m, show_trainable=True)

# 2. A residual block: Connected to column.
keras.backend.clear_session()
a = keras.Input(shape=(8,), name="a")
h = layers.Dense(8, activation="relu")(a)
h2 = layers.Dense(8)(h)
s = layers.Add()([h, h2])
o = layers.Activation("relu")(s)
o = layers.Dense(2, activation="softmax", name="out")(o)
m = keras.Model(a, o, name="res")
out["summaries"]["residual"] = summary(m)
out["summaries"]["residual_trainable"] = summary(m, show_trainable=True)

# 3. Two inputs, two outputs.
keras.backend.clear_session()
x1 = keras.Input(shape=(3,), name="x1")
x2 = keras.Input(shape=(5,), name="x2")
c = layers.Concatenate()([layers.Dense(4, name="d1")(x1), layers.Dense(4, name="d2")(x2)])
y1 = layers.Dense(2, activation="softmax", name="cls")(c)
y2 = layers.Dense(1, name="reg")(c)
m = keras.Model([x1, x2], [y1, y2], name="two_by_two")
out["summaries"]["two_by_two"] = summary(m)

# 4. A shared layer called twice, and a model used as a layer.
keras.backend.clear_session()
shared = layers.Dense(4, name="shared")
u = keras.Input(shape=(4,), name="u")
v = keras.Input(shape=(4,), name="v")
d = layers.Subtract()([shared(u), shared(v)])
m = keras.Model([u, v], d, name="siamese")
out["summaries"]["shared"] = summary(m)
inner_in = keras.Input(shape=(6,))
inner = keras.Model(inner_in, layers.Dense(3, name="inner_dense")(inner_in), name="inner")
outer_in = keras.Input(shape=(6,), name="outer_in")
outer = keras.Model(outer_in, layers.Dense(1, name="head")(inner(outer_in)), name="outer")
out["summaries"]["nested"] = summary(outer)

# Merge layers on fixed values.
rng = np.random.RandomState(0)
A = rng.randn(2, 3).astype("float32")
B = rng.randn(2, 3).astype("float32")
C = rng.randn(2, 1).astype("float32")
T = rng.randn(2, 4, 3).astype("float32")
U = rng.randn(2, 5, 3).astype("float32")
out["merge"]["inputs"] = {"A": A.tolist(), "B": B.tolist(), "C": C.tolist(), "T": T.tolist(), "U": U.tolist()}


def rec(name, layer, xs, keys):
    y = keras.ops.convert_to_numpy(layer([keras.ops.convert_to_tensor(v) for v in xs]))
    shape = layer.compute_output_shape([(None,) + v.shape[1:] for v in xs])
    out["merge"][name] = {"inputs": keys, "value": y.tolist(), "shape": list(y.shape),
                          "symbolic_shape": list(shape)}


rec("add", layers.Add(), [A, B], ["A", "B"])
rec("add_broadcast", layers.Add(), [A, C], ["A", "C"])
rec("subtract", layers.Subtract(), [A, B], ["A", "B"])
rec("multiply", layers.Multiply(), [A, B, C], ["A", "B", "C"])
rec("average", layers.Average(), [A, B, C], ["A", "B", "C"])
rec("maximum", layers.Maximum(), [A, B], ["A", "B"])
rec("minimum", layers.Minimum(), [A, B], ["A", "B"])
rec("add_rank", layers.Add(), [A, T], ["A", "T"])
rec("concatenate", layers.Concatenate(), [A, B], ["A", "B"])
rec("concatenate_axis1", layers.Concatenate(axis=1), [T, U], ["T", "U"])
rec("dot", layers.Dot(axes=1), [A, B], ["A", "B"])
rec("dot_normalize", layers.Dot(axes=1, normalize=True), [A, B], ["A", "B"])
rec("dot_axes", layers.Dot(axes=(2, 2)), [T, U], ["T", "U"])
rec("dot_matrix_vector", layers.Dot(axes=(2, 1)), [T, A], ["T", "A"])

errors = {}
for name, layer, shapes in [
    ("add_incompatible", layers.Add(), [(None, 3), (None, 4)]),
    ("subtract_three", layers.Subtract(), [(None, 3), (None, 3), (None, 3)]),
    ("concatenate_mismatch", layers.Concatenate(), [(None, 3, 2), (None, 4, 2)]),
    ("dot_mismatch", layers.Dot(axes=1), [(None, 3), (None, 4)]),
    ("batch_sizes", layers.Add(), [(2, 3), (5, 3)]),
]:
    try:
        layer([keras.KerasTensor(s) for s in shapes])
        errors[name] = None
    except Exception as e:
        errors[name] = str(e)
out["merge"]["errors"] = errors

with open("functional_fixtures.json", "w") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
print("ok")
