#!/usr/bin/env bash
# Times KerasSharp's runtime native fix (src/KerasSharp/Backend/NativeFallback.cs) in a program of one's own that
# references KerasSharp by ProjectReference (so the build-time fix does not apply), built in a temp folder outside
# this repository. Three cases, N runs each (default 15), medians:
#   cold: a fresh, empty cache each run (the fallback patches and links a new folder)
#   warm: the cache made by an earlier run
#   none: the program's own libLibTorchSharp.so already fixed (what a package consumer's build gives), so the fallback
#         only reads it and returns
# The program times keras.init() (which runs the fallback) and then TorchSharp's initialisation (torch.ones(1)),
# in-process with a Stopwatch; the fallback preloads libtorch, which TorchSharp would load anyway, so the added
# startup is (init + torch) of a case minus (init + torch) of "none".
# Usage: benchmarks/native-fallback/run.sh [N]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-15}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 OMP_WAIT_POLICY=PASSIVE
work="$(mktemp -d "${TMPDIR:-/tmp}/kerassharp-fallback-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
dotnet new console -n App -o . > /dev/null
dotnet add reference "$root/src/KerasSharp/KerasSharp.csproj" > /dev/null
dotnet add package TorchSharp-cpu --version 0.107.0 > /dev/null
cat > Program.cs <<'CS'
using System.Diagnostics;
using System.Runtime.CompilerServices;

var sw = Stopwatch.StartNew();
Init();
double init = sw.Elapsed.TotalMilliseconds;
sw.Restart();
Torch();
double torchInit = sw.Elapsed.TotalMilliseconds;
Console.WriteLine($"{init:F2} {torchInit:F2}");

// Not inlined, so that KerasSharp's module (and its initializer) loads inside the timed call.
[MethodImpl(MethodImplOptions.NoInlining)]
static void Init() => KerasSharp.keras.init();

[MethodImpl(MethodImplOptions.NoInlining)]
static void Torch() => TorchSharp.torch.ones(1).Dispose();
CS
dotnet build -c Release -v quiet --nologo > build.log 2>&1 || { tail -20 build.log; exit 1; }
app="$work/bin/Release/net10.0/App.dll"
native="$work/bin/Release/net10.0/runtimes/linux-x64/native"

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
measure() { # case, then the command's environment
  local name="$1"; shift
  : > "$work/$name.txt"
  for ((i = 0; i < runs; i++)); do
    [[ "$name" == cold ]] && rm -rf "$work/cache"
    env "$@" dotnet "$app" >> "$work/$name.txt"
  done
  printf '%-5s keras.init() %7.1f ms   TorchSharp init %7.1f ms   total %7.1f ms\n' "$name" \
    "$(cut -d' ' -f1 "$work/$name.txt" | median)" "$(cut -d' ' -f2 "$work/$name.txt" | median)" \
    "$(awk '{ print $1 + $2 }' "$work/$name.txt" | median)"
}

export XDG_CACHE_HOME="$work/cache"
echo "runs: $runs; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$app" > /dev/null # warm the file system cache for the native libraries
measure cold XDG_CACHE_HOME="$work/cache"
measure warm XDG_CACHE_HOME="$work/cache"
cp "$work"/cache/kerassharp/native/torchsharp-*/libLibTorchSharp.so "$native/libLibTorchSharp.so.fixed"
mv "$native/libLibTorchSharp.so.fixed" "$native/libLibTorchSharp.so"
measure none XDG_CACHE_HOME="$work/cache-none"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
