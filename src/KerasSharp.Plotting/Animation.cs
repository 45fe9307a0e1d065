using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text;

namespace KerasSharp.Plotting;

/// <summary>
/// A frame-by-frame animation of a <see cref="Figure"/> (matplotlib's <c>FuncAnimation(fig, animate, interval=...)</c>):
/// frame i is what the figure looks like after <c>animate(i)</c>. <see cref="ToJsHtml"/> writes the frames as embedded PNGs
/// into one HTML page with play / pause / step buttons and a slider, like <c>ani.to_jshtml()</c>.
/// </summary>
[KerasSharp.Interactive.TypeFormatterSource(typeof(Interactive.FigureFormatterSource), PreferredMimeTypes = ["image/png"])]
public sealed class Animation
{
    private readonly Action<int> _animate;

    /// <summary>Creates an animation.</summary>
    /// <param name="figure">The figure the frames are drawn from.</param>
    /// <param name="animate">Updates the figure's lines and texts for frame i (0-based).</param>
    /// <param name="frames">Number of frames (matplotlib's <c>save_count</c> or <c>frames</c>).</param>
    /// <param name="interval">Delay between frames in milliseconds.</param>
    public Animation(Figure figure, Action<int> animate, int frames, int interval = 200)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(animate);
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, 1);
        Figure = figure;
        _animate = animate;
        Frames = frames;
        Interval = interval;
    }

    /// <summary>The animated figure.</summary>
    public Figure Figure { get; }

    /// <summary>Number of frames.</summary>
    public int Frames { get; }

    /// <summary>Delay between frames in milliseconds.</summary>
    public int Interval { get; }

    /// <summary>Draws frame <paramref name="i"/> and returns it as PNG bytes.</summary>
    /// <param name="i">The frame, 0-based.</param>
    /// <returns>The PNG file's content.</returns>
    public byte[] RenderFrame(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, Frames);
        _animate(i);
        return Figure.ToPng();
    }

    /// <summary>Saves frame <paramref name="i"/> as a PNG file, creating the folder if needed.</summary>
    /// <param name="i">The frame, 0-based (<c>Frames - 1</c> for the last one).</param>
    /// <param name="path">The file to write.</param>
    /// <returns>The full path written.</returns>
    public string SaveFrame(int i, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] png = RenderFrame(i);
        return Write(path, png);
    }

    /// <summary>
    /// Renders every frame and returns a self-contained HTML page that plays them (<c>ani.to_jshtml()</c>): the frames are
    /// base64 PNGs, with first / previous / play backwards / pause / play / next / last buttons, slower and faster buttons, a
    /// slider, and the once / loop / reflect modes.
    /// </summary>
    /// <param name="title">The page title.</param>
    /// <param name="mode">What happens at the last frame: <c>"once"</c>, <c>"loop"</c> (matplotlib's default when the animation repeats) or <c>"reflect"</c>.</param>
    /// <returns>The HTML page.</returns>
    public string ToJsHtml(string title = "Animation", string mode = "loop")
    {
        if (mode is not ("once" or "loop" or "reflect"))
            throw new ArgumentException($"mode must be 'once', 'loop' or 'reflect', got '{mode}'.", nameof(mode));
        var frames = new StringBuilder();
        for (int i = 0; i < Frames; i++)
        {
            frames.Append(i == 0 ? "\n  \"" : ",\n  \"").Append("data:image/png;base64,")
                  .Append(Convert.ToBase64String(RenderFrame(i))).Append('"');
        }
        string inv(int v) => v.ToString(CultureInfo.InvariantCulture);
        return HtmlTemplate
            .Replace("{{TITLE}}", WebUtility.HtmlEncode(title), StringComparison.Ordinal)
            .Replace("{{WIDTH}}", inv(Figure.PixelWidth), StringComparison.Ordinal)
            .Replace("{{HEIGHT}}", inv(Figure.PixelHeight), StringComparison.Ordinal)
            .Replace("{{LAST}}", inv(Frames - 1), StringComparison.Ordinal)
            .Replace("{{INTERVAL}}", inv(Interval), StringComparison.Ordinal)
            .Replace("{{MODE}}", mode, StringComparison.Ordinal)
            .Replace("{{FRAMES}}", frames.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Writes <see cref="ToJsHtml"/> to a file, creating the folder if needed.</summary>
    /// <param name="path">The .html file to write.</param>
    /// <param name="title">The page title.</param>
    /// <param name="mode">"once", "loop" or "reflect", see <see cref="ToJsHtml"/>.</param>
    /// <returns>The full path written.</returns>
    public string SaveHtml(string path, string title = "Animation", string mode = "loop")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Write(path, Encoding.UTF8.GetBytes(ToJsHtml(title, mode)));
    }

    private static string Write(string path, byte[] content)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    private const string HtmlTemplate = """
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{TITLE}}</title>
<style>
  body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 1em; }
  .player { display: inline-block; text-align: center; }
  .player img { display: block; max-width: 100%; height: auto; border: 0; }
  .player input[type=range] { width: 100%; margin: 0.5em 0; }
  .player button { font-size: 1.1em; min-width: 2.4em; margin: 0 0.1em; cursor: pointer; }
  .player .status { margin-top: 0.4em; font-size: 0.9em; color: #444; }
  .player label { margin: 0 0.5em; }
</style>
</head>
<body>
<div class="player">
  <img id="frame" width="{{WIDTH}}" height="{{HEIGHT}}" alt="animation frame">
  <input id="slider" type="range" min="0" max="{{LAST}}" step="1" value="0" aria-label="frame">
  <div>
    <button id="slower" title="Slower">&minus;</button>
    <button id="first" title="First frame">&#x23EE;</button>
    <button id="prev" title="Previous frame">&#x23F4;&#x2758;</button>
    <button id="reverse" title="Play backwards">&#x25C0;</button>
    <button id="pause" title="Pause">&#x23F8;</button>
    <button id="play" title="Play">&#x25B6;</button>
    <button id="next" title="Next frame">&#x2758;&#x23F5;</button>
    <button id="last" title="Last frame">&#x23ED;</button>
    <button id="faster" title="Faster">+</button>
  </div>
  <div class="status">
    <label><input type="radio" name="mode" value="once"> Once</label>
    <label><input type="radio" name="mode" value="loop"> Loop</label>
    <label><input type="radio" name="mode" value="reflect"> Reflect</label>
    <span id="counter"></span>
  </div>
</div>
<script>
(function () {
  const frames = [{{FRAMES}}
  ];
  const img = document.getElementById("frame"), slider = document.getElementById("slider");
  const counter = document.getElementById("counter");
  let current = 0, direction = 0, interval = {{INTERVAL}}, timer = null;
  document.querySelector('input[name=mode][value={{MODE}}]').checked = true;
  const mode = () => document.querySelector("input[name=mode]:checked").value;

  function show(i) {
    current = Math.max(0, Math.min(frames.length - 1, i));
    img.src = frames[current];
    slider.value = current;
    counter.textContent = "frame " + (current + 1) + " / " + frames.length + ", " + interval + " ms";
  }
  function stop() { if (timer !== null) { clearInterval(timer); timer = null; } direction = 0; }
  function tick() {
    let i = current + direction;
    if (i < 0 || i >= frames.length) {
      const m = mode();
      if (m === "loop") i = direction > 0 ? 0 : frames.length - 1;
      else if (m === "reflect") { direction = -direction; i = current + direction; }
      else { stop(); return; }
    }
    show(i);
  }
  function play(d) { stop(); direction = d; timer = setInterval(tick, interval); }
  function restart() { if (direction !== 0) play(direction); }

  document.getElementById("first").onclick = () => { stop(); show(0); };
  document.getElementById("last").onclick = () => { stop(); show(frames.length - 1); };
  document.getElementById("prev").onclick = () => { stop(); show(current - 1); };
  document.getElementById("next").onclick = () => { stop(); show(current + 1); };
  document.getElementById("play").onclick = () => play(1);
  document.getElementById("reverse").onclick = () => play(-1);
  document.getElementById("pause").onclick = stop;
  document.getElementById("slower").onclick = () => { interval = Math.round(interval * 1.25); restart(); show(current); };
  document.getElementById("faster").onclick = () => { interval = Math.max(10, Math.round(interval / 1.25)); restart(); show(current); };
  slider.oninput = () => { stop(); show(parseInt(slider.value, 10)); };
  document.addEventListener("keydown", e => {
    if (e.key === "ArrowLeft") { stop(); show(current - 1); }
    else if (e.key === "ArrowRight") { stop(); show(current + 1); }
    else if (e.key === " ") { e.preventDefault(); if (direction === 0) play(1); else stop(); }
  });
  show(0);
})();
</script>
</body>
</html>
""";
}
