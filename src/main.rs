//! The `clerkcheck` executable: parses the command line and hands over to [`clerkcheck::cli`].

fn main() -> std::process::ExitCode {
    clerkcheck::cli::main()
}
