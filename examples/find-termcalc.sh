# Sourced by the example scripts: sets TERMCALC to the termcalc binary to use.
# Order: $TERMCALC if set, `termcalc` on the PATH, then a release or debug build of this
# repository.
if [ -z "${TERMCALC:-}" ]; then
    if command -v termcalc >/dev/null 2>&1; then
        TERMCALC=termcalc
    elif [ -x "$here/../target/release/termcalc" ]; then
        TERMCALC=$here/../target/release/termcalc
    elif [ -x "$here/../target/debug/termcalc" ]; then
        TERMCALC=$here/../target/debug/termcalc
    else
        echo "termcalc not found: run 'cargo build --release' or set TERMCALC" >&2
        exit 2
    fi
fi
