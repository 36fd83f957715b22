/* objcheck: see objcheck.h. An instrumented object always refers to
 * __tsan_init (its module constructor calls it, with gcc and clang alike) and
 * usually to __tsan_func_entry and the access hooks. */
#include "driver/objcheck.h"

#include <fcntl.h>
#include <gelf.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

static bool has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static enum objcheck_result scan(Elf *elf)
{
    GElf_Ehdr eh;
    size_t shstrndx;
    if (elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh) || eh.e_type != ET_REL ||
        elf_getshdrstrndx(elf, &shstrndx) != 0)
        return OBJCHECK_UNKNOWN;
    bool functions = false;
    for (Elf_Scn *scn = NULL; (scn = elf_nextscn(elf, scn)) != NULL;) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh))
            return OBJCHECK_UNKNOWN;
        const char *name = elf_strptr(elf, shstrndx, sh.sh_name);
        if (name && has_prefix(name, ".gnu.lto_"))
            return OBJCHECK_UNKNOWN; /* gcc LTO: the link instruments it */
        if (sh.sh_type != SHT_SYMTAB)
            continue;
        Elf_Data *data = elf_getdata(scn, NULL);
        size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
        for (size_t i = 0; data && i < n; i++) {
            GElf_Sym sym;
            if (!gelf_getsym(data, (int)i, &sym))
                break;
            const char *s = elf_strptr(elf, sh.sh_link, sym.st_name);
            if (!s)
                continue;
            if (sym.st_shndx == SHN_UNDEF && has_prefix(s, "__tsan_"))
                return OBJCHECK_INSTRUMENTED;
            if (sym.st_shndx != SHN_UNDEF && GELF_ST_TYPE(sym.st_info) == STT_FUNC)
                functions = true;
        }
    }
    return functions ? OBJCHECK_PLAIN : OBJCHECK_UNKNOWN;
}

enum objcheck_result objcheck_file(const char *path)
{
    if (elf_version(EV_CURRENT) == EV_NONE)
        return OBJCHECK_UNKNOWN;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return OBJCHECK_UNKNOWN;
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    enum objcheck_result r = elf ? scan(elf) : OBJCHECK_UNKNOWN;
    if (elf)
        elf_end(elf);
    close(fd);
    return r;
}
