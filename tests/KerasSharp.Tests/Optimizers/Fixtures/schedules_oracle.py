# Values and configs of Keras 3.11.3's learning-rate schedules (torch backend, float32), plus regularizer names and
# values, Mean/Precision with sample weights, keras.utils.normalize and seeded initializers, for the C# tests.
# usage: /work/shared/tools/real-keras/run.sh <keras git dir> schedules_oracle.py > schedules_oracle.json
import json
import sys

import numpy as np

import keras
from keras import ops
from keras.optimizers import schedules as S
from keras.saving import serialize_keras_object

steps = [0, 1, 2, 3, 5, 7, 10, 15, 20, 33, 50, 99, 100, 101, 150, 1000, 12345]
cases = [
    ("ExponentialDecay", S.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.96)),
    ("ExponentialDecay_staircase", S.ExponentialDecay(0.1, decay_steps=7, decay_rate=0.5, staircase=True)),
    ("InverseTimeDecay", S.InverseTimeDecay(0.1, decay_steps=10, decay_rate=0.5)),
    ("InverseTimeDecay_staircase", S.InverseTimeDecay(0.01, decay_steps=3, decay_rate=2.0, staircase=True)),
    ("PiecewiseConstantDecay", S.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1])),
    ("PiecewiseConstantDecay_one", S.PiecewiseConstantDecay([5], [0.3, 0.03])),
    ("PolynomialDecay", S.PolynomialDecay(0.1, decay_steps=100)),
    ("PolynomialDecay_power_cycle", S.PolynomialDecay(0.1, decay_steps=20, end_learning_rate=0.01, power=2.0, cycle=True)),
    ("CosineDecay", S.CosineDecay(0.1, decay_steps=100)),
    ("CosineDecay_alpha", S.CosineDecay(0.1, decay_steps=50, alpha=0.1)),
    ("CosineDecay_warmup", S.CosineDecay(0.0, decay_steps=100, warmup_target=0.1, warmup_steps=10)),
    ("CosineDecay_warmup_alpha", S.CosineDecay(0.01, decay_steps=30, alpha=0.2, warmup_target=0.2, warmup_steps=7)),
    ("CosineDecayRestarts", S.CosineDecayRestarts(0.1, first_decay_steps=10)),
    ("CosineDecayRestarts_t1_m", S.CosineDecayRestarts(0.1, first_decay_steps=7, t_mul=1.0, m_mul=0.5, alpha=0.1)),
    ("CosineDecayRestarts_t3", S.CosineDecayRestarts(0.05, first_decay_steps=4, t_mul=3.0, m_mul=0.9)),
]
out = {"steps": steps, "schedules": {}}
for name, s in cases:
    vals = [float(np.float32(ops.convert_to_numpy(s(st)))) for st in steps]
    out["schedules"][name] = {"values": vals, "config": serialize_keras_object(s)}

# The optimizer config with a schedule, as Keras writes it in a .keras file
opt = keras.optimizers.Adam(learning_rate=S.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.96))
out["adam_with_schedule_config"] = serialize_keras_object(opt)

# Bad schedule arguments
bad = {}
for name, make in [
    ("ExponentialDecay_steps0", lambda: S.ExponentialDecay(0.1, 0, 0.5)),
    ("Piecewise_lengths", lambda: S.PiecewiseConstantDecay([1, 2], [1.0, 2.0])),
    ("CosineDecayRestarts_steps0", lambda: S.CosineDecayRestarts(0.1, 0)),
]:
    try:
        make()
        bad[name] = None
    except ValueError as e:
        bad[name] = str(e)
out["bad"] = bad

# Regularizer names
names = {}
for n in ["l1", "L1", "l2", "L2", "l1l2", "L1L2", "l1_l2", "orthogonal_regularizer", "OrthogonalRegularizer", "Regularizer", "regularizer", "orthogonal"]:
    try:
        r = keras.regularizers.get(n)
        names[n] = {"class": type(r).__name__, "config": r.get_config() if type(r).__name__ != "Regularizer" else None}
    except Exception as e:
        names[n] = {"error": str(e)}
out["regularizer_names"] = names
out["l1_l2_alias_config"] = keras.regularizers.l1_l2().get_config()
w = np.array([[1.0, 2.0, 0.5], [-1.0, 0.5, 3.0], [0.0, 1.0, 1.0], [2.0, -2.0, 1.0]], "float32")
out["orthogonal"] = {
    "w": w.tolist(),
    "rows": float(keras.regularizers.OrthogonalRegularizer(factor=0.1)(ops.convert_to_tensor(w))),
    "columns": float(keras.regularizers.OrthogonalRegularizer(factor=0.1, mode="columns")(ops.convert_to_tensor(w))),
}

# Mean with element-wise sample weights; Precision with (N,) weights over (N, k)
m = keras.metrics.Mean()
m.update_state([[1.0, 3.0]], sample_weight=[[1.0, 0.0]])
mean1 = float(m.result())
m = keras.metrics.Mean()
m.update_state([[1.0, 3.0], [5.0, 7.0]], sample_weight=[[1.0, 0.0], [0.5, 0.5]])
mean2 = float(m.result())
m = keras.metrics.Mean()
m.update_state([[1.0, 3.0], [5.0, 7.0]], sample_weight=[2.0, 1.0])
mean3 = float(m.result())
m = keras.metrics.Mean()
m.update_state([1.0, 3.0, 5.0], sample_weight=[1.0, 0.0, 2.0])
mean4 = float(m.result())
out["mean"] = {"elementwise_1x2": mean1, "elementwise_2x2": mean2, "rowwise_2x2": mean3, "vector": mean4}
y_true = np.array([[1, 0, 1], [0, 1, 1], [1, 1, 0]], "float32")
y_pred = np.array([[0.9, 0.8, 0.2], [0.3, 0.6, 0.7], [0.4, 0.9, 0.1]], "float32")
sw = np.array([1.0, 0.0, 2.0], "float32")
conf = {}
for cls in ["Precision", "Recall", "TruePositives", "FalsePositives", "TrueNegatives", "FalseNegatives"]:
    mm = getattr(keras.metrics, cls)()
    mm.update_state(y_true, y_pred, sample_weight=sw)
    conf[cls] = float(np.asarray(mm.result()).reshape(-1)[0])
out["confusion_weighted"] = {"y_true": y_true.tolist(), "y_pred": y_pred.tolist(), "sample_weight": sw.tolist(), "results": conf}

# keras.utils.normalize
x = np.array([[3.0, 4.0], [0.0, 0.0], [1.0, -1.0]], "float32")
norm = {
    "array_default": keras.utils.normalize(x).tolist(),
    "array_square_axis0": keras.utils.normalize(np.array([[3.0, 4.0], [0.0, 2.0]], "float32"), axis=0).tolist(),
    "array_order1": keras.utils.normalize(x, order=1).tolist(),
    "tensor_default": ops.convert_to_numpy(keras.utils.normalize(ops.convert_to_tensor(x))).tolist(),
    "tensor_axis0": ops.convert_to_numpy(keras.utils.normalize(ops.convert_to_tensor(x), axis=0)).tolist(),
    "tensor_order1": ops.convert_to_numpy(keras.utils.normalize(ops.convert_to_tensor(x), order=1)).tolist(),
    "array_1d": keras.utils.normalize(np.array([3.0, 4.0])).tolist(),
    "array_double_dtype": str(keras.utils.normalize(np.array([[3.0, 4.0]], "float64")).dtype),
}
try:
    norm["array_axis0"] = keras.utils.normalize(x, axis=0).tolist()
except Exception as e:
    norm["array_axis0"] = "error: " + str(e)
try:
    norm["array_axis_none"] = keras.utils.normalize(x, axis=None).tolist()
except Exception as e:
    norm["array_axis_none"] = "error: " + str(e)
try:
    norm["tensor_order3"] = ops.convert_to_numpy(keras.utils.normalize(ops.convert_to_tensor(x), order=3)).tolist()
except Exception as e:
    norm["tensor_order3"] = "error: " + str(e)
out["normalize"] = norm

# Seeds: one instance called twice; an unseeded instance reused by two layers
seeds = {}
for name, init in [("seeded", keras.initializers.GlorotUniform(seed=3)), ("unseeded", keras.initializers.GlorotUniform())]:
    a = np.asarray(init((3, 2)))
    b = np.asarray(init((3, 2)))
    seeds[name + "_same_twice"] = bool(np.array_equal(a, b))
init = keras.initializers.RandomNormal()
l1 = keras.layers.Dense(3, kernel_initializer=init)
l2 = keras.layers.Dense(3, kernel_initializer=init)
l1.build((None, 4))
l2.build((None, 4))
seeds["unseeded_shared_by_two_layers_equal"] = bool(np.array_equal(np.asarray(l1.kernel), np.asarray(l2.kernel)))
l3 = keras.layers.Dense(3, kernel_initializer="random_normal")
l4 = keras.layers.Dense(3, kernel_initializer="random_normal")
l3.build((None, 4))
l4.build((None, 4))
seeds["by_name_two_layers_equal"] = bool(np.array_equal(np.asarray(l3.kernel), np.asarray(l4.kernel)))
seeds["unseeded_config"] = keras.initializers.RandomNormal().get_config()
out["seeds"] = seeds

json.dump(out, sys.stdout, indent=1, sort_keys=True)
