#pragma once

namespace wslab::app {

// Frames and messages pass through the heap at up to gigabytes a second (a payload is unmasked into
// a new array, recorded, printed or shown, and freed). By default glibc gives the top of the heap
// back to the kernel whenever 128 KiB are free there and maps every block over 128 KiB on its own,
// so the next frames fault in fresh pages: about a fifth of a relay's time with capture on, and
// five times the CPU for 64 KiB frames after a flood of small ones. Keeping up to 32 MiB of freed
// heap, and taking blocks of up to 32 MiB from it (glibc's own ceiling when it adapts the bound),
// lets them reuse warm memory; a smaller bound (4 MiB) left a file window's batches of 16,384
// records (5 MB) to be mapped afresh, page by page, every time. Called first thing in main(),
// before any thread starts.
void tuneHeapForPayloads();

} // namespace wslab::app
