//! Panics as internal errors that never quote the file.
//!
//! A panic message can hold file content (Rust's own message for a bad string slice quotes the
//! string), and files hold credentials. The hook installed by `main` prints nothing itself: it
//! records where the panic happened (the source location, the rule running) and [`catch`] turns
//! that into an error for the file being checked, so the other files are still checked and the
//! run ends with exit code 2. The panic's own message is never shown.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};

thread_local! {
    /// The rule running on this thread, if any.
    static RULE: Cell<Option<&'static str>> = const { Cell::new(None) };
    /// What the hook recorded about the last panic on this thread.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Replaces the default panic output (which shows the message) with a record for [`catch`].
pub fn install_hook() {
    panic::set_hook(Box::new(|info| {
        let mut what = String::from("internal error");
        if let Some(rule) = RULE.get() {
            what.push_str(&format!(" in rule `{rule}`"));
        }
        if let Some(location) = info.location() {
            what.push_str(&format!(" at {}:{}", location.file(), location.line()));
        }
        LAST_PANIC.set(Some(what));
    }));
}

/// Runs `f`, with `rule` named in the record of any panic it makes.
pub fn in_rule<T>(rule: &'static str, f: impl FnOnce() -> T) -> T {
    let outer = RULE.replace(Some(rule));
    let result = f();
    RULE.set(outer);
    result
}

/// Runs `f`; a panic becomes an error message naming where it happened but not what it said.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let outer = RULE.get();
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|_| {
        RULE.set(outer);
        let what = LAST_PANIC
            .take()
            .unwrap_or_else(|| "internal error".to_string());
        format!(
            "{what}; its message is not shown because it may quote the file (please report this bug)"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_reported_without_its_message() {
        install_hook();
        let error = catch(|| {
            in_rule("some-rule", || {
                let text = String::from("token: abcdef.0123456789abcdef");
                let at = text.len() + 1;
                text[..at].len()
            })
        })
        .unwrap_err();
        let _ = panic::take_hook();
        assert!(error.contains("in rule `some-rule`"), "{error}");
        assert!(error.contains("src/internal_error.rs:"), "{error}");
        assert!(!error.contains("0123456789abcdef"), "{error}");
        assert_eq!(RULE.get(), None, "the rule is forgotten after the panic");
        assert_eq!(catch(|| 7), Ok(7));
    }

    const SECRET: &str = "k3x9q2.7f4c1d8e9a0b2c3d";

    /// Run as a child process by the test below: a panic no one catches, quoting a secret.
    #[test]
    fn panic_child() {
        if std::env::var_os("KUBEADM_LINT_PANIC_CHILD").is_some() {
            install_hook();
            panic!("token: {SECRET}");
        }
    }

    #[test]
    fn the_hook_prints_nothing_of_the_message() {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "internal_error::tests::panic_child",
                "--nocapture",
            ])
            .env("KUBEADM_LINT_PANIC_CHILD", "1")
            .output()
            .unwrap();
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.status.success(), "the child panicked: {printed}");
        assert!(printed.contains("panic_child"), "{printed}");
        assert!(!printed.contains("7f4c1d8e9a0b2c3d"), "{printed}");
    }
}
