//! Statutory interest rate tables, art. 6:119 and 6:119a/6:119b BW (late-payment issue).
