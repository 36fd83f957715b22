// -MMD on a compile-and-link line names the dependency file after -o, like
// gcc does, not after the driver's temporary object.
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: env INTERLEAVE_CC=gcc %icc -MMD -fsyntax-only %s
// RUN: env INTERLEAVE_CC=gcc INTERLEAVE_CC_DRYRUN=1 %icc -MMD %s -o %t.dir/prog | FileCheck %s
// CHECK: -MMD {{.*}}deps.c -c -o {{.*}} -MF {{.*}}.dir/prog.d -MT {{.*}}.dir/prog -fsanitize=thread
// CHECK-NOT: -MMD

int main(void)
{
    return 0;
}
