# Real Keras 3.11.3 (run.sh): the to_json printed first is mixed_bfloat16_config.json; the rest records the
# summary, dtypes, the LossScaleOptimizer that compile wraps under mixed_float16, and clear_session resetting the policy.
import json, keras
keras.config.set_dtype_policy("mixed_bfloat16")
m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="relu"), keras.layers.Dense(2, activation="softmax", dtype="float32")])
print(json.dumps(json.loads(m.to_json()), indent=1))
m.summary()
print(m.layers[0].dtype_policy, m.layers[0].compute_dtype, m.layers[0].variable_dtype, m.layers[0].kernel.dtype)
import numpy as np
print(m(np.ones((1,4))).dtype, m.layers[0](np.ones((1,4))).dtype)
m.compile(optimizer="adam", loss="mse")
print(type(m.optimizer).__name__)
keras.config.set_dtype_policy("mixed_float16")
m2 = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
m2.compile(optimizer="adam", loss="mse")
print(type(m2.optimizer).__name__, json.dumps(m2.optimizer.get_config()))
import keras.src.backend.common.global_state as g
keras.backend.clear_session()
print("after clear", keras.config.dtype_policy())
