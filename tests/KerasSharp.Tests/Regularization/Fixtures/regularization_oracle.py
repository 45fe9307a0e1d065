# Real Keras 3.11.3's configs for the regularization layers and constraints (regularization_oracle.json), and a check
# that Keras loads the archive KerasSharp writes (RegularizationArchive test, KERASSHARP_EXPORT=<dir>) and predicts
# the same. Run with: /work/shared/tools/real-keras/run.sh <keras repo> regularization_oracle.py [<dir>]
import json, sys
import numpy as np
import keras
from keras import layers, constraints

out = {"keras_version": keras.__version__, "layers": {}, "constraints": {}}
made = {
    "Dropout": layers.Dropout(0.25, noise_shape=(None, 1, 3), seed=9, name="dropout"),
    "SpatialDropout1D": layers.SpatialDropout1D(0.1, seed=4, name="spatial_dropout1d"),
    "SpatialDropout2D": layers.SpatialDropout2D(0.1, name="spatial_dropout2d"),
    "SpatialDropout3D": layers.SpatialDropout3D(0.1, data_format="channels_first", name="spatial_dropout3d"),
    "GaussianNoise": layers.GaussianNoise(0.1, seed=2, name="gaussian_noise"),
    "GaussianDropout": layers.GaussianDropout(0.3, name="gaussian_dropout"),
    "AlphaDropout": layers.AlphaDropout(0.1, seed=1, name="alpha_dropout"),
    "ActivityRegularization": layers.ActivityRegularization(0.01, 0.02, name="activity_regularization"),
}
for k, l in made.items():
    out["layers"][k] = l.get_config()
for name in ["max_norm", "MaxNorm", "min_max_norm", "MinMaxNorm", "non_neg", "NonNeg", "unit_norm", "UnitNorm"]:
    c = constraints.get(name)
    out["constraints"][name] = keras.saving.serialize_keras_object(c)
out["constraints"]["MaxNorm(3, axis=[0, 1])"] = keras.saving.serialize_keras_object(constraints.MaxNorm(3, axis=[0, 1]))
out["constraints"]["MinMaxNorm(0.5, 2, 0.7)"] = keras.saving.serialize_keras_object(constraints.MinMaxNorm(0.5, 2, 0.7))
w = np.array([[3.0, 0.0], [4.0, 1.0]], dtype="float32")
out["projections"] = {
    "MaxNorm(2)": np.asarray(constraints.MaxNorm(2)(w)).tolist(),
    "MinMaxNorm(2, 4, 0.5)": np.asarray(constraints.MinMaxNorm(2, 4, 0.5)(w)).tolist(),
    "UnitNorm()": np.asarray(constraints.UnitNorm()(w)).tolist(),
    "NonNeg()": np.asarray(constraints.NonNeg()(np.array([-1, 0, 2, -0.5], dtype="float32"))).tolist(),
}
try:
    constraints.get("maxnorm")
except ValueError as e:
    out["unknown_name_error"] = str(e)
if len(sys.argv) > 1:
    d = sys.argv[1]
    m = keras.models.load_model(f"{d}/regularization_by_kerassharp.keras")
    io = json.load(open(f"{d}/regularization_io.json"))
    x = np.array(io["x"], dtype="float32")
    p = m.predict(x.reshape(io["x_shape"]), verbose=0)
    out["loaded_archive"] = {
        "layers": [l.__class__.__name__ for l in m.layers],
        "max_abs_diff": float(np.max(np.abs(p.reshape(-1) - np.array(io["y"])))),
        "kernel_constraints": [keras.saving.serialize_keras_object(l.kernel_constraint) for l in m.layers if isinstance(l, layers.Dense)],
        "bias_constraints": [keras.saving.serialize_keras_object(l.bias_constraint) for l in m.layers if isinstance(l, layers.Dense)],
    }
print(json.dumps(out, indent=1))
