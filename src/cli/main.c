/* `interleave <subcommand> [args]`: finds the subcommand in the table of
 * commands.def and hands it the rest of the command line. Started through a
 * link named interleave-cc or interleave-c++, it is that compiler driver directly. */
#include <libgen.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "driver/cc.h"

#ifndef INTERLEAVE_VERSION
#define INTERLEAVE_VERSION "0.0.0"
#endif

const struct cli_command cli_commands[] = {
#define ILV_COMMAND(name, fn, help) {name, fn, help},
#include "cli/commands.def"
    {NULL, NULL, NULL},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: interleave <command> [args]\n"
                 "       interleave --help | --version\n\ncommands:\n");
    for (const struct cli_command *c = cli_commands; c->name; c++)
        fprintf(out, "  %-10s %s\n", c->name, c->help);
    fprintf(out, "\n`interleave <command> --help` describes one command.\n");
}

int main(int argc, char **argv)
{
    char self[4096];
    snprintf(self, sizeof(self), "%s", argc > 0 && argv[0] ? argv[0] : "interleave");
    const char *base = basename(self);
    if (strcmp(base, cc_language_c.link_name) == 0)
        return cmd_cc(argc, argv);
    if (strcmp(base, cc_language_cxx.link_name) == 0)
        return cmd_cxx(argc, argv);

    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(name, "--version") == 0) {
        printf("interleave %s\n", INTERLEAVE_VERSION);
        return 0;
    }
    for (const struct cli_command *c = cli_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c->fn(argc - 1, argv + 1);
    fprintf(stderr, "interleave: unknown command '%s' (see interleave --help)\n", name);
    return 2;
}
