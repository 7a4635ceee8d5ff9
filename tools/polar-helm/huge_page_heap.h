#pragma once
// The heap of a polar-helm process on transparent huge pages.
//
// A render allocates a few megabytes of small objects (decoded syntax,
// values) and exits. Each fresh 4 KiB page of that heap costs a page fault,
// and on the virtual machines builds run on a fault costs tens of
// microseconds: faulting in the heap was the largest single cost of a warm
// render (BENCHMARKS.md, "Session 9"). With the heap's address range
// advised for transparent huge pages, a 2 MiB page is faulted in at once.

namespace polar::cli {

// Moves the program break to a 2 MiB boundary and has the heap grow from
// there in steps the kernel may back with huge pages (madvise
// MADV_HUGEPAGE). Call first thing in main; does nothing where the kernel
// refuses (transparent huge pages off, or not on this system) or when
// POLAR_HELM_NO_HUGE_PAGES is set to anything but 0, false, no or empty
// (the kernel may stall a huge page fault or MADV_COLLAPSE to compact
// memory; docs/rendering.md, "Huge pages").
void use_huge_pages_for_heap();

} // namespace polar::cli
