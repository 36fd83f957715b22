/* symbolize: DWARF symbolization of findings with elfutils.
 *
 * Code: libdwfl finds the module and the line-table row of pc; dwarf_getscopes gives the
 * innermost scope and dwarf_getscopes_die its physical (concrete) parent chain, in which
 * every DW_TAG_inlined_subroutine is one inlined frame whose caller location is its
 * DW_AT_call_file/line/column (the walk eu-addr2line -i does).
 *
 * Data: per module, an index (built on first use) of every variable whose location is a
 * single static address, sorted by address, so a data address finds its variable with a
 * binary search; the variable's type then names the member and element.
 *
 * C++: a function is named by its demangled linkage name ("Counter::inc()"), which
 * says its class, namespace and overload where DW_AT_name says only "inc". */
#include "driver/symbolize.h"

#include "driver/demangle.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FRAMES 64
#define MAX_TYPE_DEPTH 16

struct var {
    Dwarf_Addr start; /* DWARF address (unbiased) */
    Dwarf_Word size;
    Dwarf_Off die;
};

struct modindex {
    Dwfl_Module *mod;
    struct var *vars;
    size_t nvars, cap;
};

struct pc_entry {
    struct findings_pcinfo info;
    bool ret;
    struct findings_frame frames[];
};

struct data_entry {
    uint64_t addr;
    bool found;
    struct findings_datainfo info;
};

struct symbolizer {
    Dwfl_Callbacks callbacks; /* must outlive dwfl */
    char *debuginfo_path;     /* NULL: the default search path */
    Dwfl *dwfl;
    struct modindex *idx;
    size_t nidx;
    struct pc_entry **pcs;
    size_t npcs, pcs_cap;
    struct data_entry **data;
    size_t ndata, data_cap;
    char **strs; /* every string handed out, freed at close */
    size_t nstrs, strs_cap;
};

static int grow(void **arr, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? 2 * *cap : 16;
    void *q = realloc(*arr, c * elem);
    if (!q)
        return -ENOMEM;
    *arr = q;
    *cap = c;
    return 0;
}

/* An owned copy of str (NULL stays NULL); sets *oom on allocation failure. */
static const char *keep(struct symbolizer *s, const char *str, bool *oom)
{
    if (!str)
        return NULL;
    if (grow((void **)&s->strs, &s->strs_cap, s->nstrs, sizeof *s->strs) < 0) {
        *oom = true;
        return NULL;
    }
    size_t n = strlen(str) + 1;
    char *d = malloc(n);
    if (!d) {
        *oom = true;
        return NULL;
    }
    memcpy(d, str, n);
    s->strs[s->nstrs++] = d;
    return d;
}

/* An owned copy of a symbol's name (a function's, or an ELF data symbol's), demangled
 * when it is a mangled C++ name. */
static const char *keep_function(struct symbolizer *s, const char *name, bool *oom)
{
    char *plain = demangle(name);
    const char *kept = keep(s, plain ? plain : name, oom);
    free(plain);
    return kept;
}

int symbolizer_open(const struct findings_module *modules, size_t n, struct symbolizer **out)
{
    struct symbolizer *s = calloc(1, sizeof *s);
    if (!s)
        return -ENOMEM;
    s->callbacks = (Dwfl_Callbacks){
        .find_elf = dwfl_build_id_find_elf,
        .find_debuginfo = dwfl_standard_find_debuginfo,
        .section_address = dwfl_offline_section_address,
        .debuginfo_path = &s->debuginfo_path,
    };
    s->dwfl = dwfl_begin(&s->callbacks);
    if (!s->dwfl) {
        free(s);
        return -EIO;
    }
    dwfl_report_begin(s->dwfl);
    for (size_t i = 0; i < n; i++) {
        const char *path = modules[i].path;
        if (!path || path[0] != '/')
            continue; /* the vDSO and nameless objects have no file to read */
        /* A failure (missing file, not ELF, overlapping) just leaves the module out. */
        dwfl_report_elf(s->dwfl, path, path, -1, modules[i].base, false);
    }
    if (dwfl_report_end(s->dwfl, NULL, NULL) != 0) {
        symbolizer_close(s);
        return -EIO;
    }
    *out = s;
    return 0;
}

void symbolizer_close(struct symbolizer *s)
{
    if (!s)
        return;
    if (s->dwfl)
        dwfl_end(s->dwfl);
    for (size_t i = 0; i < s->nidx; i++)
        free(s->idx[i].vars);
    for (size_t i = 0; i < s->npcs; i++)
        free(s->pcs[i]);
    for (size_t i = 0; i < s->ndata; i++)
        free(s->data[i]);
    for (size_t i = 0; i < s->nstrs; i++)
        free(s->strs[i]);
    free(s->idx);
    free(s->pcs);
    free(s->data);
    free(s->strs);
    free(s);
}

/* ---- code addresses ---- */

static const char *die_name(Dwarf_Die *die)
{
    Dwarf_Attribute a;
    if (dwarf_attr_integrate(die, DW_AT_name, &a))
        return dwarf_formstring(&a);
    return NULL;
}

/* The DIE that declares die: the end of its DW_AT_abstract_origin / DW_AT_specification
 * chain (an inlined or out-of-line instance points to its declaration in the class). */
static Dwarf_Die declaration_of(Dwarf_Die die)
{
    for (int depth = 0; depth < MAX_TYPE_DEPTH; depth++) {
        Dwarf_Attribute a;
        Dwarf_Die next;
        if (!(dwarf_attr(&die, DW_AT_abstract_origin, &a) ||
              dwarf_attr(&die, DW_AT_specification, &a)) ||
            !dwarf_formref_die(&a, &next))
            break;
        die = next;
    }
    return die;
}

static bool is_cxx(Dwarf_Die *die)
{
    Dwarf_Die cu;
    if (!dwarf_diecu(die, &cu, NULL, NULL))
        return false;
    int lang = dwarf_srclang(&cu);
    return lang == DW_LANG_C_plus_plus || lang == DW_LANG_C_plus_plus_03 ||
           lang == DW_LANG_C_plus_plus_11 || lang == DW_LANG_C_plus_plus_14;
}

/* "ns::Class::name" from the scopes that contain a C++ declaration, for functions without
 * a linkage name (gcc gives none to a function that only exists inlined). */
static void qualified_name(Dwarf_Die *decl, const char *name, char *buf, size_t cap)
{
    Dwarf_Die *scopes = NULL;
    int n = dwarf_getscopes_die(decl, &scopes);
    size_t len = 0;
    buf[0] = '\0';
    for (int i = n - 1; i >= 1 && len < cap; i--) {
        const char *part = die_name(&scopes[i]);
        switch (dwarf_tag(&scopes[i])) {
        case DW_TAG_namespace:
            part = part ? part : "(anonymous namespace)";
            break;
        case DW_TAG_class_type:
        case DW_TAG_structure_type:
        case DW_TAG_union_type:
            /* an unnamed class with an operator() is a lambda's closure type */
            part = part ? part : strcmp(name, "operator()") == 0 ? "{lambda}" : "{unnamed type}";
            break;
        case DW_TAG_subprogram: /* a local entity: "f()::x", as the demangler writes it */
            if (part)
                len += (size_t)snprintf(buf + len, cap - len, "%s()::", part);
            continue;
        default:
            continue;
        }
        if (part)
            len += (size_t)snprintf(buf + len, cap - len, "%s::", part);
    }
    free(scopes);
    if (len < cap)
        snprintf(buf + len, cap - len, "%s", name);
}

/* A function's name as the report shows it, owned by s: the demangled linkage name when
 * there is one (C++: "Counter::inc()"), else DW_AT_name, qualified by its scopes in C++. */
static const char *function_name(struct symbolizer *s, Dwarf_Die *die, bool *oom)
{
    Dwarf_Attribute a;
    const char *linkage = NULL;
    if (dwarf_attr_integrate(die, DW_AT_linkage_name, &a) ||
        dwarf_attr_integrate(die, DW_AT_MIPS_linkage_name, &a))
        linkage = dwarf_formstring(&a);
    if (linkage)
        return keep_function(s, linkage, oom);
    const char *name = die_name(die);
    if (!name || !is_cxx(die))
        return keep(s, name, oom);
    Dwarf_Die decl = declaration_of(*die);
    char buf[512];
    qualified_name(&decl, name, buf, sizeof buf);
    return keep(s, buf, oom);
}

static Dwarf_Word udata(Dwarf_Die *die, unsigned name)
{
    Dwarf_Attribute a;
    Dwarf_Word v = 0;
    if (dwarf_attr(die, name, &a))
        dwarf_formudata(&a, &v);
    return v;
}

/* The CU containing addr. libdwfl finds CUs through .debug_aranges, which clang does not
 * emit by default and which libdw 0.188 does not rebuild, so fall back to asking each CU
 * (DW_AT_low_pc/high_pc/ranges). */
static bool cu_of(Dwfl_Module *mod, Dwarf_Addr addr, Dwarf_Die *out, Dwarf_Addr *bias)
{
    Dwarf_Die *cu = dwfl_module_addrdie(mod, addr, bias);
    if (cu) {
        *out = *cu;
        return true;
    }
    Dwarf *dw = dwfl_module_getdwarf(mod, bias);
    Dwarf_Off off = 0, next;
    size_t hsize;
    while (dw && dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
        if (dwarf_offdie(dw, off + hsize, out) && dwarf_haspc(out, addr - *bias) == 1)
            return true;
        off = next;
    }
    return false;
}

/* A file of the CU's line table by index (DWARF 5 counts from 0, where libdw 0.188's
 * dwarf_decl_file gives up). */
static const char *cu_file(Dwarf_Die *cu, Dwarf_Word idx)
{
    Dwarf_Files *files;
    size_t n;
    if (dwarf_getsrcfiles(cu, &files, &n) != 0 || idx >= n)
        return NULL;
    return dwarf_filesrc(files, idx, NULL, NULL);
}

/* Fills frames from the scope chain of addr; returns how many. */
static size_t inline_frames(struct symbolizer *s, Dwfl_Module *mod, Dwarf_Addr addr,
                            const char *file, int line, int col, struct findings_frame *fr,
                            size_t max, bool *oom)
{
    Dwarf_Addr bias = 0;
    Dwarf_Die cu;
    if (!cu_of(mod, addr, &cu, &bias))
        return 0;
    Dwarf_Die *cudie = &cu;
    Dwarf_Die *scopes = NULL;
    int n = dwarf_getscopes(cudie, addr - bias, &scopes);
    if (n <= 0) {
        free(scopes);
        return 0;
    }
    Dwarf_Die inner = scopes[0];
    free(scopes);
    scopes = NULL;
    n = dwarf_getscopes_die(&inner, &scopes);
    size_t k = 0;
    for (int i = 0; i < n && k < max; i++) {
        int tag = dwarf_tag(&scopes[i]);
        if (tag != DW_TAG_inlined_subroutine && tag != DW_TAG_subprogram)
            continue;
        fr[k] = (struct findings_frame){
            .function = function_name(s, &scopes[i], oom),
            .file = file,
            .line = line > 0 ? (unsigned)line : 0,
            .column = col > 0 ? (unsigned)col : 0,
            .inlined = tag == DW_TAG_inlined_subroutine,
        };
        k++;
        if (tag == DW_TAG_subprogram)
            break;
        /* The caller's location is this inlined instance's call site. */
        Dwarf_Word cf = udata(&scopes[i], DW_AT_call_file);
        file = cu_file(cudie, cf);
        line = (int)udata(&scopes[i], DW_AT_call_line);
        col = (int)udata(&scopes[i], DW_AT_call_column);
    }
    free(scopes);
    return k;
}

const struct findings_pcinfo *symbolizer_pc(struct symbolizer *s, uint64_t pc,
                                            bool is_return_address)
{
    for (size_t i = 0; i < s->npcs; i++)
        if (s->pcs[i]->info.pc == pc && s->pcs[i]->ret == is_return_address)
            return &s->pcs[i]->info;
    if (grow((void **)&s->pcs, &s->pcs_cap, s->npcs, sizeof *s->pcs) < 0)
        return NULL;
    struct pc_entry *e = calloc(1, sizeof *e + MAX_FRAMES * sizeof e->frames[0]);
    if (!e)
        return NULL;
    e->info.pc = pc;
    e->ret = is_return_address;
    e->info.frames = e->frames;
    bool oom = false;
    Dwarf_Addr addr = is_return_address && pc ? pc - 1 : pc;
    Dwfl_Module *mod = dwfl_addrmodule(s->dwfl, addr);
    if (mod) {
        const char *mname = NULL;
        Dwarf_Addr low = 0;
        mname = dwfl_module_info(mod, NULL, &low, NULL, NULL, NULL, NULL, NULL);
        e->info.module = keep(s, mname, &oom);
        e->info.module_offset = pc - low;
        const char *file = NULL;
        int line = 0, col = 0;
        Dwfl_Line *l = dwfl_module_getsrc(mod, addr);
        Dwarf_Die cu;
        Dwarf_Addr bias;
        Dwarf_Line *dl;
        if (l) {
            file = dwfl_lineinfo(l, NULL, &line, &col, NULL, NULL);
        } else if (cu_of(mod, addr, &cu, &bias) && (dl = dwarf_getsrc_die(&cu, addr - bias))) {
            file = dwarf_linesrc(dl, NULL, NULL);
            dwarf_lineno(dl, &line);
            dwarf_linecol(dl, &col);
        }
        struct findings_frame tmp[MAX_FRAMES];
        size_t n = inline_frames(s, mod, addr, file, line, col, tmp, MAX_FRAMES, &oom);
        if (n == 0) {
            GElf_Off off;
            GElf_Sym sym;
            const char *sym_name = dwfl_module_addrinfo(mod, addr, &off, &sym, NULL, NULL, NULL);
            tmp[0] = (struct findings_frame){
                .function = keep_function(s, sym_name, &oom),
                .file = file,
                .line = line > 0 ? (unsigned)line : 0,
                .column = col > 0 ? (unsigned)col : 0,
            };
            n = tmp[0].function || tmp[0].file ? 1 : 0;
        }
        for (size_t i = 0; i < n; i++) {
            e->frames[i] = tmp[i];
            e->frames[i].function = tmp[i].function; /* already kept */
            e->frames[i].file = keep(s, tmp[i].file, &oom);
        }
        e->info.nframes = n;
    }
    if (oom) {
        free(e);
        return NULL;
    }
    s->pcs[s->npcs++] = e;
    return &e->info;
}

/* ---- data addresses ---- */

/* The type of die with typedefs and qualifiers peeled off; false when none. */
static bool base_type(Dwarf_Die *die, Dwarf_Die *out)
{
    Dwarf_Attribute a;
    Dwarf_Die t;
    if (!dwarf_attr_integrate(die, DW_AT_type, &a) || !dwarf_formref_die(&a, &t))
        return false;
    for (int depth = 0; depth < MAX_TYPE_DEPTH; depth++) {
        switch (dwarf_tag(&t)) {
        case DW_TAG_typedef:
        case DW_TAG_const_type:
        case DW_TAG_volatile_type:
        case DW_TAG_restrict_type:
        case DW_TAG_atomic_type:
            if (!dwarf_attr_integrate(&t, DW_AT_type, &a) || !dwarf_formref_die(&a, &t))
                return false;
            continue;
        default:
            *out = t;
            return true;
        }
    }
    return false;
}

/* The static address of a variable DIE whose location is exactly one address operation. */
static bool var_address(Dwarf_Die *die, Dwarf_Addr *out)
{
    Dwarf_Attribute a;
    Dwarf_Op *ops;
    size_t nops;
    if (!dwarf_attr(die, DW_AT_location, &a) || dwarf_getlocation(&a, &ops, &nops) != 0 ||
        nops != 1)
        return false;
    if (ops[0].atom == DW_OP_addr) {
        *out = ops[0].number;
        return true;
    }
    if (ops[0].atom == DW_OP_addrx || ops[0].atom == DW_OP_GNU_addr_index) {
        Dwarf_Attribute r;
        return dwarf_getlocation_attr(&a, &ops[0], &r) == 0 && dwarf_formaddr(&r, out) == 0;
    }
    return false;
}

static int index_die(struct modindex *mi, Dwarf_Die *die, int depth)
{
    Dwarf_Die child;
    if (depth > 32 || dwarf_child(die, &child) != 0)
        return 0;
    do {
        int tag = dwarf_tag(&child);
        Dwarf_Addr start;
        if (tag == DW_TAG_variable && var_address(&child, &start)) {
            Dwarf_Die t;
            Dwarf_Word size = 0;
            if (!base_type(&child, &t) || dwarf_aggregate_size(&t, &size) != 0 || size == 0)
                size = 1;
            if (grow((void **)&mi->vars, &mi->cap, mi->nvars, sizeof *mi->vars) < 0)
                return -ENOMEM;
            mi->vars[mi->nvars++] = (struct var){start, size, dwarf_dieoffset(&child)};
        } else if (tag == DW_TAG_subprogram || tag == DW_TAG_lexical_block ||
                   tag == DW_TAG_namespace) {
            int rc = index_die(mi, &child, depth + 1); /* function-scope statics */
            if (rc < 0)
                return rc;
        }
    } while (dwarf_siblingof(&child, &child) == 0);
    return 0;
}

static int cmp_var(const void *a, const void *b)
{
    const struct var *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

static struct modindex *module_index(struct symbolizer *s, Dwfl_Module *mod, Dwarf *dw)
{
    for (size_t i = 0; i < s->nidx; i++)
        if (s->idx[i].mod == mod)
            return &s->idx[i];
    struct modindex *grown = realloc(s->idx, (s->nidx + 1) * sizeof *s->idx);
    if (!grown)
        return NULL;
    s->idx = grown;
    struct modindex *mi = &s->idx[s->nidx];
    *mi = (struct modindex){.mod = mod};
    Dwarf_Off off = 0, next;
    size_t hsize;
    while (dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
        Dwarf_Die cu;
        if (dwarf_offdie(dw, off + hsize, &cu) && index_die(mi, &cu, 0) < 0) {
            free(mi->vars);
            return NULL;
        }
        off = next;
    }
    qsort(mi->vars, mi->nvars, sizeof *mi->vars, cmp_var);
    s->nidx++;
    return mi;
}

static const struct var *var_find(const struct modindex *mi, Dwarf_Addr a)
{
    size_t lo = 0, hi = mi->nvars; /* find the last var with start <= a */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (mi->vars[mid].start <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* Variables do not overlap, but one may appear twice (a declaration completed by a
     * definition elsewhere, or the same static in two CUs): look at a few candidates. */
    for (size_t i = lo, seen = 0; i-- > 0 && seen < 4; seen++) {
        const struct var *v = &mi->vars[i];
        if (a < v->start + v->size)
            return v;
    }
    return NULL;
}

/* The byte offset of a member in its struct; false for members we cannot place. */
static bool member_offset(Dwarf_Die *m, Dwarf_Word *off, Dwarf_Word *size)
{
    Dwarf_Attribute a;
    Dwarf_Die t;
    Dwarf_Word bits;
    if (dwarf_attr(m, DW_AT_data_member_location, &a)) {
        if (dwarf_formudata(&a, off) != 0)
            return false;
    } else if (dwarf_attr(m, DW_AT_data_bit_offset, &a)) {
        if (dwarf_formudata(&a, &bits) != 0)
            return false;
        *off = bits / 8;
        *size = (bits % 8 + udata(m, DW_AT_bit_size) + 7) / 8;
        return true;
    } else {
        *off = 0; /* union members */
    }
    if (dwarf_attr(m, DW_AT_bit_size, &a)) {
        Dwarf_Word bs = 0;
        dwarf_formudata(&a, &bs);
        *size = (bs + 7) / 8;
        return true;
    }
    return base_type(m, &t) && dwarf_aggregate_size(&t, size) == 0;
}

/* Appends the member/element path of byte `off` inside type t to name[len..cap). */
static void describe(Dwarf_Die t, Dwarf_Word off, char *name, size_t cap)
{
    size_t len = strlen(name);
    for (int depth = 0; depth < MAX_TYPE_DEPTH && len < cap; depth++) {
        int tag = dwarf_tag(&t);
        Dwarf_Die child, next;
        if (tag == DW_TAG_structure_type || tag == DW_TAG_union_type || tag == DW_TAG_class_type) {
            bool found = false;
            if (dwarf_child(&t, &child) == 0) {
                do {
                    Dwarf_Word moff, msize;
                    /* a C++ base class is an unnamed member; a static member has no
                     * place in the object (a declaration) */
                    int ctag = dwarf_tag(&child);
                    if ((ctag != DW_TAG_member && ctag != DW_TAG_inheritance) ||
                        dwarf_hasattr(&child, DW_AT_declaration) ||
                        !member_offset(&child, &moff, &msize) || off < moff ||
                        off >= moff + msize || !base_type(&child, &next))
                        continue;
                    const char *mname = ctag == DW_TAG_member ? die_name(&child) : NULL;
                    if (mname && mname[0] == '_' && mname[1] == '_') {
                        off = 0; /* reserved names are a library's internals: stop at
                                  * the object the user declared (`m`, not `m.__data`) */
                        goto done;
                    }
                    if (mname) /* anonymous struct/union members add no name */
                        len += (size_t)snprintf(name + len, cap - len, ".%s", mname);
                    off -= moff;
                    t = next;
                    found = true;
                    break;
                } while (dwarf_siblingof(&child, &child) == 0);
            }
            if (!found)
                break;
        } else if (tag == DW_TAG_array_type) {
            Dwarf_Die elem;
            Dwarf_Word esize;
            if (!base_type(&t, &elem) || dwarf_aggregate_size(&elem, &esize) != 0 || !esize)
                break;
            Dwarf_Word dims[8];
            size_t nd = 0;
            if (dwarf_child(&t, &child) == 0) {
                do {
                    if (dwarf_tag(&child) != DW_TAG_subrange_type || nd == 8)
                        continue;
                    Dwarf_Attribute a;
                    Dwarf_Word v = 0;
                    if (dwarf_attr(&child, DW_AT_count, &a) && dwarf_formudata(&a, &v) == 0)
                        dims[nd++] = v;
                    else if (dwarf_attr(&child, DW_AT_upper_bound, &a) &&
                             dwarf_formudata(&a, &v) == 0)
                        dims[nd++] = v + 1;
                    else
                        dims[nd++] = 0; /* flexible or unknown: only the first may be */
                } while (dwarf_siblingof(&child, &child) == 0);
            }
            if (nd == 0)
                dims[nd++] = 0;
            for (size_t d = 0; d < nd && len < cap; d++) {
                Dwarf_Word stride = esize;
                for (size_t k = d + 1; k < nd; k++)
                    stride *= dims[k] ? dims[k] : 1;
                len += (size_t)snprintf(name + len, cap - len, "[%" PRIu64 "]",
                                        (uint64_t)(off / stride));
                off %= stride;
            }
            t = elem;
        } else {
            off = 0; /* inside a scalar: the access is to that object, `x` not `x+3` */
            break;
        }
    }
done:
    if (off && len < cap)
        snprintf(name + len, cap - len, "+%" PRIu64, (uint64_t)off);
}

const struct findings_datainfo *symbolizer_data(struct symbolizer *s, uint64_t addr)
{
    for (size_t i = 0; i < s->ndata; i++)
        if (s->data[i]->addr == addr)
            return s->data[i]->found ? &s->data[i]->info : NULL;
    if (grow((void **)&s->data, &s->data_cap, s->ndata, sizeof *s->data) < 0)
        return NULL;
    struct data_entry *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->addr = addr;
    bool oom = false;
    char name[256];
    Dwfl_Module *mod = dwfl_addrmodule(s->dwfl, addr);
    Dwarf_Addr bias = 0;
    Dwarf *dw = mod ? dwfl_module_getdwarf(mod, &bias) : NULL;
    struct modindex *mi = dw ? module_index(s, mod, dw) : NULL;
    const struct var *v = mi ? var_find(mi, addr - bias) : NULL;
    Dwarf_Die die, t;
    char qualified[200]; /* leaves room in name[] for "+offset" */
    if (v && dwarf_offdie(dw, v->die, &die) && die_name(&die)) {
        const char *vname = die_name(&die);
        if (is_cxx(&die)) { /* ns::x, Class::member, function()::local_static */
            Dwarf_Die decl = declaration_of(die);
            qualified_name(&decl, vname, qualified, sizeof qualified);
            vname = qualified;
        }
        e->info.symbol = keep(s, vname, &oom);
        e->info.offset = addr - bias - v->start;
        snprintf(name, sizeof name, "%s", vname);
        if (base_type(&die, &t))
            describe(t, e->info.offset, name, sizeof name);
        else if (e->info.offset)
            snprintf(name, sizeof name, "%s+%" PRIu64, vname, e->info.offset);
        e->info.name = keep(s, name, &oom);
        int line = 0;
        Dwarf_Attribute fa;
        Dwarf_Word fidx;
        Dwarf_Die vcu;
        const char *decl = NULL;
        if (dwarf_attr_integrate(&die, DW_AT_decl_file, &fa) && dwarf_formudata(&fa, &fidx) == 0 &&
            dwarf_diecu(&die, &vcu, NULL, NULL))
            decl = cu_file(&vcu, fidx);
        e->info.decl_file = keep(s, decl, &oom);
        if (dwarf_decl_line(&die, &line) == 0 && line > 0)
            e->info.decl_line = (unsigned)line;
        e->found = true;
    } else if (mod) {
        GElf_Off off = 0;
        GElf_Sym sym;
        const char *sname = dwfl_module_addrinfo(mod, addr, &off, &sym, NULL, NULL, NULL);
        if (sname &&
            (GELF_ST_TYPE(sym.st_info) == STT_OBJECT || GELF_ST_TYPE(sym.st_info) == STT_TLS ||
             GELF_ST_TYPE(sym.st_info) == STT_NOTYPE)) {
            e->info.symbol = keep_function(s, sname, &oom); /* "vtable for ..." in C++ */
            e->info.offset = off;
            const char *shown = e->info.symbol ? e->info.symbol : sname;
            if (off)
                snprintf(name, sizeof name, "%s+%" PRIu64, shown, (uint64_t)off);
            else
                snprintf(name, sizeof name, "%s", shown);
            e->info.name = keep(s, name, &oom);
            e->found = true;
        }
    }
    if (oom) {
        free(e);
        return NULL;
    }
    s->data[s->ndata++] = e;
    return e->found ? &e->info : NULL;
}

static const struct findings_pcinfo *resolve_pc(void *ctx, uint64_t pc, bool ret)
{
    return symbolizer_pc(ctx, pc, ret);
}

static const struct findings_datainfo *resolve_data(void *ctx, uint64_t addr)
{
    return symbolizer_data(ctx, addr);
}

struct findings_resolver symbolizer_resolver(struct symbolizer *s)
{
    return (struct findings_resolver){.pc = resolve_pc, .data = resolve_data, .ctx = s};
}
