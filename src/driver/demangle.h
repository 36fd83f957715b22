/* demangle: C++ symbol names as people read them ("Counter::inc()" for
 * "_ZN7Counter3incEv"), with the C++ ABI's own demangler, __cxa_demangle from
 * libstdc++ (the driver links it; every g++ installation has it). Driver side
 * only: allocates with malloc. */
#ifndef INTERLEAVE_DRIVER_DEMANGLE_H
#define INTERLEAVE_DRIVER_DEMANGLE_H

/* The demangled form of an Itanium-ABI mangled name ("_Z..."), owned by the
 * caller (free it); NULL when name is NULL, not mangled (a C name, "main"),
 * malformed, or when out of memory. */
char *demangle(const char *name);

#endif
