//! Arguments and glue for this command (stub: the issue that owns it fills it in).

use super::{Context, Output};
use termcalc::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args, _ctx: &Context) -> Result<Output> {
    super::not_yet("buyout")
}
