/* The kinds of event a scheduling decision is about: the runtime writes them in
 * the `step` records of an explored execution, the driver reads them
 * (docs/internals/explore.md). One list for both: X(ENUM, wire name). */
#ifndef ILV_MODEL_OPS_H
#define ILV_MODEL_OPS_H

#define EVENT_OPS(X)                                                                               \
    X(SYNC, "sync")                                                                                \
    X(R, "r")                                                                                      \
    X(W, "w")                                                                                      \
    X(U, "u")                                                                                      \
    X(AR, "ar")                                                                                    \
    X(AW, "aw")                                                                                    \
    X(LOCK, "lock")                                                                                \
    X(UNLOCK, "unlock")                                                                            \
    X(WAIT, "wait")                                                                                \
    X(SIGNAL, "signal")                                                                            \
    X(CREATE, "create")                                                                            \
    X(JOIN, "join")                                                                                \
    X(EXIT, "exit")                                                                                \
    X(YIELD, "yield")                                                                              \
    X(START, "start")

#endif
