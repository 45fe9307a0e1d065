"""Builds keras_10_20_3_adam.keras: the archive Keras 3 (torch backend) writes for

    model = keras.Sequential([keras.layers.InputLayer((10,)),
                              keras.layers.Dense(20, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    # ... 3 training steps ...
    model.save("keras_10_20_3_adam.keras")

made by hand with h5py, zipfile and json in the layout of docs/keras-behaviour.md section 9.1 (saving_lib.py:
metadata.json, config.json, model.weights.h5 in that order, ZIP_STORED; H5IOStore groups /vars, /layers/<key>/vars,
/optimizer/vars with a "name" attribute, datasets "0", "1", ...). Python Keras is not needed. The weights and optimizer
slots follow exact float32 patterns that the C# test recomputes (KerasFixtureTests.Pattern).

Run with Debian's python3-h5py:  /usr/bin/python3 make_keras_fixture.py
"""
import io
import json
import zipfile

import h5py
import numpy as np

SHARED_ID = 140093658341072  # Keras writes id() of the shared float32 DTypePolicy here


def pattern(shape, salt, scale):
    """Exact float32 values: ((k * 7 + salt) % 17 - 8) / scale, k the flat index."""
    k = np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)
    return (((k * 7 + salt) % 17 - 8) / scale).astype(np.float32)


def positive(shape, salt, scale):
    """Exact positive float32 values for second moments: ((k * 5 + salt) % 13 + 1) / scale."""
    k = np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)
    return (((k * 5 + salt) % 13 + 1) / scale).astype(np.float32)


def dtype_policy():
    return {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
            "registered_name": None, "shared_object_id": SHARED_ID}


def dense(name, units, activation, in_dim):
    return {
        "module": "keras.layers", "class_name": "Dense",
        "config": {
            "name": name, "trainable": True, "dtype": dtype_policy(), "units": units, "activation": activation,
            "use_bias": True,
            "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform",
                                   "config": {"seed": None, "input_axes": None, "output_axes": None},
                                   "registered_name": None},
            "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {},
                                 "registered_name": None},
            "kernel_regularizer": None, "bias_regularizer": None, "kernel_constraint": None, "bias_constraint": None,
            "quantization_config": None,
        },
        "registered_name": None, "build_config": {"input_shape": [None, in_dim]},
    }


config = {
    "module": "keras", "class_name": "Sequential",
    "config": {
        "name": "sequential", "trainable": True, "dtype": dtype_policy(),
        "layers": [
            {"module": "keras.layers", "class_name": "InputLayer",
             "config": {"batch_shape": [None, 10], "dtype": "float32", "sparse": False, "ragged": False,
                        "name": "input_layer", "optional": False},
             "registered_name": None},
            dense("dense", 20, "relu", 10),
            dense("dense_1", 3, "softmax", 20),
        ],
        "build_input_shape": [None, 10],
    },
    "registered_name": None,
    "build_config": {"input_shape": [None, 10]},
    "compile_config": {
        "optimizer": {
            "module": "keras.src.backend.torch.optimizers.torch_adam", "class_name": "Adam",
            "config": {"name": "adam", "learning_rate": 0.0010000000474974513, "weight_decay": None, "clipnorm": None,
                       "global_clipnorm": None, "clipvalue": None, "use_ema": False, "ema_momentum": 0.99,
                       "ema_overwrite_frequency": None, "loss_scale_factor": None,
                       "gradient_accumulation_steps": None, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-07,
                       "amsgrad": False},
            "registered_name": "Adam"},
        "loss": "categorical_crossentropy", "loss_weights": None, "metrics": ["accuracy"],
        "weighted_metrics": None, "run_eagerly": False, "steps_per_execution": 1, "jit_compile": False,
    },
}
metadata = {"keras_version": "3.16.0", "date_saved": "2026-01-15@12:00:00"}

shapes = [(10, 20), (20,), (20, 3), (3,)]
weights = [pattern(s, salt, 32.0) for s, salt in zip(shapes, (1, 2, 3, 4))]
moments = [pattern(s, salt, 1024.0) for s, salt in zip(shapes, (5, 6, 7, 8))]
velocities = [positive(s, salt, 65536.0) for s, salt in zip(shapes, (9, 10, 11, 12))]

buffer = io.BytesIO()
with h5py.File(buffer, "w") as f:
    # _save_state(model): the model's own (empty) vars first, then its layers, then the optimizer.
    f.create_group("vars").attrs["name"] = "sequential"
    for key, (kernel, bias) in (("dense", weights[0:2]), ("dense_1", weights[2:4])):
        g = f.create_group(f"layers/{key}").create_group("vars")
        g.attrs["name"] = key
        g["0"] = kernel
        g["1"] = bias
    g = f.create_group("optimizer").create_group("vars")
    g.attrs["name"] = "adam"
    g["0"] = np.array(3, dtype=np.int32)          # iteration
    g["1"] = np.array(0.001, dtype=np.float32)    # learning_rate
    i = 2
    for m, v in zip(moments, velocities):        # Adam: momentum and velocity interleaved per variable
        g[str(i)] = m
        g[str(i + 1)] = v
        i += 2

with zipfile.ZipFile("keras_10_20_3_adam.keras", "w") as zf:
    with zf.open("metadata.json", "w") as fh:
        fh.write(json.dumps(metadata).encode())
    with zf.open("config.json", "w") as fh:
        fh.write(json.dumps(config).encode())
    zf.writestr("model.weights.h5", buffer.getvalue())
print("wrote keras_10_20_3_adam.keras")
