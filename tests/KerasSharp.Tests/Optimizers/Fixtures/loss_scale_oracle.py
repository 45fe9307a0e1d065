# Real Keras 3.11.3 (run.sh): LossScaleOptimizer's dynamic loss scaling, traced step by step, and a mixed_float16
# model's .keras file. Writes loss_scale_oracle.json and loss_scale_keras.keras next to this script.
import json, os, zipfile, io
import numpy as np
import h5py
import keras
here = os.path.dirname(os.path.abspath(__file__))
out = {}

def trace(inner, grads_seq, initial_scale, growth):
    w = keras.Variable(np.array([1.0, -2.0, 0.5], dtype="float32"))
    opt = keras.optimizers.LossScaleOptimizer(inner, initial_scale=initial_scale, dynamic_growth_steps=growth)
    steps = []
    for g in grads_seq:
        opt.apply([keras.ops.convert_to_tensor(np.array(g, dtype="float32"))], [w])
        steps.append({
            "w": [float(x) for x in keras.ops.convert_to_numpy(w)],
            "dynamic_scale": float(keras.ops.convert_to_numpy(opt.dynamic_scale)),
            "step_counter": int(keras.ops.convert_to_numpy(opt.step_counter)),
            "iterations": int(keras.ops.convert_to_numpy(opt.iterations)),
        })
    return {"variables": [v.name for v in opt.variables], "steps": steps, "scale_loss_3": float(keras.ops.convert_to_numpy(opt.scale_loss(3.0)))}

inf, nan = float("inf"), float("nan")
seq = [[8.0, -4.0, 2.0], [8.0, 8.0, 8.0], [inf, 1.0, 1.0], [1.0, nan, 1.0], [4.0, 4.0, -4.0],
       [2.0, 2.0, 2.0], [1.0, 1.0, 1.0], [-inf, 0.0, 0.0], [2.0, -2.0, 2.0], [1.0, 1.0, 1.0]]
out["sgd"] = trace(keras.optimizers.SGD(learning_rate=0.5), seq, 8.0, 2)
out["adam"] = trace(keras.optimizers.Adam(learning_rate=0.1), seq, 8.0, 2)
out["sgd_momentum_growth3"] = trace(keras.optimizers.SGD(learning_rate=0.25, momentum=0.5), seq, 4.0, 3)
o = keras.optimizers.LossScaleOptimizer(keras.optimizers.Adam())
out["default_config"] = o.get_config()
out["serialized"] = keras.saving.serialize_keras_object(keras.optimizers.LossScaleOptimizer(keras.optimizers.SGD(), initial_scale=4.0, dynamic_growth_steps=10, name="ls"))
out["unbuilt_scale_loss_2"] = float(o.scale_loss(2.0))

# A model compiled under mixed_float16, trained a few steps, saved.
keras.config.set_dtype_policy("mixed_float16")
keras.utils.set_random_seed(1)
m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3), keras.layers.Dense(2)])
# (torch 1.13 on CPU has no float16 relu/softmax: linear layers and a from-logits loss)
m.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
x = (np.arange(32, dtype="float32").reshape(8, 4) % 7) / 7.0
y = np.array([0, 1, 1, 0, 1, 0, 0, 1])
m.fit(x, y, batch_size=4, epochs=2, verbose=0, shuffle=False)
path = os.path.join(here, "loss_scale_keras.keras")
m.save(path)
out["model_optimizer_class"] = type(m.optimizer).__name__
out["model_predictions"] = keras.ops.convert_to_numpy(m.predict(x, verbose=0)).astype("float64").tolist()
with zipfile.ZipFile(path) as z:
    cfg = json.loads(z.read("config.json"))
    out["compile_config_optimizer"] = cfg["compile_config"]["optimizer"]
    with h5py.File(io.BytesIO(z.read("model.weights.h5")), "r") as f:
        vars_ = f["optimizer"]["vars"]
        out["h5_optimizer_vars"] = [{"key": k, "dtype": str(vars_[k].dtype), "shape": list(vars_[k].shape),
                                      "value": (vars_[k][()].tolist() if vars_[k].shape == () else None)} for k in sorted(vars_.keys(), key=int)]
        out["h5_optimizer_attrs"] = {k: str(v) for k, v in f["optimizer"].attrs.items()}
        out["h5_keys"] = []
        f.visit(lambda n: out["h5_keys"].append(n))
out["model_optimizer_variables"] = [v.path for v in m.optimizer.variables]
# Reloading: compile_config holds the optimizer as given to compile (Adam); load_model compiles again, and compile
# wraps it only when the rebuilt model's policy is mixed_float16 (the global policy at load time).
def reload(policy):
    keras.config.set_dtype_policy(policy)
    r = keras.saving.load_model(path)
    o = r.optimizer
    d = {"class": type(o).__name__, "model_policy": r.dtype_policy.name, "layer_policy": r.layers[0].dtype_policy.name,
         "iterations": int(keras.ops.convert_to_numpy(o.iterations)),
         "predictions": keras.ops.convert_to_numpy(r.predict(x, verbose=0)).astype("float64").tolist()}
    if hasattr(o, "dynamic_scale"):
        d["dynamic_scale"] = float(keras.ops.convert_to_numpy(o.dynamic_scale))
        d["step_counter"] = int(keras.ops.convert_to_numpy(o.step_counter))
    return d
out["reloaded_mixed_float16"] = reload("mixed_float16")
out["reloaded_float32"] = reload("float32")
with open(os.path.join(here, "loss_scale_oracle.json"), "w") as f:
    json.dump(out, f, indent=1, allow_nan=True)
print(json.dumps(out, indent=1)[:6000])
