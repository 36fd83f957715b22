// The man page (docs/interleave.1) covers every subcommand that
// `interleave --help` lists: each one has a SYNOPSIS line, an entry in
// COMMANDS and a subsection in OPTIONS. The list of subcommands is taken from
// --help itself, so a new command without its man page fails here. Needs groff
// (Debian: groff-base, in scripts/deps.sh).
//
// The subcommands, as --help lists them ("  NAME   description").
// RUN: %interleave --help | sed -n 's/^  \([a-z][a-z+-]*\)  .*/\1/p' > %t.cmds
// The extraction still understands --help: it finds at least these six.
// RUN: FileCheck --check-prefix=CMDS %s < %t.cmds
// CMDS-DAG: {{^}}cc{{$}}
// CMDS-DAG: {{^}}c++{{$}}
// CMDS-DAG: {{^}}run{{$}}
// CMDS-DAG: {{^}}report{{$}}
// CMDS-DAG: {{^}}explore{{$}}
// CMDS-DAG: {{^}}replay{{$}}
//
// The page renders without a single warning.
// RUN: groff -man -ww -z %srcroot/docs/interleave.1 2>&1 | FileCheck --allow-empty --check-prefix=LINT %s
// LINT-NOT: {{.}}
//
// The page as text (no bold/underline escapes, no hyphenation).
// RUN: groff -man -Tutf8 -P-cbou -rHY=0 %srcroot/docs/interleave.1 > %t.man
//
// Checks generated from the list: per section, one line per subcommand.
// RUN: echo 'CHECK-LABEL: {{^}}SYNOPSIS{{$}}' > %t.checks
// RUN: sed 's/.*/CHECK-DAG: {{^ +}}interleave &{{( |$)}}/' %t.cmds >> %t.checks
// RUN: echo 'CHECK-LABEL: {{^}}DESCRIPTION{{$}}' >> %t.checks
// RUN: echo 'CHECK-LABEL: {{^}}COMMANDS{{$}}' >> %t.checks
// RUN: sed 's/.*/CHECK-DAG: {{^ +}}&{{( |$)}}/' %t.cmds >> %t.checks
// RUN: echo 'CHECK-LABEL: {{^}}OPTIONS{{$}}' >> %t.checks
// RUN: sed 's/.*/CHECK-DAG: {{^   }}interleave &{{( |$)}}/' %t.cmds >> %t.checks
// RUN: echo 'CHECK-LABEL: {{^}}ENVIRONMENT{{$}}' >> %t.checks
// RUN: FileCheck %t.checks < %t.man

int main(void)
{
    return 0;
}
