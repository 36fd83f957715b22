// The `interleave` command: help, version, the cc subcommand and its link.
// RUN: %interleave --help | FileCheck --check-prefix=HELP %s
// HELP: usage: interleave <command>
// HELP: cc
// HELP: run
// RUN: %interleave --version | FileCheck --check-prefix=VERSION %s
// VERSION: interleave {{[0-9]+\.[0-9]+\.[0-9]+}}
// RUN: not %interleave frobnicate 2>&1 | FileCheck --check-prefix=UNKNOWN %s
// UNKNOWN: interleave: unknown command 'frobnicate'
// RUN: not %interleave 2>&1 | FileCheck --check-prefix=HELP %s
// RUN: %interleave cc --help | FileCheck --check-prefix=CCHELP %s
// RUN: %icc --help | FileCheck --check-prefix=CCHELP %s
// CCHELP: usage: interleave cc
// RUN: env INTERLEAVE_CC=gcc %interleave cc --interleave-dry-run -c %s | FileCheck --check-prefix=SUB %s
// SUB: gcc -c {{.*}}cli.c -fsanitize=thread
// Without input files the line goes to the compiler unchanged.
// RUN: env INTERLEAVE_CC=gcc %icc --interleave-dry-run --version | FileCheck --check-prefix=PASS %s
// PASS: gcc --version{{$}}
// RUN: env INTERLEAVE_CC=gcc %icc -dumpmachine

int main(void)
{
    return 0;
}
