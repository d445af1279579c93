//! `termcalc completions SHELL` and `termcalc man [COMMAND]`: shell completion scripts and
//! manual pages generated from the clap definitions, so they never drift from `--help`.

use super::{Cli, Output};
use clap::CommandFactory;
use termcalc::error::{Error, Result};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
termcalc completions bash \\\n    \
> ~/.local/share/bash-completion/completions/termcalc\n  \
termcalc completions zsh > ~/.zfunc/_termcalc\n  \
termcalc completions fish > ~/.config/fish/completions/termcalc.fish\n\n\
Create the folder first (mkdir -p) where it does not exist yet.")]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
termcalc man > ~/.local/share/man/man1/termcalc.1\n  \
termcalc man interest > ~/.local/share/man/man1/termcalc-interest.1\n  \
termcalc man | man -l -")]
pub struct ManArgs {
    /// A command to print the page of (e.g. `interest`, page `termcalc-interest(1)`);
    /// without it, the page for termcalc itself.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// The completion script for one shell.
pub fn completions(args: &CompletionsArgs) -> Result<Output> {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "termcalc", &mut buf);
    text(buf)
}

/// The roff manual page for termcalc or for one of its commands.
pub fn man(args: &ManArgs) -> Result<Output> {
    let mut cmd = Cli::command();
    cmd.build();
    let page = match &args.command {
        None => cmd,
        Some(name) => {
            let Some(sub) = cmd.find_subcommand(name) else {
                let names: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
                return Err(Error::input(format!(
                    "man: there is no command `{name}`; use one of {}",
                    names.join(", ")
                )));
            };
            // After build(), clap names it `termcalc-NAME` (page) and `termcalc NAME` (synopsis).
            let full = format!("termcalc-{}", sub.get_name());
            sub.clone()
                .display_name(full)
                .bin_name(format!("termcalc {}", sub.get_name()))
        }
    };
    let mut buf = Vec::new();
    clap_mangen::Man::new(page)
        .manual("termcalc manual")
        .source(format!("termcalc {}", env!("CARGO_PKG_VERSION")))
        .render(&mut buf)
        .map_err(|e| Error::input(format!("man: cannot render the page: {e}")))?;
    text(buf)
}

fn text(buf: Vec<u8>) -> Result<Output> {
    String::from_utf8(buf)
        .map(Output::Text)
        .map_err(|_| Error::input("the generated text is not valid UTF-8"))
}
