package wasmjs

// doublingMemory backs a linear memory with a Go slice whose capacity at least doubles whenever
// memory.grow outgrows it. wazero's own growth appends, which for large slices adds only a
// quarter: a Go guest whose heap creeps up a few pages at a time (as one does while it handles
// messages and rarely collects) had its whole memory copied over and over. The backing slice
// stays on the Go heap, so an ArrayBuffer JavaScript still holds after the module closed keeps
// reading valid bytes, as it does in a browser.
type doublingMemory struct {
	buf []byte
	max uint64
	// grown, if set, is called after every successful growth (the JavaScript side detaches
	// its ArrayBuffer then).
	grown func()
}

// newDoublingMemory makes the memory for wazero's MemoryAllocator: capacity starts at what
// wazero asks for.
func newDoublingMemory(capacity, maximum uint64) *doublingMemory {
	return &doublingMemory{buf: make([]byte, 0, capacity), max: maximum}
}

// Reallocate implements wazero's experimental.LinearMemory.
func (m *doublingMemory) Reallocate(size uint64) []byte {
	if size > m.max {
		return nil
	}
	if size <= uint64(cap(m.buf)) {
		// A linear memory never shrinks, so the bytes past len are still make's zeros.
		m.buf = m.buf[:size]
	} else {
		c := max(size, 2*uint64(cap(m.buf)))
		c = min(c, m.max)
		b := make([]byte, size, c)
		copy(b, m.buf)
		m.buf = b
	}
	if m.grown != nil {
		m.grown()
	}
	return m.buf
}

// Free implements wazero's experimental.LinearMemory; the garbage collector reclaims the bytes.
func (m *doublingMemory) Free() { m.buf = nil }
