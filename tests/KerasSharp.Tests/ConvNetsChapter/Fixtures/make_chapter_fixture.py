"""The CNN chapter's NumPy/SciPy numbers, for examples/ConvNets' tests (chapter.json).

Run with Debian's python3 (numpy, scipy):  /usr/bin/python3 make_chapter_fixture.py
"""
import json

import numpy as np
from scipy.signal import convolve2d

out = {}

# Random walk and its Gaussian smoothing.
np.random.seed(0)
x = np.cumsum(np.random.randn(50) * .1)
filt = np.exp(-np.arange(-2, 3) ** 2 / 2.)
filt /= filt.sum()
out["random_walk"] = x.tolist()
out["gaussian_filter"] = filt.tolist()
out["smoothed"] = np.correlate(x, filt, mode="same").tolist()

# A sine bump under the 12-tap filter: np.correlate with an even filter, "same".
bump_filter = np.array([-1] * 4 + [1] * 4 + [-1] * 4, dtype=float)
signal = np.zeros(64)
signal[20:36] = np.sin(np.linspace(0, np.pi, 16))
out["bump_signal_shift20"] = signal.tolist()
out["bump_activation_shift20"] = np.correlate(signal, bump_filter, mode="same").tolist()

# 9x9 Gaussian blur of an RGB image, scipy's convolve2d mode "same", boundary "symm", summed over the channels.
i = np.arange(-4, 5)
g = np.exp(-(i[:, None] ** 2 + i[None, :] ** 2) / 100.)
rng = np.random.RandomState(3)
image = rng.uniform(0, 1, size=(13, 11, 3))
blurred = sum(convolve2d(image[:, :, c], g, mode="same", boundary="symm") for c in range(3))
out["blur_kernel"] = g.tolist()
out["blur_image"] = image.tolist()
out["blurred"] = blurred.tolist()

with open("chapter.json", "w") as f:
    json.dump(out, f)
print("smoothed[:3]", out["smoothed"][:3], "blurred[0][:3]", blurred[0][:3])
