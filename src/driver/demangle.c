/* demangle: see demangle.h. __cxa_demangle is declared here rather than taken
 * from <cxxabi.h>, which is a C++ header; its C linkage and signature are fixed
 * by the Itanium C++ ABI (section 3.4). */
#include "driver/demangle.h"

#include <stddef.h>
#include <string.h>

extern char *__cxa_demangle(const char *mangled, char *buf, size_t *len, int *status);

char *demangle(const char *name)
{
    /* Only "_Z" names: __cxa_demangle also accepts bare type names, and would
     * turn a C function called "f" or "i" into "float" or "int". */
    if (!name || strncmp(name, "_Z", 2) != 0)
        return NULL;
    int status = 0;
    char *out = __cxa_demangle(name, NULL, NULL, &status);
    return status == 0 ? out : NULL;
}
