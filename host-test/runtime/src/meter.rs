//! Store limits that also know how large each of the guest's linear memories is, so the size a
//! call left behind can be read (the bench's memory figures) without a second host state.

use wasmtime::{ResourceLimiter, StoreLimits};

pub(crate) struct MemoryMeter {
    inner: StoreLimits,
    /// Current byte size of each memory, in creation order.
    memories: Vec<usize>,
    /// The last growth allowed, to undo it if the growth then failed: (index, previous size).
    last: Option<(usize, usize)>,
}

impl MemoryMeter {
    pub(crate) fn new(inner: StoreLimits) -> Self {
        MemoryMeter { inner, memories: Vec::new(), last: None }
    }

    pub(crate) fn total(&self) -> usize {
        self.memories.iter().sum()
    }

    pub(crate) fn count(&self) -> usize {
        self.memories.len()
    }
}

impl ResourceLimiter for MemoryMeter {
    fn memory_growing(&mut self, current: usize, desired: usize, maximum: Option<usize>) -> wasmtime::Result<bool> {
        let allowed = self.inner.memory_growing(current, desired, maximum)?;
        if allowed {
            // The limiter does not say which memory grows; sizes are distinct enough in practice,
            // and a memory being created is reported as growing from 0.
            match self.memories.iter().rposition(|m| *m == current) {
                Some(i) if current > 0 || desired == 0 => {
                    self.last = Some((i, current));
                    self.memories[i] = desired;
                }
                _ => {
                    self.memories.push(desired);
                    self.last = Some((self.memories.len() - 1, 0));
                }
            }
        }
        Ok(allowed)
    }

    fn memory_grow_failed(&mut self, error: wasmtime::Error) -> wasmtime::Result<()> {
        if let Some((i, previous)) = self.last.take() {
            self.memories[i] = previous;
        }
        self.inner.memory_grow_failed(error)
    }

    fn table_growing(&mut self, current: usize, desired: usize, maximum: Option<usize>) -> wasmtime::Result<bool> {
        self.inner.table_growing(current, desired, maximum)
    }

    fn table_grow_failed(&mut self, error: wasmtime::Error) -> wasmtime::Result<()> {
        self.inner.table_grow_failed(error)
    }

    fn instances(&self) -> usize {
        self.inner.instances()
    }

    fn tables(&self) -> usize {
        self.inner.tables()
    }

    fn memories(&self) -> usize {
        self.inner.memories()
    }
}
