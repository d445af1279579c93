//! The termcalc binary: parse the command line, call the library, render, map errors to exit
//! codes. Nothing else lives here.

mod cli;

use clap::Parser;
use cli::{Cli, Context, Format, Output};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use termcalc::report::{self, TableStyle};

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if cli::batch::wants_batch(&args) {
        return cli::batch::run(args, chrono::Local::now().date_naive());
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    let today = chrono::Local::now().date_naive();
    let ctx = Context::new(&cli, today);
    let style = TableStyle {
        boxed: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        width: 80,
    };
    match cli::run(&cli, &ctx) {
        Ok(output) => emit(output, ctx.format, ctx.explain, style),
        Err(e) => fail(&e),
    }
}

fn emit(output: Output, format: Format, explain: bool, style: TableStyle) -> ExitCode {
    let (text, error) = match output {
        Output::Report(r) => (
            match format {
                Format::Table => report::render_table(&r, explain, style),
                Format::Json => report::render_json(&r),
                Format::Csv => report::render_csv(&r),
            },
            None,
        ),
        Output::Listing(l) => (
            match format {
                Format::Table => report::render_listing_table(&l, style),
                Format::Json => report::render_listing_json(&l),
                Format::Csv => report::render_listing_csv(&l),
            },
            None,
        ),
        Output::Text(t) => (t, None),
        Output::TextThenError(t, e) => (t, Some(e)),
    };
    if let Err(code) = write_stdout(&text) {
        return code;
    }
    match error {
        Some(e) => fail(&e),
        None => ExitCode::SUCCESS,
    }
}

/// Writes to stdout; a closed pipe (e.g. `| head`) ends the program quietly with success, any
/// other write error is exit 5 with one line on stderr.
fn write_stdout(text: &str) -> Result<(), ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| cli::write_failed(&e))
}

fn fail(e: &termcalc::Error) -> ExitCode {
    for line in e.for_command_line().lines() {
        cli::say(line);
    }
    ExitCode::from(e.exit_code() as u8)
}

/// clap's own errors become one line on stderr and exit 2; help and version print as usual.
fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let code = if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                // The help goes to stderr here (clap's choice); a failed write changes nothing.
                let _ = e.print();
                2
            } else {
                // Help and version go to stdout: a write error there is exit 5 as for any
                // output (`termcalc --help > /dev/full`), a closed pipe is still success.
                if let Err(code) = write_stdout(&e.render().to_string()) {
                    return code;
                }
                0
            };
            return ExitCode::from(code);
        }
        _ => {}
    }
    let rendered = e.render().to_string();
    let first_paragraph: Vec<&str> = rendered
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let mut msg = first_paragraph.join(" ");
    if let Some(rest) = msg.strip_prefix("error: ") {
        msg = rest.to_string();
    }
    // clap's "did you mean" for a misspelt command or flag (its suggestions feature).
    use clap::error::{ContextKind, ContextValue};
    for kind in [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg] {
        let names = match e.get(kind) {
            Some(ContextValue::String(s)) => vec![s.clone()],
            Some(ContextValue::Strings(v)) => v.clone(),
            _ => continue,
        };
        if !names.is_empty() {
            let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
            msg.push_str(&format!("; did you mean {}?", quoted.join(" or ")));
        }
    }
    cli::say(&format!("{msg} (see termcalc --help)"));
    ExitCode::from(2)
}
