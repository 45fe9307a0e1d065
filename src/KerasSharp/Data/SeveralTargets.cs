using static TorchSharp.torch;

namespace KerasSharp.Data;

/// <summary>
/// The targets of a model with several outputs once the model has put them in output order (from a <c>Tensor[]</c>
/// or a dictionary keyed by output name): one converted tensor per output, and the output names for messages.
/// </summary>
internal sealed record SeveralTargets(Tensor[] targets, string[] names);
