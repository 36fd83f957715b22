#define _GNU_SOURCE
#include "rt/findings.h"

#include "base/arena.h"
#include "base/fmt.h"
#include "rt/fd.h"
#include "rt/heap.h"
#include "rt/history.h"
#include "rt/options.h"
#include "rt/rt.h"
#include "rt/stackdepot.h"
#include "rt/sync.h"
#include "sched/sched.h"

#include <link.h>
#include <string.h>
#include <unistd.h>

#define MAX_STACK 32
#define MAX_EV 96 /* a window of up to 64 (option history) and a lost update's far stale read */
#define MAX_NOTES 2048

enum fkind { F_RACE, F_LOST_UPDATE, F_DEADLOCK, F_HANG };
static const char *const kind_names[] = {"race", "lost-update", "deadlock", "hang"};

struct facc {
    const char *role;
    tid_t tid;
    const char *op;
    bool atomic;
    u32 size;
    uptr addr, pc;
    u64 seq;    /* its event (~0ull: none) */
    u32 nstack; /* frames beyond pc; ~0u: missing */
    uptr stack[MAX_STACK];
};

struct fnd {
    u32 id;
    enum fkind kind;
    uptr addr;
    u32 size;
    u64 seq; /* event number at detection */
    u32 nacc;
    struct facc acc[3];
    u32 nev;
    struct hev ev[MAX_EV];
    u64 evseq[MAX_EV];
    u32 gap_at;     /* accesses were left out before ev[gap_at] (0: none) */
    u32 after_want; /* events still wanted after the finding */
    u64 scanned_to; /* ring scanned up to this event number */
    u32 wraps_left;
    u64 mark_seq[3]; /* events to highlight */
    /* what the address was at the time of the finding (it may be freed later) */
    const char *obj_kind;
    uptr obj_base, obj_pc;
    u64 obj_size;
    tid_t obj_tid;
    char notes[MAX_NOTES];
    struct fnd *next;
};

struct modctx;
static void classify(struct fnd *f, uptr addr);

static struct fnd *first, *last;
static u32 nfound, nsuppressed;
static u64 *seen_keys; /* SEEN_MAX, mapped at the first finding (thread.h says why) */
#define SEEN_MAX 4096
static u32 nseen;
static bool emitted;

u32 findings_count(void)
{
    return nfound + nsuppressed;
}

static bool seen_before(u64 key)
{
    if (!seen_keys)
        seen_keys = arena_map(SEEN_MAX * sizeof *seen_keys);
    for (u32 i = 0; i < nseen; i++)
        if (seen_keys[i] == key)
            return true;
    if (nseen < SEEN_MAX)
        seen_keys[nseen++] = key;
    return false;
}

static bool touches(const struct hev *e, const struct fnd *f)
{
    return e->addr < f->addr + f->size && f->addr < e->addr + (e->size ? e->size : 1);
}

/* The callers of an earlier access, from its history event; without one
 * the stack stays "missing". */
static void stack_of_hev(struct facc *a, const struct hev *e)
{
    if (!e || !e->stack)
        return;
    const uptr *pcs;
    u32 n = stackdepot_get(e->stack, &pcs);
    if (n > MAX_STACK)
        n = MAX_STACK;
    for (u32 i = 0; i < n; i++)
        a->stack[i] = pcs[i];
    a->nstack = n;
}

static void stack_of_event(struct facc *a, u64 seq)
{
    a->seq = seq;
    stack_of_hev(a, seq != ~0ull ? history_get(seq) : NULL);
}

static void copy_stack(struct facc *a, struct ithread *t)
{
    u32 n = 0;
    /* cs[0] is where the thread's root function was called from: our
     * trampoline, or libc's start of main; not the user's code. */
    u32 max = g_opt.stack_depth < MAX_STACK ? (u32)g_opt.stack_depth : MAX_STACK;
    for (u32 i = t->cs_depth; i-- > 1 && n < max;)
        a->stack[n++] = t->cs[i];
    a->nstack = n;
}

static u64 ring_low(void)
{
    return g_seq > HIST_SIZE ? g_seq - HIST_SIZE : 0;
}

static void add_event(struct fnd *f, u64 seq, const struct hev *e)
{
    if (f->nev < MAX_EV) {
        f->evseq[f->nev] = seq;
        f->ev[f->nev++] = *e;
    }
}

/* How many accesses to the location the ring holds in [from, to). */
static u32 count_accesses(const struct fnd *f, u64 from, u64 to)
{
    u32 n = 0;
    for (u64 s = from > ring_low() ? from : ring_low(); s < to; s++)
        n += touches(&g_hist[s & HIST_MASK], f);
    return n;
}

/* Collects the diagram's "before" events: the newest accesses to the location,
 * at most want of them, none before event `floor`. */
static void collect_before(struct fnd *f, u32 want, u64 floor)
{
    u64 lo = ring_low() > floor ? ring_low() : floor;
    u64 tmp[MAX_EV];
    u32 n = 0;
    if (want > MAX_EV - f->nev)
        want = MAX_EV - f->nev;
    for (u64 s = g_seq; s-- > lo && n < want;) {
        struct hev *e = &g_hist[s & HIST_MASK];
        if (touches(e, f))
            tmp[n++] = s;
    }
    while (n) {
        u64 s = tmp[--n];
        add_event(f, s, &g_hist[s & HIST_MASK]);
    }
    f->scanned_to = g_seq;
}

/* Adds the events after the finding that the ring still holds. */
static void refresh_writes(struct fnd *f)
{
    for (u32 i = 0; i < f->nev; i++) {
        struct hev *e = f->ev[i].op == HOP_W ? history_get(f->evseq[i]) : NULL;
        if (e)
            f->ev[i].value = e->value;
    }
}

static void collect_after(struct fnd *f)
{
    refresh_writes(f);
    u64 lo = ring_low();
    u64 s = f->scanned_to > lo ? f->scanned_to : lo;
    for (; s < g_seq && f->after_want && f->nev < MAX_EV; s++) {
        struct hev *e = &g_hist[s & HIST_MASK];
        if (touches(e, f)) {
            f->evseq[f->nev] = s;
            f->ev[f->nev++] = *e;
            f->after_want--;
        }
    }
    f->scanned_to = g_seq;
}

void findings_on_wrap(void)
{
    for (struct fnd *f = first; f; f = f->next) {
        if (!f->wraps_left)
            continue;
        collect_after(f);
        f->wraps_left--;
    }
}

/* The newest event before `before` by tid on the location with the given kind. */
static u64 find_event(const struct fnd *f, tid_t tid, bool write, u64 before)
{
    u64 lo = ring_low();
    for (u64 s = before; s-- > lo;) {
        struct hev *e = &g_hist[s & HIST_MASK];
        if (e->tid == tid && touches(e, f) && ((e->op != HOP_R) == write))
            return s;
    }
    return ~0ull;
}

static struct fnd *new_finding(enum fkind kind)
{
    struct fnd *f = arena_alloc(sizeof *f);
    f->id = ++nfound;
    f->kind = kind;
    f->seq = g_seq;
    f->mark_seq[0] = f->mark_seq[1] = f->mark_seq[2] = ~0ull;
    if (last)
        last->next = f;
    else
        first = f;
    last = f;
    return f;
}

static const char *op_name(unsigned flags)
{
    if (flags & ACC_RMW)
        return "rmw";
    return (flags & ACC_WRITE) ? "write" : "read";
}

/* The diagram's window (option history): events in all, and before the finding. */
static u32 hist_total(void)
{
    return (u32)(g_opt.history < 2 ? 2 : g_opt.history > 64 ? 64 : g_opt.history);
}

static u32 hist_before(void)
{
    return hist_total() - hist_total() / 2;
}

/* A lost update's accesses up to this many are shown in one stretch; when there
 * are more, the stale read and LU_AFTER_READ accesses after it, then a gap. */
#define LU_SPAN 24
#define LU_AFTER_READ 2

/* The stale read of a lost update by t, before event `before`: t's last
 * recorded read of the location (history.h says why that is the one), from the
 * ring while it holds it, else from t's table of last reads. */
struct stale {
    u64 seq;
    struct hev ev;
};

static bool stale_read(const struct fnd *f, struct ithread *t, u64 before, struct stale *out)
{
    u64 s = find_event(f, t->hb.tid, false, before);
    if (s != ~0ull) {
        out->seq = s;
        out->ev = g_hist[s & HIST_MASK];
        return true;
    }
    if (!history_last_read(t->last_read, f->addr, before, &out->seq, &out->ev))
        return false;
    /* a later read of another location may have taken the slot */
    return out->ev.op == HOP_R && out->ev.tid == t->hb.tid && touches(&out->ev, f);
}

/* A lost update: its three accesses, and a window that shows them all. The
 * stale read may lie far back: then the window holds it and the accesses right
 * after it, a gap (`gap_at`), and the accesses before the overwrite reaching
 * back to the overwritten update. */
static void lost_update(struct fnd *f, const struct hb_finding *h, struct ithread *t, u64 cur)
{
    struct stale rd;
    bool have_read = stale_read(f, t, cur, &rd);
    f->acc[0] = (struct facc){.role = "read",
                              .tid = h->tid,
                              .op = "read",
                              .atomic = (h->flags & ACC_ATOMIC) != 0,
                              .size = have_read && rd.ev.size ? rd.ev.size : f->size,
                              .addr = h->addr,
                              .pc = have_read ? rd.ev.pc : h->read_pc,
                              .seq = have_read ? rd.seq : ~0ull,
                              .nstack = ~0u};
    if (have_read)
        stack_of_hev(&f->acc[0], &rd.ev);
    f->acc[1] = (struct facc){.role = "overwrite",
                              .tid = h->ptid,
                              .op = "write",
                              .atomic = h->patomic,
                              .size = f->size,
                              .addr = h->addr,
                              .pc = h->ppc,
                              .nstack = ~0u};
    u64 ow = find_event(f, h->ptid, true, cur);
    stack_of_event(&f->acc[1], ow);
    struct facc *w = &f->acc[2];
    *w = (struct facc){.role = "write",
                       .tid = h->tid,
                       .op = "write",
                       .atomic = (h->flags & ACC_ATOMIC) != 0,
                       .size = f->size,
                       .addr = h->addr,
                       .pc = h->pc,
                       .seq = cur};
    copy_stack(w, t);
    f->nacc = 3;
    f->mark_seq[0] = have_read ? rd.seq : ~0ull;
    f->mark_seq[1] = ow;
    f->mark_seq[2] = cur;

    u32 before = hist_before();
    f->after_want = hist_total() - before;
    u64 lo = ring_low();
    if (!have_read) {
        collect_before(f, before, 0);
        return;
    }
    u32 span = rd.seq >= lo ? count_accesses(f, rd.seq, g_seq) : ~0u;
    if (span <= (before > LU_SPAN ? before : LU_SPAN)) {
        collect_before(f, span > before ? span + 2 : before, 0); /* and two before it */
        return;
    }
    /* the stale read and the accesses right after it, if the ring still has them */
    add_event(f, rd.seq, &rd.ev);
    u64 head = rd.seq;
    for (u64 s = rd.seq + 1, n = 0; s >= lo && n < LU_AFTER_READ && s < cur; s++) {
        if (touches(&g_hist[s & HIST_MASK], f)) {
            add_event(f, s, &g_hist[s & HIST_MASK]);
            head = s;
            n++;
        }
    }
    /* the accesses before the overwrite, from the overwritten update on */
    u32 tail = before;
    if (ow != ~0ull && ow > head) {
        u32 n = count_accesses(f, ow, g_seq);
        if (n > tail)
            tail = n;
    }
    if (tail > MAX_EV - f->nev - f->after_want)
        tail = MAX_EV - f->nev - f->after_want;
    u32 at = f->nev;
    collect_before(f, tail, head + 1);
    if (f->nev > at && (head < lo || count_accesses(f, head + 1, f->evseq[at]) > 0))
        f->gap_at = at;
}

void findings_on_hb(const struct hb_finding *h)
{
    /* Like ThreadSanitizer: one report per code-location pair, and one per
     * location and kind (the same race seen again elsewhere is not news). */
    u64 kindkey = (u64)(h->kind + 1) * 0x9e3779b97f4a7c15ull;
    u64 pcs = h->pc < h->ppc ? h->pc * 31 + h->ppc : h->ppc * 31 + h->pc;
    u64 k1 = kindkey ^ pcs ^ h->read_pc * 7;
    u64 k2 = kindkey ^ (h->addr * 0x100000001b3ull) ^ ((u64)h->size << 56) ^ 1;
    bool dup1 = seen_before(k1), dup2 = seen_before(k2);
    if (dup1 || dup2)
        return;
    if (nfound >= g_opt.max_reports) {
        nsuppressed++;
        return;
    }
    struct ithread *t = g_threads[h->tid];
    struct fnd *f = new_finding(h->kind == HB_RACE ? F_RACE : F_LOST_UPDATE);
    f->addr = h->addr;
    f->size = h->size ? h->size : 1;
    classify(f, h->addr);
    u64 cur = g_seq - 1;
    if (h->kind == HB_RACE) {
        struct facc *a = &f->acc[0];
        *a = (struct facc){.role = "current",
                           .tid = h->tid,
                           .op = op_name(h->flags),
                           .atomic = (h->flags & ACC_ATOMIC) != 0,
                           .size = f->size,
                           .addr = h->addr,
                           .pc = h->pc,
                           .seq = cur};
        copy_stack(a, t);
        struct facc *p = &f->acc[1];
        *p = (struct facc){.role = "previous",
                           .tid = h->ptid,
                           .op = h->pwrite ? "write" : "read",
                           .atomic = h->patomic,
                           .size = f->size,
                           .addr = h->addr,
                           .pc = h->ppc,
                           .nstack = ~0u};
        f->nacc = 2;
        f->mark_seq[0] = cur;
        f->mark_seq[1] = find_event(f, h->ptid, h->pwrite, cur);
        stack_of_event(p, f->mark_seq[1]);
        collect_before(f, hist_before(), 0);
        f->after_want = hist_total() - hist_before();
    } else {
        lost_update(f, h, t, cur);
    }
    f->wraps_left = 2;
}

static int deadlock_emitted;

void findings_deadlock(struct ithread *self, bool hang)
{
    if (deadlock_emitted++)
        return;
    struct fnd *f = new_finding(hang ? F_HANG : F_DEADLOCK);
    f->addr = 0;
    f->size = 1;
    struct fmtbuf b = fmt_init(f->notes, sizeof f->notes - 1);
    struct ithread **live;
    u32 n = sched_live(&live);
    (void)self;
    for (u32 i = 0; i < n; i++) {
        struct ithread *t = live[i];
        if (t->state != TS_BLOCKED)
            continue;
        fmt_str(&b, "note text=T");
        fmt_dec(&b, t->hb.tid);
        fmt_str(&b, "_waits_for_");
        const char *k = thread_block_name((enum block_kind)t->block_kind);
        for (; *k; k++)
            fmt_char(&b, *k == ' ' ? '_' : *k);
        fmt_char(&b, '_');
        if (t->block_kind == BLK_JOIN)
            fmt_char(&b, 'T'), fmt_dec(&b, ((struct ithread *)t->block_obj)->hb.tid);
        else if (t->block_kind == BLK_FD)
            fmt_dec(&b, (u64)(long)fd_waited_by(t));
        else /* the user's object, not our record of it */
            fmt_hex(&b, t->block_obj ? ((struct syncobj *)t->block_obj)->addr : 0);
        extern tid_t sync_owner_of(void *obj);
        tid_t o = sync_owner_of(t->block_obj);
        if (t->block_kind != BLK_JOIN && o != TID_NONE) {
            fmt_str(&b, "_held_by_T");
            fmt_dec(&b, o);
        }
        fmt_char(&b, '\n');
    }
    f->notes[b.len] = 0;
}

/* ---- emission ---------------------------------------------------------- */

static char *outbuf; /* OUTBUF_SIZE, mapped when needed */
#define OUTBUF_SIZE (1 << 16)

static void out_flush(struct fmtbuf *b, int fd)
{
    fmt_flush(b, fd);
}

static void kv(struct fmtbuf *b, const char *k, u64 v)
{
    fmt_char(b, ' ');
    fmt_str(b, k);
    fmt_char(b, '=');
    fmt_dec(b, v);
}

static void kx(struct fmtbuf *b, const char *k, u64 v)
{
    fmt_char(b, ' ');
    fmt_str(b, k);
    fmt_char(b, '=');
    fmt_hex(b, v);
}

static void ks(struct fmtbuf *b, const char *k, const char *v)
{
    fmt_char(b, ' ');
    fmt_str(b, k);
    fmt_char(b, '=');
    fmt_str(b, v);
}

struct modctx {
    struct fmtbuf *b;
    int fd;
    uptr query; /* classify: address to look up */
    bool in_global;
};

const char *findings_exe_path(void)
{
    static char exe[512]; /* the fork server fills it once for all its children */
    if (!exe[0]) {
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        exe[n > 0 ? n : 0] = 0;
    }
    return exe;
}

static int emit_module(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    struct modctx *m = arg;
    const char *name = info->dlpi_name;
    if (!name || !*name)
        name = findings_exe_path();
    if (name[0] != '/')
        return 0; /* the vdso */
    fmt_str(m->b, "module");
    kx(m->b, "base", info->dlpi_addr);
    fmt_str(m->b, " path=");
    fmt_str(m->b, name);
    fmt_char(m->b, '\n');
    if (m->b->len > OUTBUF_SIZE / 2)
        out_flush(m->b, m->fd);
    return 0;
}

static int classify_module(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    struct modctx *m = arg;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_W))
            continue;
        uptr lo = info->dlpi_addr + ph->p_vaddr;
        if (m->query >= lo && m->query < lo + ph->p_memsz) {
            m->in_global = true;
            return 1;
        }
    }
    return 0;
}

/* Classifies addr now: heap block (with its allocation), global, a thread's
 * stack, or unknown. */
static void classify(struct fnd *f, uptr addr)
{
    struct hblock hb;
    struct modctx m = {.query = addr};
    f->obj_base = addr;
    f->obj_size = 0;
    f->obj_tid = 0;
    f->obj_pc = 0;
    int fd = fd_state_of(addr);
    if (fd >= 0) { /* the runtime's byte for a descriptor (rt/fd.h) */
        f->obj_kind = "fd";
        f->obj_base = (uptr)fd;
        f->obj_size = 1;
        return;
    }
    if (heap_find_containing(addr, &hb)) {
        f->obj_kind = "heap";
        f->obj_base = hb.base;
        f->obj_size = hb.size;
        f->obj_tid = hb.tid;
        f->obj_pc = hb.pc;
        return;
    }
    dl_iterate_phdr(classify_module, &m);
    if (m.in_global) {
        f->obj_kind = "global";
        return;
    }
    f->obj_kind = "unknown";
    for (u32 i = 0; i < g_nthreads; i++) {
        if (addr >= g_threads[i]->stack_lo && addr < g_threads[i]->stack_hi) {
            f->obj_kind = "stack";
            f->obj_tid = (tid_t)i;
        }
    }
}

static void emit_obj(struct fmtbuf *b, const struct fnd *f)
{
    fmt_str(b, "obj");
    ks(b, "kind", f->obj_kind ? f->obj_kind : "unknown");
    kx(b, "base", f->obj_base);
    kv(b, "size", f->obj_size);
    kv(b, "tid", f->obj_tid);
    kx(b, "pc", f->obj_pc);
    fmt_char(b, '\n');
}

static void emit_acc(struct fmtbuf *b, const struct facc *a)
{
    fmt_str(b, "acc");
    ks(b, "role", a->role);
    kv(b, "tid", a->tid);
    ks(b, "op", a->op);
    kv(b, "atomic", a->atomic);
    kv(b, "size", a->size);
    kx(b, "addr", a->addr);
    kx(b, "pc", a->pc);
    if (a->seq != ~0ull)
        kv(b, "seq", a->seq);
    fmt_str(b, " stack=");
    if (a->nstack == ~0u) {
        fmt_str(b, "missing");
    } else {
        for (u32 i = 0; i < a->nstack; i++) {
            if (i)
                fmt_char(b, ',');
            fmt_hex(b, a->stack[i]);
        }
    }
    fmt_char(b, '\n');
}

void findings_emit(int exit_status)
{
    if (emitted)
        return;
    emitted = true;
    int fd = (int)(long)g_opt.report_fd;
    if (fd < 0)
        fd = 2; /* TODO(standalone): render through the driver */
    for (struct fnd *f = first; f; f = f->next)
        collect_after(f);
    if (!outbuf)
        outbuf = arena_map(OUTBUF_SIZE);
    struct fmtbuf b = fmt_init(outbuf, OUTBUF_SIZE);
    fmt_str(&b, "interleave-findings version=1\n");
    fmt_str(&b, "run");
    kv(&b, "pid", (u64)getpid());
    kv(&b, "seed", g_opt.seed);
    ks(&b, "policy", g_opt.policy);
    fmt_char(&b, '\n');
    struct modctx m = {.b = &b, .fd = fd};
    dl_iterate_phdr(emit_module, &m);
    for (u32 i = 0; i < g_nthreads; i++) {
        struct ithread *t = g_threads[i];
        fmt_str(&b, "thread");
        kv(&b, "tid", i);
        kv(&b, "parent", t->parent == TID_NONE ? 0 : t->parent);
        kx(&b, "create_pc", t->create_pc);
        kx(&b, "start", t->start_fn);
        fmt_char(&b, '\n');
        if (b.len > OUTBUF_SIZE / 2)
            out_flush(&b, fd);
    }
    for (struct fnd *f = first; f; f = f->next) {
        fmt_str(&b, "finding");
        kv(&b, "id", f->id);
        ks(&b, "kind", kind_names[f->kind]);
        kx(&b, "addr", f->addr);
        kv(&b, "size", f->size);
        fmt_char(&b, '\n');
        if (f->kind == F_RACE || f->kind == F_LOST_UPDATE)
            emit_obj(&b, f);
        for (u32 i = 0; i < f->nacc; i++)
            emit_acc(&b, &f->acc[i]);
        for (u32 i = 0; i < f->nev; i++) {
            const struct hev *e = &f->ev[i];
            bool mark = false;
            for (int k = 0; k < 3; k++)
                mark |= f->mark_seq[k] == f->evseq[i];
            fmt_str(&b, "ev");
            kv(&b, "seq", f->evseq[i]);
            kv(&b, "tid", e->tid);
            fmt_str(&b, " op=");
            fmt_char(&b, (char)e->op);
            kv(&b, "size", e->size);
            kx(&b, "addr", e->addr);
            kx(&b, "value", e->value);
            kx(&b, "pc", e->pc);
            kv(&b, "mark", mark);
            if (f->gap_at && i == f->gap_at)
                kv(&b, "gap", 1);
            fmt_char(&b, '\n');
        }
        fmt_str(&b, f->notes);
        fmt_str(&b, "end");
        kv(&b, "id", f->id);
        fmt_char(&b, '\n');
        if (b.len > OUTBUF_SIZE / 2)
            out_flush(&b, fd);
    }
    fmt_str(&b, "summary");
    kv(&b, "findings", nfound);
    kv(&b, "suppressed", nsuppressed);
    kv(&b, "events", g_seq);
    kv(&b, "switches", g_switches);
    kv(&b, "steals", g_steals);
    kv(&b, "threads", g_nthreads);
    kv(&b, "instrumented", __atomic_load_n(&g_tsan_inits, __ATOMIC_RELAXED));
    fmt_str(&b, " status=");
    if (exit_status < 0)
        fmt_char(&b, '-'), fmt_dec(&b, (u64) - (long)exit_status);
    else
        fmt_dec(&b, (u64)exit_status);
    fmt_char(&b, '\n');
    out_flush(&b, fd);
}
