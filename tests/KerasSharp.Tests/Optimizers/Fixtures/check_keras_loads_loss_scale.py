"""Checks that real Keras 3.11.3 loads the mixed_float16 archive KerasSharp writes (a LossScaleOptimizer around Adam):
the optimizer comes back as a LossScaleOptimizer with KerasSharp's step_counter, dynamic_scale and iterations, and the
model predicts what KerasSharp predicted. Make the files with

    KERASSHARP_EXPORT=$PWD dotnet test tests/KerasSharp.Tests --filter SavedByKerasSharp_HasKerasLayout_AndRoundTrips

then run, from this folder (output: check_keras_loads_loss_scale.out):

    /work/shared/tools/real-keras/run.sh /work/.mirror/keras-team+keras/repo check_keras_loads_loss_scale.py
"""
import json, os
import numpy as np
import keras
here = os.path.dirname(os.path.abspath(__file__))
expected = json.load(open(os.path.join(here, "written_by_kerassharp_loss_scale.json")))
keras.config.set_dtype_policy("mixed_float16")
m = keras.saving.load_model(os.path.join(here, "written_by_kerassharp_loss_scale.keras"))
o = m.optimizer
print("optimizer", type(o).__name__, o.name, "inner", type(o.inner_optimizer).__name__)
got = (int(keras.ops.convert_to_numpy(o.iterations)), int(keras.ops.convert_to_numpy(o.step_counter)), float(keras.ops.convert_to_numpy(o.dynamic_scale)))
want = (expected["iterations"], expected["step_counter"], expected["dynamic_scale"])
print("iterations, step_counter, dynamic_scale:", got, "KerasSharp:", want)
assert type(o).__name__ == "LossScaleOptimizer" and got == want
x = (np.arange(32, dtype="float32").reshape(8, 4) % 7) / 7.0
p = keras.ops.convert_to_numpy(m.predict(x, verbose=0)).astype("float32").reshape(-1)
diff = float(np.abs(p - np.array(expected["predictions"], dtype="float32")).max())
print("max |prediction difference|", diff)
assert diff < 2e-3
# One more step trains from the loaded slots.
m.fit(x, np.array([0, 1, 1, 0, 1, 0, 0, 1]), batch_size=8, epochs=1, verbose=0)
print("after one step: iterations", int(keras.ops.convert_to_numpy(o.iterations)), "step_counter", int(keras.ops.convert_to_numpy(o.step_counter)))
print("OK")
