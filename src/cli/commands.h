/* The subcommands of the `interleave` command, listed once in commands.def.
 * Contract of every cmd_<name>: argv[0] is the subcommand's name ("run", or
 * "interleave-cc" when started through that link), argv[1..argc-1] its
 * arguments, argv[argc] is NULL; it returns the process exit status
 * (0 success, 1 findings or a failed child, 2 usage or environment error). */
#ifndef INTERLEAVE_CLI_COMMANDS_H
#define INTERLEAVE_CLI_COMMANDS_H

#define ILV_COMMAND(name, fn, help) int fn(int argc, char **argv);
#include "cli/commands.def"

struct cli_command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *help;
};

/* The table, in commands.def order, ended by an entry whose name is NULL. */
extern const struct cli_command cli_commands[];

#endif
