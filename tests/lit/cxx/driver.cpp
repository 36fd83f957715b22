// `interleave c++` and `interleave-c++`: the C driver's plan with g++ or
// clang++ (INTERLEAVE_CXX; g++ by default), the C++ sources recognised by
// their suffixes, errors that say `interleave c++:`, and the help for CXX=.
// RUN: %icxx --interleave-dry-run -O1 %s -o %t | FileCheck --check-prefix=GXX %s
// GXX: {{.*}}g++ -O1 {{.*}}driver.cpp -c -o {{.*}}interleave-cc-XXXXXX-0.o -fsanitize=thread -g -fno-omit-frame-pointer{{$}}
// GXX-NEXT: {{.*}}g++ -O1 {{.*}}interleave-cc-XXXXXX-0.o -o {{.*}} -Wl,--whole-archive {{.*}}/libinterleave_rt.a -Wl,--no-whole-archive -Wl,--dynamic-list={{.*}}/libinterleave_rt.syms -lpthread -ldl -lrt{{$}}
// GXX-NOT: {{.}}
//
// RUN: env INTERLEAVE_CXX=clang++ %interleave c++ --interleave-dry-run -c %s -o %t.o | FileCheck --check-prefix=CLANGXX %s
// CLANGXX: {{.*}}clang++ -c {{.*}}driver.cpp -o {{.*}}.o -fsanitize=thread -g -fno-omit-frame-pointer -mllvm -tsan-instrument-read-before-write=1 -Wthread-safety -gdwarf-aranges{{$}}
//
// Every C++ suffix is a source: two of them here, each compiled on its own.
// RUN: %icxx --interleave-dry-run a.cc b.cxx c.o -o prog | FileCheck --check-prefix=SPLIT %s
// SPLIT: g++ a.cc -c -o {{.*}}-0.o
// SPLIT-NEXT: g++ b.cxx -c -o {{.*}}-1.o
// SPLIT-NEXT: g++ {{.*}}-0.o {{.*}}-1.o c.o -o prog
//
// RUN: env INTERLEAVE_CXX=no-such-compiler-xyz not %icxx -c %s -o %t.o 2>&1 | FileCheck --check-prefix=NOCXX %s
// NOCXX: interleave c++: INTERLEAVE_CXX=no-such-compiler-xyz: no such program
// RUN: env INTERLEAVE_CXX=%icxx not %icxx -c %s -o %t.o 2>&1 | FileCheck --check-prefix=SELF %s
// SELF: interleave c++: the real compiler {{.*}} is interleave itself: set INTERLEAVE_CXX to g++ or clang++
// INTERLEAVE_CC is the C driver's, not this one's.
// RUN: env INTERLEAVE_CC=no-such-compiler-xyz %icxx --interleave-dry-run -c %s | FileCheck --check-prefix=CCVAR %s
// CCVAR: g++ -c
//
// RUN: %icxx --help | FileCheck --check-prefix=HELP %s
// RUN: %interleave c++ --help | FileCheck --check-prefix=HELP %s
// HELP: usage: interleave c++ [compiler arguments]   (or: interleave-c++ ...)
// HELP: Use it as CXX= in
// HELP: -DCMAKE_CXX_COMPILER=interleave-c++
// HELP: INTERLEAVE_CXX        the real compiler (default: g++, else clang++, else c++)
// RUN: %interleave --help | FileCheck --check-prefix=LIST %s
// LIST: {{^}}  cc  {{.*}}interleave-cc
// LIST-NEXT: {{^}}  c++  {{.*}}interleave-c++
int main()
{
    return 0;
}
