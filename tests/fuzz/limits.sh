# shellcheck shell=bash
# Sourced by run.sh and distill.sh: the libFuzzer limits every run of a target shares, so that an
# input kept by distill.sh is read by run.sh exactly as the merge read it.

# The longest input worth trying at each entry point: a little past the limits the product
# enforces (a resolver query: 512 bytes; the fuzz HTTP server: 2 KiB of headers, 4 KiB of body),
# or a few records' worth of text. Longer inputs only make each execution slower, and libFuzzer
# cuts corpus files to this length when it reads them.
fuzz_max_len() {
  case "$1" in
    resolver) echo 1024 ;;
    tools) echo 4096 ;;
    http) echo 8192 ;;
    jsonrpc|model_card|dataset) echo 16384 ;;
    *) echo 65536 ;;
  esac
}

# One input may take 30 s and 4 GiB before libFuzzer calls it a hang or a leak.
# shellcheck disable=SC2034  # used by the scripts that source this file
fuzz_limits=(-timeout=30 -rss_limit_mb=4096)
