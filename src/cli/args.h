/* args: the command-line options of the subcommands (run, report, explore, replay): one
 * table per command, one parser, the same words for the same mistakes ("unknown option
 * '--bogus'", "option '--budget' needs a value", "--budget needs a number from 1 to
 * 1000000000, not '0'"); and the check of INTERLEAVE_OPTIONS before a program is started,
 * in the runtime's own words (its options and their ranges are src/rt/options.def). */
#ifndef INTERLEAVE_CLI_ARGS_H
#define INTERLEAVE_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli/outputs.h"

enum arg_kind {
    ARG_SWITCH, /* no value */
    ARG_TEXT,   /* a value the command checks itself */
    ARG_NUMBER, /* a decimal number in [min, max] */
};

struct arg_opt {
    const char *lng;  /* "--budget" */
    const char *shrt; /* "-q", or NULL */
    enum arg_kind kind;
    const char *metavar; /* "N", for the help */
    uint64_t min, max;   /* ARG_NUMBER; both 0: the range of runtime option rtkey */
    const char *rtkey;   /* the INTERLEAVE_OPTIONS key it sets, or NULL */
    const char *help;
};

#define ARG_END (-1)    /* no more options: *i is the first other word ("--" skipped) */
#define ARG_ERROR (-2)  /* bad input: a message has been printed */
#define ARG_OUTPUT (-3) /* --sarif/--trace/--html FILE, stored in *outputs */

/* Reads the option at argv[*i] and moves *i past it and its value (FILE next or after
 * '='). Returns its index in opts[0..n) with *value (NULL for a switch) and, for a
 * number, *num; or one of the ARG_ codes. outputs may be NULL (the command has none).
 * cmd ("interleave explore") prefixes every message. */
int args_next(const char *cmd, const struct arg_opt *opts, size_t n, struct outputs *outputs,
              int argc, char **argv, int *i, const char **value, uint64_t *num);

/* Prints "cmd: <message>" and "Try 'cmd --help'." on stderr; returns ARG_ERROR. */
__attribute__((format(printf, 2, 3))) int args_bad(const char *cmd, const char *fmt, ...);

/* The help lines of opts[0..n) (and of the report files when outputs), for usage(). */
void args_usage(FILE *out, const struct arg_opt *opts, size_t n, bool outputs);

/* What a number option takes, in words: "a number", "a number from 1 to 256", "a number
 * of at least 1". */
void args_number_words(uint64_t min, uint64_t max, char *buf, size_t len);

/* Checks the user's INTERLEAVE_OPTIONS as the runtime will read it, so that a bad value
 * is refused before the program starts (rather than as a program that wrote nothing).
 * 0, or -1 after "cmd: INTERLEAVE_OPTIONS: history needs a number from 1 to 1000000,
 * not '-1'". Unknown keys are left to the runtime, which warns about them. */
int args_check_env(const char *cmd);

#endif
