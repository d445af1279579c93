//! Embeds every `providers/*.toml` file in the binary, so that a new provider file is built in
//! by adding it to the directory: no list to keep by hand.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("providers");
    // A directory makes cargo rerun this script when any file in it changes or is added.
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("providers/ exists")
        .map(|e| e.expect("providers/ is readable").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    files.sort();
    let mut out = String::from(
        "/// Every provider file of providers/, embedded at build time (build.rs):\n\
         /// (path as shown in messages, text), sorted by file name.\n\
         pub const EMBEDDED: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        let name = f
            .file_name()
            .and_then(|n| n.to_str())
            .expect("UTF-8 file name");
        writeln!(
            out,
            "    ({:?}, include_str!({:?})),",
            format!("providers/{name}"),
            f.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("embedded_providers.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}
