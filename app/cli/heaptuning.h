#pragma once

namespace wslab::app {

// Frames and messages pass through the heap at up to gigabytes a second (a payload is unmasked into
// a new array, recorded, printed or shown, and freed). By default glibc gives the top of the heap
// back to the kernel whenever 128 KiB are free there and maps every block over 128 KiB on its own,
// so the next frames fault in fresh pages: about a fifth of a relay's time with capture on, and of
// a file window's reading. Keeping up to 32 MiB of freed heap, and taking blocks of up to 4 MiB
// from it, lets them reuse warm memory. Called first thing in main(), before any thread starts.
void tuneHeapForPayloads();

} // namespace wslab::app
