/* The runtime's options (options.def), parsed once at start-up from the
 * environment variable INTERLEAVE_OPTIONS, whatever its length. Unknown keys are
 * reported once on stderr and ignored, so a newer driver can talk to an older
 * runtime; a bad value of a known key stops the program (one line, exit status 2). */
#ifndef ILV_RT_OPTIONS_H
#define ILV_RT_OPTIONS_H

#include "base/types.h"

#define OPT_TYPE_num u64
#define OPT_TYPE_flag bool
#define OPT_TYPE_str const char *

struct rt_options {
#define X(name, type, def, min, max, help) OPT_TYPE_##type name;
#include "rt/options.def"
#undef X
};

extern struct rt_options g_opt;
void options_parse(const char *env);

#endif
