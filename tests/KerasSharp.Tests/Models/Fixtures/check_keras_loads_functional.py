"""Checks that real Keras 3.11.3 loads kerassharp_functional_resnet.keras (written by KerasSharp, see
FunctionalSavingTests.KerasSharpSavedResNet_FixtureLoadsAndPredictsAsWritten) and predicts what KerasSharp predicted.
Run: /work/shared/tools/real-keras/run.sh <keras git dir> check_keras_loads_functional.py
"""
import json
import numpy as np
import keras

model = keras.models.load_model("kerassharp_functional_resnet.keras")
io = json.load(open("kerassharp_functional_resnet_io.json"))
cls, reg = model.predict([np.array(io["features"], "float32"), np.array(io["extra"], "float32")], verbose=0)
np.testing.assert_allclose(cls, np.array(io["cls"]), rtol=1e-5, atol=1e-6)
np.testing.assert_allclose(reg, np.array(io["reg"]), rtol=1e-5, atol=1e-6)
assert [l.name for l in model.layers][:2] == ["features", "stem"], [l.name for l in model.layers]
assert model.output_names == ["cls", "reg"], model.output_names
print("Keras loads the KerasSharp functional model and predicts the same:", model.name, len(model.layers), "layers")
