using System;
using System.Collections.Generic;

namespace KerasSharp.Layers;

/// <summary>
/// Where a layer's sub-layers go in Keras's weights files (keras/src/saving/saving_lib.py, <c>_save_state</c>): a
/// sub-layer held in an attribute is saved under the attribute's name (an RNN's <c>cell</c>: "layers/lstm/cell/vars";
/// Bidirectional's <c>forward_layer</c> and <c>backward_layer</c>), layers held in a list under
/// "layers/&lt;snake_case class&gt;".
/// </summary>
public abstract partial class Layer
{
    /// <summary>Sub-layers Keras saves under an attribute name, in Keras's order; empty for layers without any.</summary>
    internal virtual IReadOnlyList<(string attribute, Layer layer)> saved_attributes => Array.Empty<(string, Layer)>();
}
