//! The wasm modules' memory allocator: talc (MIT, maintained; faster than the dlmalloc Rust's
//! std uses on wasm, and 1.7 KB gzipped smaller in the query module), fed with the memory the
//! module starts with and then with memory grown in big steps.
//!
//! The source of memory is written here because talc's own wasm sources leave the memory the
//! module starts with unused (the build links 8 MiB: `scripts/build-web`) and grow the memory by
//! just what each allocation needs: one `memory.grow` per 64 KiB page as the heap fills, each
//! costing Chromium ~0.1 ms during a first load.

use core::alloc::Layout;
use core::arch::wasm32::{memory_grow, memory_size};
use core::ptr::NonNull;
use talc::base::{binning::Binning, Talc};
use talc::cell::TalcSyncCell;
use talc::source::Source;
use talc::wasm::WasmBinning;

const PAGE: usize = 64 * 1024;

extern "C" {
    /// Set by the linker: the end of the module's data and stack. The memory after it is free.
    static __heap_base: u8;
}

#[global_allocator]
static ALLOCATOR: TalcSyncCell<Memory, WasmBinning> = TalcSyncCell::new_wasm(Memory { started: false, end: None });

/// talc's source of memory: the module's free memory first, then `memory.grow`.
#[derive(Debug)]
pub struct Memory {
    /// Whether the memory past `__heap_base` was offered to talc (once, whatever came of it).
    started: bool,
    /// The end of the heap last claimed or extended, to extend it when the memory grows.
    end: Option<NonNull<u8>>,
}

// SAFETY: `acquire` only hands talc memory nothing else uses (past `__heap_base`, or just grown)
// and never allocates.
unsafe impl Source for Memory {
    fn acquire<B: Binning>(talc: &mut Talc<Self, B>, layout: Layout) -> Result<(), ()> {
        // At 4 GiB the byte count does not fit in a wasm32 usize: the end is then the top.
        let memory_end = memory_size::<0>().saturating_mul(PAGE);
        if !talc.source.started {
            talc.source.started = true;
            // Only the symbol's address is taken.
            let base = core::ptr::addr_of!(__heap_base) as usize;
            if base < memory_end {
                // SAFETY: from the heap base to the end of memory nothing else is stored.
                talc.source.end = unsafe { talc.claim(base as *mut u8, memory_end - base) };
                if talc.source.end.is_some() {
                    return Ok(());
                }
            }
        }
        // What the allocation needs (with room for talc's bookkeeping), and at least a quarter
        // of the memory so far: few grows however big the data. If the big step is refused, the
        // bare need may still fit.
        let need = (layout.size() + layout.align() + 1024).div_ceil(PAGE);
        let step = need.max(memory_size::<0>() / 4);
        let (old_pages, pages) = match memory_grow::<0>(step) {
            usize::MAX => match memory_grow::<0>(need) {
                usize::MAX => return Err(()),
                old => (old, need),
            },
            old => (old, step),
        };
        let base = (old_pages * PAGE) as *mut u8;
        let size = pages * PAGE;
        if let Some(end) = talc.source.end.take() {
            if end.as_ptr() == base {
                // SAFETY: the grown memory continues the heap that ends at `end`.
                let new_end = (base as usize).saturating_add(size) as *mut u8;
                talc.source.end = Some(unsafe { talc.extend(end, new_end) });
                return Ok(());
            }
        }
        // SAFETY: the memory just grown is used by nothing else.
        talc.source.end = unsafe { talc.claim(base, size) };
        Ok(())
    }
}
